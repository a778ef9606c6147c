// Branches' stored records as the report compiler reads them, and each branch's year summed up for its committee's
// table: its figures, its 缺 and its tally (src/shared/report/tally.ts), kept per branch and year under the branch's
// version and the China month, in this process (least recently used go first) and in the database
// (branch-summary-store.ts). A push to one branch moves its version, so a committee table after it recompiles that
// one branch and sums the others' kept tallies.
import * as z from 'zod/mini'
import type { ChinaDate } from '../../shared/dates'
import type { ActivityRecord } from '../../shared/model/activity'
import type { Member } from '../../shared/model/member'
import { chinaDateSchema } from '../../shared/model/fields'
import { type FrequencyRule, frequencyRuleSchema } from '../../shared/model/settings'
import {
  checkCompliance, effectiveTrackingSince, snapshotReportFigures, type ComplianceReport, type ReportFigureSnapshot,
} from '../../shared/report'
import { compileYearReportParts } from '../../shared/report/compile'
import { yearTally, type YearTally } from '../../shared/report/tally'
import { DEFAULT_RULES } from '../../shared/rules'
import type { Db, SqlValue } from '../storage/db'
import { RECORD_VIEW_COLUMNS, type RecordViewRow, recordView } from './records'
import { CompiledCache } from './report-cache'
import { readStoredSummaries, storeSummaries, summarySignature, type SummaryToStore } from './branch-summary-store'

/** What the compiler needs from one branch. */
export interface BranchData {
  activities: ActivityRecord[]
  roster: Member[]
  rules: FrequencyRule[]
  /** the settings' 开始记录日期, when set */
  trackingSince?: ChinaDate | undefined
  /** the settings' 党小组 names: per-group rules (党小组会) are checked once per group */
  groups?: string[] | undefined
}

const rulesSchema = z.array(frequencyRuleSchema)
const groupsSchema = z.array(z.string())

function emptyBranchData(): BranchData {
  return { activities: [], roster: [], rules: DEFAULT_RULES.map((r) => ({ ...r })) }
}

/**
 * Live activity, member and settings records of the branches matched by `where`, in one query, in entry
 * (version) order so figures list their record ids the way a device that pulled them would.
 * Every branch id in `branchIds` gets an entry, records or not (rows of other branches are skipped); rules default
 * to those of docs/domain.md.
 */
export async function loadBranchData(db: Db, where: string, params: readonly SqlValue[], branchIds: readonly string[]): Promise<Map<string, BranchData>> {
  const out = new Map<string, BranchData>(branchIds.map((id) => [id, emptyBranchData()]))
  const rows = await db.all<RecordViewRow & { branch_id: string }>(
    `SELECT branch_id, ${RECORD_VIEW_COLUMNS} FROM records
     WHERE ${where} AND deleted = 0 AND entity IN ('activity', 'member', 'settings')
     ORDER BY branch_id, version`, [...params])
  for (const row of rows) {
    const data = out.get(row.branch_id)
    if (!data) continue
    const view = recordView(row)
    if (row.entity === 'activity') data.activities.push(view as unknown as ActivityRecord)
    else if (row.entity === 'member') data.roster.push(view as unknown as Member)
    else if (row.id === row.branch_id) {
      const rules = rulesSchema.safeParse(view.rules)
      if (rules.success) data.rules = rules.data
      const since = chinaDateSchema.safeParse(view.trackingSince)
      if (since.success) data.trackingSince = since.data
      const groups = groupsSchema.safeParse(view.groups)
      if (groups.success) data.groups = groups.data
    }
  }
  for (const data of out.values()) {
    data.roster.sort((a, b) => a.order - b.order || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
  }
  return out
}

/**
 * The branch's rules against `year` as of `today`, the way the branch's own report screen checks them: periods
 * that ended before the branch started keeping its ledger in the app are not checked.
 */
export function branchCompliance(data: BranchData, year: number, today: ChinaDate): ComplianceReport {
  const since = effectiveTrackingSince(data, data.activities, today)
  return checkCompliance(data.activities, data.rules, year, today, undefined, { since, groups: data.groups })
}

/** One branch's year as its committee's table reads it. */
export interface BranchYearSummary {
  /** every figure of the branch's own report (GET /api/report?branchId= lists their record ids) */
  values: ReportFigureSnapshot
  missedCount: number
  missedRules: { label: string; missed: string[] }[]
  tally: YearTally
}

/** One string per figure key, however many summaries hold it. */
const figureKeys = new Map<string, string>()

function compactValues(values: ReportFigureSnapshot): ReportFigureSnapshot {
  const out: ReportFigureSnapshot = {}
  for (const key in values) {
    let known = figureKeys.get(key)
    if (known === undefined) figureKeys.set(key, known = key)
    out[known] = values[key]!
  }
  return out
}

export function summarizeBranchYear(data: BranchData, year: number, today: ChinaDate): BranchYearSummary {
  const { report, studyHours } = compileYearReportParts({ records: data.activities, roster: data.roster, year })
  const compliance = branchCompliance(data, year, today)
  return {
    values: compactValues(snapshotReportFigures(report)),
    missedCount: compliance.missedCount,
    missedRules: compliance.rules
      .filter((r) => r.missed.length > 0)
      .map((r) => ({ label: r.label, missed: r.missed.map((m) => m.label) })),
    tally: yearTally(report, studyHours),
  }
}

/** Room for the branches of twenty committees of 1,000 (a summary is about 6 kB: some 120 MB). */
const summaries = new CompiledCache<BranchYearSummary>(20_000)

/**
 * Branches to compile are read this many at a time: one query each, and only one batch's rows in memory at once
 * (reading a whole committee's 200,000 rows together mostly fed the garbage collector).
 */
const BATCH = 100

export interface VersionedBranch {
  id: string
  version: number
}

/**
 * Each branch's summary for `year` as of `today`: kept ones (in this process, else in the database) whose branch is
 * still at the version they were compiled from, the others compiled from the records now and kept in both.
 * `version` must be read before the records (a push in between then only makes the summary newer than the version
 * it is kept under, and the next table compiles it again).
 */
export async function branchYearSummaries(db: Db, branches: readonly VersionedBranch[], year: number,
  today: ChinaDate, now: number = Date.now()): Promise<Map<string, BranchYearSummary>> {
  const out = new Map<string, BranchYearSummary>()
  const signatures = new Map(branches.map((b) => [b.id, summarySignature(b.version, today)]))
  const notInMemory = new Map<string, string>()
  for (const b of branches) {
    const kept = summaries.get(`${b.id} ${year}`, signatures.get(b.id)!)
    if (kept) out.set(b.id, kept)
    else notInMemory.set(b.id, signatures.get(b.id)!)
  }
  const stored = notInMemory.size > 0 ? await readStoredSummaries(db, year, notInMemory) : new Map<string, BranchYearSummary>()
  const missing: VersionedBranch[] = []
  for (const b of branches) {
    if (out.has(b.id)) continue
    const found = stored.get(b.id)
    if (!found) { missing.push(b); continue }
    summaries.set(`${b.id} ${year}`, signatures.get(b.id)!, found)
    out.set(b.id, found)
  }
  const batches: VersionedBranch[][] = []
  for (let start = 0; start < missing.length; start += BATCH) batches.push(missing.slice(start, start + BATCH))
  const load = (batch: readonly VersionedBranch[]) => {
    const ids = batch.map((b) => b.id)
    const loading = loadBranchData(db, `branch_id IN (${ids.map((_, i) => `$${i + 1}`).join(', ')})`, ids, ids)
    loading.catch(() => {}) // awaited below; a failure while the batch before compiles must not go unhandled
    return loading
  }
  // the next batch is read while this one compiles
  let next = batches.length > 0 ? load(batches[0]!) : undefined
  for (const [i, batch] of batches.entries()) {
    const data = await next!
    next = i + 1 < batches.length ? load(batches[i + 1]!) : undefined
    const compiled: SummaryToStore[] = []
    for (const b of batch) {
      const summary = summarizeBranchYear(data.get(b.id)!, year, today)
      const signature = signatures.get(b.id)!
      summaries.set(`${b.id} ${year}`, signature, summary)
      out.set(b.id, summary)
      compiled.push({ branchId: b.id, version: b.version, signature, summary })
    }
    await storeSummaries(db, year, compiled, now)
  }
  return out
}
