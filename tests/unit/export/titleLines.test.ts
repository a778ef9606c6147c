import { describe, expect, it } from 'vitest'
import { breakTitle, TITLE_LINE_CHARS, titleWidth } from '../../../src/shared/export/titleLines'
import { reportTitle, reportTitleBreak } from '../../../src/client/report/exportReport'

describe('breakTitle', () => {
  it('keeps a short title on one line', () => {
    expect(breakTitle('会议记录')).toEqual(['会议记录'])
  })

  it('breaks the report title after the branch name, never inside 基层', () => {
    const title = reportTitle(2026, '红星社区第一党支部')
    const lines = breakTitle(title, { afterBranchAt: reportTitleBreak(2026, '红星社区第一党支部') })
    expect(lines).toEqual(['2026年度红星社区第一党支部', '书记抓基层党建工作述职报告'])
  })

  it('finds a word boundary by itself when no branch break is given', () => {
    const lines = breakTitle('2025年度第一党支部书记抓基层党建工作述职报告')
    expect(lines.join('')).toBe('2025年度第一党支部书记抓基层党建工作述职报告')
    expect(lines).toHaveLength(2)
    for (const line of lines) expect(titleWidth(line)).toBeLessThanOrEqual(TITLE_LINE_CHARS)
    expect(lines.some((l) => l.endsWith('抓基'))).toBe(false)
    expect(lines[0]).toMatch(/(党支部|书记)$/)
  })

  it('breaks a long branch name at its own word ends and keeps every line within the width', () => {
    const title = reportTitle(2026, '某某市某某区某某街道幸福里社区党委第三党支部')
    const lines = breakTitle(title, { afterBranchAt: reportTitleBreak(2026, '某某市某某区某某街道幸福里社区党委第三党支部') })
    expect(lines.join('')).toBe(title)
    for (const line of lines) expect(titleWidth(line)).toBeLessThanOrEqual(TITLE_LINE_CHARS)
    expect(lines.at(-1)).toBe('书记抓基层党建工作述职报告')
  })
})
