// Runs inside Chromium: store a synthetic year in IndexedDB, then time reading it back (the floor) and writing the
// 台账 .xlsx from it (src/client/export/xlsx.ts: the six type-group sheets and 党员个人年度情况).
import Dexie from 'dexie'
import { writeLedgerXlsx } from '../../src/client/export/xlsx'
import { buildLedgerSheets } from '../../src/shared/export/ledgerSheets'
import { makeSyntheticRoster, makeSyntheticYear } from '../../src/shared/report/synthetic'
import type { ActivityRecord } from '../../src/shared/model/activity'

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)] ?? NaN
}

async function runXlsxBench(n: number, rounds = 3) {
  const year = 2026
  const db = new Dexie(`xlsx-bench-${n}-${Date.now()}`)
  db.version(1).stores({ activities: 'id, date' })
  const table = db.table<ActivityRecord>('activities')
  await table.bulkPut(makeSyntheticYear(n, year, 42))
  const roster = makeSyntheticRoster(30, 42)
  const reads: number[] = []
  const writes: number[] = []
  const sheetTimes: number[] = []
  let bytes = 0
  let rowCount = 0
  for (let i = 0; i < rounds + 1; i++) {
    let t = performance.now()
    const rows = await table.where('date').between(`${year}-01-01`, `${year}-12-31`, true, true).toArray()
    const read = performance.now() - t
    t = performance.now()
    const sheets = buildLedgerSheets({ records: rows, year, branchName: '基准测试党支部', roster, exportedAt: '2026-12-01 10:00' })
    const built = performance.now() - t
    const blob = await writeLedgerXlsx(sheets)
    const write = performance.now() - t
    bytes = blob.size
    rowCount = sheets.reduce((n, s) => n + s.rows.length, 0)
    if (i > 0) { reads.push(read); writes.push(write); sheetTimes.push(built) } // first round warms up the JIT
  }
  await db.delete()
  return { n, readMs: median(reads), writeMs: median(writes), sheetsMs: median(sheetTimes), bytes, rowCount }
}

(window as unknown as { runXlsxBench: typeof runXlsxBench }).runXlsxBench = runXlsxBench
