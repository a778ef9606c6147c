// Runs inside Chromium: store a synthetic year in IndexedDB, then time reading it back (the floor) and compiling it.
import Dexie from 'dexie'
import { compileYearReport } from '../../src/shared/report/compile'
import { makeSyntheticRoster, makeSyntheticYear } from '../../src/shared/report/synthetic'

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)] ?? NaN
}

async function runCompileBench(n: number, rounds = 5) {
  const year = 2026
  const db = new Dexie(`compile-bench-${n}-${Date.now()}`)
  db.version(1).stores({ activities: 'id, date' })
  const table = db.table('activities')
  await table.bulkPut(makeSyntheticYear(n, year, 42))
  const roster = makeSyntheticRoster(30, 7)
  const reads: number[] = []
  const compiles: number[] = []
  let recordsCounted = 0
  for (let i = 0; i < rounds + 1; i++) {
    let t = performance.now()
    const rows = await table.where('date').between(`${year}-01-01`, `${year}-12-31`, true, true).toArray()
    const read = performance.now() - t
    t = performance.now()
    const report = compileYearReport({ records: rows, roster, year })
    const compile = performance.now() - t
    recordsCounted = report.records.value
    if (i > 0) { reads.push(read); compiles.push(compile) } // first round warms up the JIT
  }
  await db.delete()
  return { n, readMs: median(reads), compileMs: median(compiles), recordsCounted }
}

(window as unknown as { runCompileBench: typeof runCompileBench }).runCompileBench = runCompileBench
