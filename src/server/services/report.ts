// The 履职情况 report on the server: the shared compiler over stored records, for a branch's secretary and for
// its committee (one branch, a roll-up, or the per-branch table). The compiler reads full stored content, but
// only figures, record ids and the generated text leave: counts never depend on 谈心谈话 redaction.
import { chinaDateOf, yearOf } from '../../shared/dates'
import {
  compileYearReport, composeReportText, listReportFigures, snapshotReportFigures, type ComplianceReport,
  type ReportFigureSnapshot,
} from '../../shared/report'
import { committeeColumns, composeCommitteeText } from '../../shared/report/committee'
import { sumYearTallies } from '../../shared/report/tally'
import type {
  BranchReportResponse, CommitteeReportQuery, CommitteeReportResponse, ReportComplianceSummary, ReportParty, ReportQuery,
} from '../../shared/report/api'
import { forbidden, notFound } from '../http/errors'
import type { Db } from '../storage/db'
import { branchCompliance, branchYearSummaries, loadBranchData } from './report-branches'
import { CompiledCache } from './report-cache'
import type { Principal } from './sessions'

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
    const data = (await loadBranchData(db, 'branch_id = $1', [branch.id], [branch.id])).get(branch.id)!
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
  const byBranch = await loadBranchData(db, IN_COMMITTEE, [committee.id], branches.map((b) => b.id))
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
 * GET /api/committee/report: every branch of the caller's committee side by side, and the totals. Served as compiled
 * before when not one of the committee's branches has changed since, that day; else each branch's figures are those
 * kept for its version (report-branches.ts), compiled from the records for the branches that changed, and the
 * totals are their tallies summed.
 */
export async function committeeReport(db: Db, p: Principal, query: CommitteeReportQuery, now: number): Promise<CommitteeReportResponse> {
  if (p.role !== 'committee' || !p.committeeId) throw forbidden('只有党委账号可以查看各支部汇总', 'committee_only')
  const committee = await committeeOf(db, p.committeeId)
  const rows = await db.all<{ id: string; name: string; version: unknown }>(
    `SELECT id, name, version FROM branches WHERE committee_id = $1 ORDER BY name, id`, [committee.id])
  const branches = rows.map((b) => ({ id: b.id, name: b.name, version: Number(b.version) }))
  const key = `${committee.id} ${query.year}`
  const signature = CompiledCache.signature([committee.name, chinaDateOf(now), branches.map((b) => [b.id, b.name, b.version])])
  const kept = committeeTables.get(key, signature)
  if (kept) return { ...kept, generatedAt: new Date(now).toISOString() }
  const table = await compileCommitteeTable(db, committee, branches, query.year, now)
  committeeTables.set(key, signature, table)
  return { ...table, generatedAt: new Date(now).toISOString() }
}

async function compileCommitteeTable(db: Db, committee: ReportParty, branches: readonly (ReportParty & { version: number })[],
  year: number, now: number): Promise<Omit<CommitteeReportResponse, 'generatedAt'>> {
  const summaries = await branchYearSummaries(db, branches, year, chinaDateOf(now), now)
  const totals = sumYearTallies(year, branches.map((b) => summaries.get(b.id)!.tally))
  const columns = committeeColumns(totals)
  const keys = columns.map((c) => c.key)
  return {
    year,
    committee,
    columns,
    branches: branches.map((b) => {
      const summary = summaries.get(b.id)!
      return {
        branchId: b.id,
        branchName: b.name,
        values: pick(summary.values, keys),
        missedCount: summary.missedCount,
        missedRules: summary.missedRules,
      }
    }),
    totals: pick(Object.fromEntries(totals.map((f) => [f.key, f.value])), keys),
  }
}
