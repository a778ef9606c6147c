// The 履职情况 report on the server: the shared compiler over stored records, for a branch's secretary and for
// its committee (one branch, a roll-up, or the per-branch table). The compiler reads full stored content, but
// only figures, record ids and the generated text leave: counts never depend on 谈心谈话 redaction.
import * as z from 'zod/mini'
import { chinaDateOf, yearOf, type ChinaDate } from '../../shared/dates'
import type { ActivityRecord } from '../../shared/model/activity'
import type { Member } from '../../shared/model/member'
import { chinaDateSchema } from '../../shared/model/fields'
import { type FrequencyRule, frequencyRuleSchema } from '../../shared/model/settings'
import {
  checkCompliance, compileCommitteeReport, compileYearReport, composeReportText, effectiveTrackingSince,
  listReportFigures, snapshotReportFigures, type ComplianceReport, type ReportFigureSnapshot,
} from '../../shared/report'
import { composeCommitteeText } from '../../shared/report/committee'
import type {
  BranchReportResponse, CommitteeReportQuery, CommitteeReportResponse, ReportComplianceSummary, ReportParty, ReportQuery,
} from '../../shared/report/api'
import { DEFAULT_RULES } from '../../shared/rules'
import { forbidden, notFound } from '../http/errors'
import type { Db } from '../storage/db'
import { RECORD_COLUMNS, type RecordRow, recordView } from './records'
import { CompiledCache } from './report-cache'
import type { Principal } from './sessions'

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
 * Live activity, member and settings records of the branches matched by `where` ($1), in one query, in entry
 * (version) order so figures list their record ids the way a device that pulled them would.
 * Every branch id in `branchIds` gets an entry, records or not; rules default to those of docs/domain.md.
 */
async function loadBranchData(db: Db, where: string, param: string, branchIds: readonly string[]): Promise<Map<string, BranchData>> {
  const out = new Map<string, BranchData>(branchIds.map((id) => [id, emptyBranchData()]))
  const rows = await db.all<RecordRow & { branch_id: string }>(
    `SELECT branch_id, ${RECORD_COLUMNS} FROM records
     WHERE ${where} AND deleted = 0 AND entity IN ('activity', 'member', 'settings')
     ORDER BY branch_id, version`, [param])
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
function branchCompliance(data: BranchData, year: number, today: ChinaDate): ComplianceReport {
  const since = effectiveTrackingSince(data, data.activities, today)
  return checkCompliance(data.activities, data.rules, year, today, undefined, { since, groups: data.groups })
}

function complianceSummary(c: ComplianceReport): ReportComplianceSummary {
  return {
    today: c.today,
    since: c.since ?? c.today,
    missedCount: c.missedCount,
    rules: c.rules.map((r) => ({
      id: r.rule.id,
      label: r.label,
      period: r.rule.period,
      periods: r.periods.length,
      met: r.periods.filter((p) => p.state === 'met').length,
      missed: r.missed.map((p) => p.label),
      untracked: r.untracked.map((p) => p.label),
      dueSoon: r.dueSoon ? { label: r.dueSoon.period.label, daysLeft: r.dueSoon.daysLeft } : null,
    })),
  }
}

type ReportScope = { kind: 'branch'; branch: ReportParty } | { kind: 'committee'; committee: ReportParty }

async function committeeOf(db: Db, committeeId: string): Promise<ReportParty> {
  const row = await db.one<{ id: string; name: string }>(`SELECT id, name FROM committees WHERE id = $1`, [committeeId])
  if (!row) throw notFound('党委不存在')
  return { id: row.id, name: row.name }
}

/**
 * Who may compile what. A secretary: their own branch (asking for any other branch is refused the same way
 * whether it exists or not). A committee account: one of its branches, or with no branch the roll-up.
 */
async function reportScope(db: Db, p: Principal, requested: string | undefined): Promise<ReportScope> {
  if (p.role === 'secretary' && p.branchId) {
    if (requested && requested !== p.branchId) throw forbidden('无权查看其他支部的报告')
    const row = await db.one<{ id: string; name: string }>(`SELECT id, name FROM branches WHERE id = $1`, [p.branchId])
    if (!row) throw notFound('支部不存在')
    return { kind: 'branch', branch: { id: row.id, name: row.name } }
  }
  if (p.role === 'committee' && p.committeeId) {
    if (!requested) return { kind: 'committee', committee: await committeeOf(db, p.committeeId) }
    const row = await db.one<{ id: string; name: string }>(
      `SELECT id, name FROM branches WHERE id = $1 AND committee_id = $2`, [requested, p.committeeId])
    if (!row) throw forbidden('无权查看该支部的报告')
    return { kind: 'branch', branch: { id: row.id, name: row.name } }
  }
  throw forbidden('只有支部书记和党委账号可以查看履职报告', 'report_forbidden')
}

async function committeeBranches(db: Db, committeeId: string): Promise<ReportParty[]> {
  return db.all<{ id: string; name: string }>(
    `SELECT id, name FROM branches WHERE committee_id = $1 ORDER BY name, id`, [committeeId])
}

const IN_COMMITTEE = `branch_id IN (SELECT id FROM branches WHERE committee_id = $1)`

/** GET /api/report: one branch's figures, compliance and text, or a committee's roll-up. */
export async function branchReport(db: Db, p: Principal, query: ReportQuery, now: number): Promise<BranchReportResponse> {
  const scope = await reportScope(db, p, query.branchId)
  const generatedAt = new Date(now).toISOString()
  const { year } = query
  if (scope.kind === 'branch') {
    const { branch } = scope
    const data = (await loadBranchData(db, 'branch_id = $1', branch.id, [branch.id])).get(branch.id)!
    const report = compileYearReport({ records: data.activities, roster: data.roster, year })
    return {
      year,
      scope: 'branch',
      branch,
      committee: null,
      figures: listReportFigures(report),
      compliance: complianceSummary(branchCompliance(data, year, chinaDateOf(now))),
      text: composeReportText(report).text,
      generatedAt,
    }
  }
  const { committee } = scope
  const branches = await committeeBranches(db, committee.id)
  const byBranch = await loadBranchData(db, IN_COMMITTEE, committee.id, branches.map((b) => b.id))
  const totals = compileYearReport({
    records: branches.flatMap((b) => byBranch.get(b.id)!.activities),
    roster: branches.flatMap((b) => byBranch.get(b.id)!.roster),
    year,
  })
  const today = chinaDateOf(now)
  const text = composeCommitteeText({
    committeeName: committee.name,
    year,
    currentYear: yearOf(today),
    totals: snapshotReportFigures(totals),
    branches: branches.map((b) => {
      const data = byBranch.get(b.id)!
      const values = snapshotReportFigures(compileYearReport({ records: data.activities, roster: data.roster, year }))
      return { branchName: b.name, values, missedCount: branchCompliance(data, year, today).missedCount }
    }),
  })
  return {
    year,
    scope: 'committee',
    branch: null,
    committee,
    figures: listReportFigures(totals),
    compliance: null,
    text,
    generatedAt,
  }
}

function pick(values: ReportFigureSnapshot, keys: readonly string[]): ReportFigureSnapshot {
  const out: ReportFigureSnapshot = {}
  for (const key of keys) if (key in values) out[key] = values[key]!
  return out
}

/** Compiled committee tables, without their generatedAt (report-cache.ts). */
const committeeTables = new CompiledCache<Omit<CommitteeReportResponse, 'generatedAt'>>(64)

/**
 * GET /api/committee/report: every branch of the caller's committee side by side, and the totals. Compiled from the
 * records, or served as compiled before when not one of the committee's branches has changed since, that day.
 */
export async function committeeReport(db: Db, p: Principal, query: CommitteeReportQuery, now: number): Promise<CommitteeReportResponse> {
  if (p.role !== 'committee' || !p.committeeId) throw forbidden('只有党委账号可以查看各支部汇总', 'committee_only')
  const committee = await committeeOf(db, p.committeeId)
  const versions = await db.all<{ id: string; name: string; version: unknown }>(
    `SELECT id, name, version FROM branches WHERE committee_id = $1 ORDER BY name, id`, [committee.id])
  const key = `${committee.id} ${query.year}`
  const signature = CompiledCache.signature([committee.name, chinaDateOf(now), versions.map((b) => [b.id, b.name, Number(b.version)])])
  const kept = committeeTables.get(key, signature)
  if (kept) return { ...kept, generatedAt: new Date(now).toISOString() }
  const table = await compileCommitteeTable(db, committee, versions.map(({ id, name }) => ({ id, name })), query.year, now)
  committeeTables.set(key, signature, table)
  return { ...table, generatedAt: new Date(now).toISOString() }
}

async function compileCommitteeTable(db: Db, committee: ReportParty, branches: ReportParty[], year: number,
  now: number): Promise<Omit<CommitteeReportResponse, 'generatedAt'>> {
  const byBranch = await loadBranchData(db, IN_COMMITTEE, committee.id, branches.map((b) => b.id))
  const compiled = compileCommitteeReport(branches.map((b) => ({
    branchId: b.id, branchName: b.name, records: byBranch.get(b.id)!.activities, roster: byBranch.get(b.id)!.roster,
  })), year)
  const keys = compiled.columns.map((c) => c.key)
  const today = chinaDateOf(now)
  return {
    year,
    committee,
    columns: compiled.columns,
    branches: compiled.branches.map((row) => {
      const compliance = branchCompliance(byBranch.get(row.branchId)!, year, today)
      return {
        branchId: row.branchId,
        branchName: row.branchName,
        values: pick(row.values, keys),
        missedCount: compliance.missedCount,
        missedRules: compliance.rules
          .filter((r) => r.missed.length > 0)
          .map((r) => ({ label: r.label, missed: r.missed.map((m) => m.label) })),
      }
    }),
    totals: pick(snapshotReportFigures(compiled.totals), keys),
  }
}
