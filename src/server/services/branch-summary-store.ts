// Branches' year summaries (report-branches.ts) kept in the database, beside the copy each process keeps in
// memory: a restarted process, or a second one over the same PostgreSQL, reads them instead of compiling every
// branch of a committee again (docs/scale.md). A stored summary is used only under the signature it was compiled
// for (the code that compiled it, the branch's version, the China month), so it is never served for other records
// or by another build.
import { createHash } from 'node:crypto'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { ChinaDate } from '../../shared/dates'
import type { Db, SqlValue } from '../storage/db'
import { storableTally, tallyFromStored, type StoredYearTally } from '../../shared/report/tally'
import type { BranchYearSummary } from './report-branches'

/** A summary as stored: its tally by path name (tally.ts). */
type StoredSummary = Omit<BranchYearSummary, 'tally'> & { tally: StoredYearTally }

function toStored(summary: BranchYearSummary): string {
  const stored: StoredSummary = { ...summary, tally: storableTally(summary.tally) }
  return JSON.stringify(stored)
}

function fromStored(text: string): BranchYearSummary {
  const stored = JSON.parse(text) as StoredSummary
  return { ...stored, tally: tallyFromStored(stored.tally) }
}

/** Every .ts file under `roots`, by path and content: what the code is, whatever it is deployed as. */
export function fingerprintSources(roots: readonly string[]): string {
  const hash = createHash('sha256')
  const visit = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const path = join(dir, entry.name)
      if (entry.isDirectory()) visit(path)
      else if (entry.name.endsWith('.ts')) hash.update(`${path.slice(dir.length)}\0`).update(readFileSync(path)).update('\0')
    }
  }
  for (const root of roots) visit(root)
  return hash.digest('base64url').slice(0, 16)
}

let code: string | undefined

/**
 * The code that compiles summaries: src/shared (the compiler, the rules, the model) and these services. A new build
 * compiles each branch again once, as when summaries lived in memory only. Where the sources cannot be read (a
 * bundled build), each process has its own value: stored summaries are then only ever its own.
 */
function compilerFingerprint(): string {
  if (code === undefined) {
    try {
      code = fingerprintSources([fileURLToPath(new URL('../../shared', import.meta.url)), fileURLToPath(new URL('.', import.meta.url))])
    } catch {
      code = `process-${process.pid}-${Date.now()}`
    }
  }
  return code
}

/**
 * What a summary depends on: the code, the branch's records (its version) and the month. The month, not the day:
 * every rule period ends at a month's end (month, quarter, year), so which periods are over, and so what was
 * missed, changes only when the month does (tests/server/branch-summary-store.test.ts checks every day of a year).
 */
export function summarySignature(version: number, today: ChinaDate): string {
  return `${compilerFingerprint()} ${version} ${today.slice(0, 7)}`
}

/** IN lists are sent this many ids at a time (PostgreSQL and SQLite both cap bound parameters). */
const CHUNK = 500

/** The stored summaries of `branchIds` for `year` whose signature is the one given; others are left out. */
export async function readStoredSummaries(db: Db, year: number, wanted: ReadonlyMap<string, string>): Promise<Map<string, BranchYearSummary>> {
  const out = new Map<string, BranchYearSummary>()
  const ids = [...wanted.keys()]
  for (let start = 0; start < ids.length; start += CHUNK) {
    const chunk = ids.slice(start, start + CHUNK)
    const rows = await db.all<{ branch_id: string; signature: string; summary: string }>(
      `SELECT branch_id, signature, summary FROM branch_year_summaries
       WHERE year = $1 AND branch_id IN (${chunk.map((_, i) => `$${i + 2}`).join(', ')})`, [year, ...chunk])
    for (const row of rows) {
      if (wanted.get(row.branch_id) === row.signature) out.set(row.branch_id, fromStored(row.summary))
    }
  }
  return out
}

export interface SummaryToStore {
  branchId: string
  version: number
  signature: string
  summary: BranchYearSummary
}

/**
 * Keep freshly compiled summaries. A summary of an older branch version never replaces a newer one (two processes
 * may compile the same branch at different versions); a lost write only means compiling that branch again.
 */
export async function storeSummaries(db: Db, year: number, summaries: readonly SummaryToStore[], now: number): Promise<void> {
  try {
    await writeSummaries(db, year, summaries, now)
  } catch (err) {
    // best effort: the table is served from what was compiled; a later one compiles these branches again
    console.error(`branch summaries: not stored (${String(err)})`)
  }
}

async function writeSummaries(db: Db, year: number, summaries: readonly SummaryToStore[], now: number): Promise<void> {
  const perRow = 6
  const rowsPerStatement = Math.floor(CHUNK / perRow)
  for (let start = 0; start < summaries.length; start += rowsPerStatement) {
    const chunk = summaries.slice(start, start + rowsPerStatement)
    const params: SqlValue[] = []
    const values = chunk.map((s, i) => {
      params.push(s.branchId, year, s.version, s.signature, toStored(s.summary), now)
      const at = i * perRow
      return `($${at + 1}, $${at + 2}, $${at + 3}, $${at + 4}, $${at + 5}, $${at + 6})`
    })
    await db.run(
      `INSERT INTO branch_year_summaries (branch_id, year, branch_version, signature, summary, updated_at)
       VALUES ${values.join(', ')}
       ON CONFLICT (branch_id, year) DO UPDATE SET branch_version = excluded.branch_version,
         signature = excluded.signature, summary = excluded.summary, updated_at = excluded.updated_at
       WHERE branch_year_summaries.branch_version <= excluded.branch_version`, params)
  }
}
