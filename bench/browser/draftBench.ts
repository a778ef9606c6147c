// Runs inside Chromium: store a synthetic year in IndexedDB, then time reading it back (the floor) against what
// the secretary's 导出Word does: compile the year, build the whole 述职报告 draft with its live numbers, and write
// the .docx with its 台账 appendix (src/client/report/draftExport.ts → src/client/export/docx.ts).
import Dexie from 'dexie'
import { buildReportDocx } from '../../src/client/export/docx'
import { draftDocxPayload } from '../../src/client/report/draftExport'
import { compileYearReport } from '../../src/shared/report/compile'
import { buildReportDraft, draftDocument, draftValues } from '../../src/shared/report/draft'
import { makeSyntheticRoster, makeSyntheticYear } from '../../src/shared/report/synthetic'
import type { ActivityRecord } from '../../src/shared/model/activity'

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)] ?? NaN
}

async function runDraftBench(n: number, rounds = 3) {
  const year = 2026
  const db = new Dexie(`draft-bench-${n}-${Date.now()}`)
  db.version(1).stores({ activities: 'id, date' })
  const table = db.table<ActivityRecord>('activities')
  await table.bulkPut(makeSyntheticYear(n, year, 7))
  const roster = makeSyntheticRoster(30, 7)
  const reads: number[] = []
  const drafts: number[] = []
  const totals: number[] = []
  let bytes = 0
  let paragraphs = 0
  for (let i = 0; i < rounds + 1; i++) {
    let t = performance.now()
    const records = await table.where('date').between(`${year}-01-01`, `${year}-12-31`, true, true).toArray()
    const read = performance.now() - t
    t = performance.now()
    const report = compileYearReport({ records, roster, year })
    const parts = buildReportDraft(report)
    const values = draftValues(report, { branchName: '基准测试党支部', secretaryName: '张三', today: `${year}-12-01` })
    const document = draftDocument(parts, values)
    const draft = performance.now() - t
    const payload = draftDocxPayload({ year, branchName: '基准测试党支部', records, document })
    const docx = await buildReportDocx({
      title: payload.title, opening: payload.opening, sections: payload.sections, signature: payload.signature,
      records, year, roster,
    })
    const total = performance.now() - t
    bytes = docx.byteLength
    paragraphs = document.sections.reduce((sum, s) => sum + s.paragraphs.length, 0)
    if (i > 0) { reads.push(read); drafts.push(draft); totals.push(total) } // the first round warms up the JIT
  }
  await db.delete()
  return { n, readMs: median(reads), draftMs: median(drafts), totalMs: median(totals), bytes, paragraphs }
}

(window as unknown as { runDraftBench: typeof runDraftBench }).runDraftBench = runDraftBench
