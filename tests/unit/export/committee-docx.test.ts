// The committee's roll-up as a Word file, laid out by LibreOffice (Debian libreoffice-writer-nogui + poppler-utils):
// the draft on 公文 pages, the table as a landscape appendix with every branch and the totals, rates ≤ 100 %.
import { execFileSync, spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { buildCommitteeDocx, committeeColumnWidths } from '../../../src/client/export/committeeDocx'
import { LANDSCAPE_TEXT_WIDTH_MM, MM } from '../../../src/client/export/gongwen'
import { committeeDraft } from '../../../src/shared/report/committee-draft'
import type { CommitteeTable } from '../../../src/shared/report/committee'

const has = (command: string, arg: string) => spawnSync(command, [arg], { stdio: 'ignore' }).status === 0
const canRender = has('soffice', '--version') && has('pdftotext', '-v')
if (!canRender) console.warn('committee-docx.test.ts: rendering skipped, soffice or pdftotext missing (apt-get install -y libreoffice-writer-nogui poppler-utils)')

const dir = process.env.RENDER_OUT ?? mkdtempSync(join(tmpdir(), 'committee-docx-'))
afterAll(() => { if (!process.env.RENDER_OUT) rmSync(dir, { recursive: true, force: true }) })

/** LibreOffice without the 公文 fonts: stand the nearest free CJK faces in (as render.test.ts does). */
function fontsConf(): string {
  const alias = (family: string, to: string) => `<alias binding="same"><family>${family}</family><prefer><family>${to}</family></prefer></alias>`
  const file = join(dir, 'fonts.conf')
  writeFileSync(file, '<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig>'
    + '<include ignore_missing="yes">/etc/fonts/fonts.conf</include>'
    + ['方正小标宋简体', '仿宋_GB2312', '楷体_GB2312', '宋体'].map((f) => alias(f, 'Noto Serif CJK SC')).join('')
    + alias('黑体', 'Noto Sans CJK SC') + '</fontconfig>')
  return file
}

function renderPdf(name: string, bytes: Uint8Array): { pages: number; text: (first: number, last: number) => string } {
  const file = join(dir, `${name}.docx`)
  writeFileSync(file, bytes)
  execFileSync('soffice', ['--headless', `-env:UserInstallation=file://${dir}/profile`, '--convert-to', 'pdf', '--outdir', dir, file],
    { stdio: 'ignore', timeout: 150_000, env: { ...process.env, FONTCONFIG_FILE: fontsConf() } })
  const pdf = join(dir, `${name}.pdf`)
  const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf]).toString())?.[1])
  return { pages, text: (first, last) => execFileSync('pdftotext', ['-f', String(first), '-l', String(last), pdf, '-']).toString() }
}

const unspaced = (text: string) => text.replace(/\s+/g, '')

const BRANCHES = ['第一党支部', '第二党支部', '机关第三党支部', '社区第四党支部', '第五党支部', '第六党支部']
const table: CommitteeTable = {
  year: 2026,
  committee: { name: '某街道党工委' },
  columns: [
    { key: 'records', label: '活动总数', unit: '次' },
    { key: 'type.generalMeeting', label: '支部党员大会', unit: '次' },
    { key: 'type.committeeMeeting', label: '支委会', unit: '次' },
    { key: 'type.groupMeeting', label: '党小组会', unit: '次' },
    { key: 'type.partyLecture', label: '党课', unit: '次' },
    { key: 'type.themeDay', label: '主题党日', unit: '次' },
    { key: 'heartTalk.persons', label: '谈心谈话', unit: '人次' },
    { key: 'attendance.overall', label: '平均参会率', unit: '%' },
  ],
  branches: BRANCHES.map((branchName, i) => ({
    branchName,
    values: { records: 40 + i, 'type.generalMeeting': 4, 'type.committeeMeeting': 12 - (i % 3), 'type.groupMeeting': 10, 'type.partyLecture': 4, 'type.themeDay': 12, 'heartTalk.persons': 20 + i, 'attendance.overall': 100 - i * 3 },
    missedCount: i % 3,
    missedRules: i % 3 === 0 ? [] : [{ label: '支委会每月至少1次', missed: ['3月', '4月'].slice(0, i % 3) }],
  })),
  totals: { records: 255, 'type.generalMeeting': 24, 'type.committeeMeeting': 66, 'type.groupMeeting': 60, 'type.partyLecture': 24, 'type.themeDay': 72, 'heartTalk.persons': 135, 'attendance.overall': 93 },
}

describe('the committee roll-up as Word', () => {
  it('fits the table columns to the landscape text width', () => {
    const widths = committeeColumnWidths(3 + table.columns.length)
    expect(widths).toHaveLength(11)
    expect(Math.abs(widths.reduce((a, b) => a + b, 0) - LANDSCAPE_TEXT_WIDTH_MM * MM)).toBeLessThan(10)
  })

  it.skipIf(!canRender)('renders the draft on 公文 pages and the whole table in LibreOffice', async () => {
    const draft = committeeDraft({ table, today: '2026-12-20', reviews: ['approved', 'approved', 'submitted', 'returned', 'none', 'none'] })
    const { pages, text } = renderPdf('committee', await buildCommitteeDocx(draft, table))
    // 22 lines a page: this draft takes two portrait pages, the table one landscape page
    expect(pages).toBe(3)
    const first = unspaced(text(1, 1))
    const draftText = unspaced(text(1, pages - 1))
    // the title broken after the committee's name, the body in its sentences, signed and dated, "— 1 —"
    expect(first.startsWith('2026年度某街道党工委抓基层党建工作情况报告')).toBe(true)
    for (const p of [draft.opening, ...draft.sections.flatMap((s) => [s.heading, ...s.paragraphs])]) expect(draftText).toContain(unspaced(p))
    expect(draftText).toContain('2026年12月20日')
    expect(first).toContain('—1—')
    const appendix = unspaced(text(pages, pages))
    expect(appendix).toContain('附表：某街道党工委2026年各支部情况汇总')
    for (const name of BRANCHES) expect(appendix).toContain(name)
    expect(appendix).toContain('合计')
    expect(appendix).toContain('支委会每月至少1次：3月、4月')
    const rates = (text(pages, pages).match(/\d+%/g) ?? []).map((r) => Number(r.slice(0, -1)))
    expect(rates).toHaveLength(BRANCHES.length + 1)
    expect(rates.every((r) => r <= 100)).toBe(true)
  }, 180_000)
})
