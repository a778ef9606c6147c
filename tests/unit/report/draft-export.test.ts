import JSZip from 'jszip'
import { describe, expect, it } from 'vitest'
import { buildReportDocx } from '../../../src/client/export/docx'
import { buildReportDraft, compileYearReport, draftDocument, draftFigureChanges, draftValues, mergeDraft } from '../../../src/shared/report'
import { draftDocxPayload, draftExportWarnings, unnumberedHeading } from '../../../src/client/report/draftExport'
import { makeRecord } from './fixtures'

const context = { branchName: '第一党支部', secretaryName: '王书记', today: '2026-12-01' }

describe('exporting the draft', () => {
  it('asks first for an empty year, numbers typed by hand and new figures an edited paragraph leaves out', () => {
    expect(draftExportWarnings(0, [], [])).toEqual(['这一年还没有任何记录，报告里没有统计数字。'])
    expect(draftExportWarnings(5, [{ partId: 'p', text: '12', context: '召开支委会12次。' }], [])).toEqual([
      '有 1 处数字是手动输入的，不会随记录更新，可能与记录不符：“…召开支委会12次。…”。',
    ])
    expect(draftExportWarnings(5, [], [{ key: 'type.groupMeeting', label: '党小组会', unit: '次', old: 0, new: 1, notInText: true }]))
      .toEqual(['党小组会有了新的统计，但您改过的段落里没有写。'])
    expect(draftExportWarnings(5, [], [{ key: 'type.committeeMeeting', label: '支委会', unit: '次', old: 1, new: 2, notInText: false }])).toEqual([])
  })

  it('gives the Word export the title, opening, the three sections (unnumbered for its own numbering) and the closing', () => {
    const report = compileYearReport({ records: [makeRecord({ id: 'cm', types: ['committeeMeeting'], date: '2026-02-01' })], year: 2026 })
    const parts = mergeDraft(buildReportDraft(report), {})
    const doc = draftDocument(parts, draftValues(report, context))
    const payload = draftDocxPayload({ year: 2026, branchName: '第一党支部', records: [], document: doc })
    expect(payload.title).toBe('2026年度第一党支部书记抓基层党建工作述职报告')
    expect(payload.opening).toHaveLength(1)
    expect(payload.sections.map((s) => s.heading)).toEqual(['主要做法和成效', '存在问题', '下一步工作思路和措施'])
    expect(payload.sections[0]!.paragraphs[1]).toContain('今年以来，召开支委会1次。')
    expect(payload.closing).toEqual(['述职人：王书记', '2026年12月1日'])
    expect(payload.text.split('\n')[0]).toBe(payload.opening[0])
    expect(payload.signature).toEqual(payload.closing)
    expect(unnumberedHeading('十二、其他')).toBe('其他')
    expect(draftFigureChanges(parts, report, {})).toEqual([
      { key: 'type.committeeMeeting', label: '支委会', unit: '次', old: 0, new: 1, notInText: false },
    ])
  })

  it('the Word file holds the whole draft: title, opening, 一、二、三、 and the signature', async () => {
    const report = compileYearReport({ records: [makeRecord({ id: 'cm', types: ['committeeMeeting'], date: '2026-02-01' })], year: 2026 })
    const doc = draftDocument(mergeDraft(buildReportDraft(report), {}), draftValues(report, context))
    const payload = draftDocxPayload({ year: 2026, branchName: '第一党支部', records: [], document: doc })
    const bytes = await buildReportDocx({ ...payload, year: 2026 })
    const xml = await (await JSZip.loadAsync(bytes)).file('word/document.xml')!.async('string')
    const text = xml.replace(/<[^>]+>/g, '')
    for (const part of ['书记抓基层党建工作述职报告', '一、主要做法和成效', '二、存在问题', '三、下一步工作思路和措施', '述职人：王书记', '召开支委会1次']) {
      expect(text).toContain(part)
    }
  })
})
