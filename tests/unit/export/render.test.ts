// The Word files as LibreOffice lays them out (Debian libreoffice-writer-nogui + poppler-utils): page count and
// text of the PDF it prints. Without the 公文 fonts LibreOffice sets them in Noto Serif / Sans CJK (see
// fontSubstitutes); the page grid, margins and line breaks are still those Word and WPS show.
import { execFileSync, spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { buildReportDocx } from '../../../src/client/export/docx'
import { buildMinutesDocx } from '../../../src/client/export/minutesDocx'
import { buildMeetingMinutes, meetingsIn, MINUTES_LABELS } from '../../../src/shared/export/meetingMinutes'
import { makeSyntheticRoster, makeSyntheticYear } from '../../../src/shared/report/synthetic'
import { recordsOfYear } from '../../../src/shared/report/select'
import { reportTitle, reportTitleBreak } from '../../../src/client/report/exportReport'

const installed = (command: string, arg: string) => spawnSync(command, [arg], { stdio: 'ignore' }).status === 0
const canRender = installed('soffice', '--version') && installed('pdftotext', '-v')
if (!canRender) {
  console.warn('render.test.ts skipped: LibreOffice (soffice) or pdftotext is not installed. apt-get install -y libreoffice-writer-nogui poppler-utils')
}

// RENDER_OUT=/some/dir keeps the .docx and .pdf files there to look at (pdftoppm -png -r 60 FILE.pdf page)
const keep = process.env.RENDER_OUT
const dir = keep ?? mkdtempSync(join(tmpdir(), 'docx-render-'))
afterAll(() => { if (!keep) rmSync(dir, { recursive: true, force: true }) })

interface Rendered {
  pages: number
  /** the text of pages first..last, as pdftotext prints it */
  text(first?: number, last?: number): string
}

/**
 * Without the 公文 fonts, fontconfig gives LibreOffice its default CJK font (a sans) for every one of them. This
 * file lets it stand in the nearest free faces instead: serif for 小标宋, 仿宋 and 楷体, sans for 黑体.
 */
function fontSubstitutes(): string {
  const alias = (family: string, to: string) => `<alias binding="same"><family>${family}</family><prefer><family>${to}</family></prefer></alias>`
  const file = join(dir, 'fonts.conf')
  writeFileSync(file, '<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig>'
    + '<include ignore_missing="yes">/etc/fonts/fonts.conf</include>'
    + alias('方正小标宋简体', 'Noto Serif CJK SC') + alias('仿宋_GB2312', 'Noto Serif CJK SC') + alias('楷体_GB2312', 'Noto Serif CJK SC')
    + alias('宋体', 'Noto Serif CJK SC') + alias('黑体', 'Noto Sans CJK SC')
    + '</fontconfig>')
  return file
}

function render(name: string, bytes: Uint8Array): Rendered {
  const file = join(dir, `${name}.docx`)
  writeFileSync(file, bytes)
  execFileSync('soffice', ['--headless', `-env:UserInstallation=file://${dir}/profile`, '--convert-to', 'pdf', '--outdir', dir, file],
    { stdio: 'ignore', timeout: 150_000, env: { ...process.env, FONTCONFIG_FILE: fontSubstitutes() } })
  const pdf = join(dir, `${name}.pdf`)
  const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf]).toString())?.[1])
  return { pages, text: (first = 1, last = pages) => execFileSync('pdftotext', ['-f', String(first), '-l', String(last), pdf, '-']).toString() }
}

/** pdftotext may put spaces between CJK characters and digits; compare without them */
function unspaced(text: string): string {
  return text.replace(/\s+/g, '')
}

function lines(text: string): string[] {
  return text.split('\n').map(unspaced).filter((l) => l !== '')
}

const BRANCH = '红星社区第一党支部'
const YEAR = 2026
const records = makeSyntheticYear(106, YEAR, 7)
const roster = makeSyntheticRoster(30, 7) // the roster makeSyntheticYear(…, 7) draws attendance from
const BODY = '今年以来，组织主题党日活动11次，召开支部党员大会4次，召开支委会25次，开展支部书记讲党课4次。'

describe.skipIf(!canRender)('Word files rendered by LibreOffice', () => {
  it('sets the report on the 公文 page and the 台账 landscape, every date on one line', async () => {
    const bytes = await buildReportDocx({
      title: reportTitle(YEAR, BRANCH), titleBreakAt: reportTitleBreak(YEAR, BRANCH),
      opening: ['2026年，在街道党工委的正确领导下，本人认真履行党建工作第一责任人职责。现将本年度履职尽责情况述职如下：'],
      sections: [{ heading: '主要做法和成效', paragraphs: [BODY] }],
      signature: ['述职人：张三', '2026年12月20日'], records, year: YEAR, roster,
    })
    const { pages, text } = render('report', bytes)
    const first = lines(text(1, 1))
    // the title in two whole lines, broken after the branch name
    expect(first.slice(0, 2)).toEqual(['2026年度红星社区第一党支部', '书记抓基层党建工作述职报告'])
    // 28 characters a line: the body's first line holds 2 of indent and 26 characters
    expect(first.find((l) => l.startsWith('今年以来'))).toBe(BODY.slice(0, 26))
    expect(first).toContain('一、主要做法和成效')
    expect(first).toContain('述职人：张三')
    expect(first).toContain('—1—')
    // the appendix: every record of the year, no date broken over two lines, a sane number of pages
    const appendix = text(2, pages)
    expect(unspaced(appendix)).toContain(`共${recordsOfYear(records, YEAR).length}项活动`)
    expect(appendix).not.toMatch(/\d{4}-\d\d-\s*\n\s*\d\d/)
    expect(new Set(appendix.match(/2026-\d\d-\d\d/g)).size).toBeGreaterThan(60)
    expect(pages).toBeLessThanOrEqual(16) // 1 page of report, the 台账 of 105 records on at most 15 landscape pages
  }, 180_000)

  it('prints 会议记录 one meeting a page, every field of the form on it', async () => {
    const march = meetingsIn(records, { year: YEAR }).slice(0, 6)
    expect(march).toHaveLength(6)
    const { pages, text } = render('minutes', await buildMinutesDocx({ branchName: BRANCH, minutes: buildMeetingMinutes(march, roster) }))
    expect(pages).toBe(march.length)
    for (let p = 1; p <= pages; p++) {
      const page = unspaced(text(p, p))
      expect(page).toContain(`${BRANCH}会议记录`)
      for (const label of Object.values(MINUTES_LABELS)) expect(page).toContain(label)
      expect(page).toContain(march[p - 1]!.topic)
    }
  }, 180_000)
})
