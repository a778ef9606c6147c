// The report API's wire format: GET /api/report (one branch, or a committee's roll-up) and
// GET /api/committee/report (a committee's per-branch table). Shared so the client reads the same types.
import * as z from 'zod/mini'
import type { ChinaDate } from '../dates'
import { idSchema } from '../model/fields'
import type { RulePeriod } from '../model/rulePeriods'
import type { ReportFigureEntry, ReportFigureSnapshot } from './figure-list'

export const MIN_REPORT_YEAR = 2000

/** A report year: 2000 .. the year after `currentYear` (the server's China year). */
export function reportYearSchema(currentYear: number) {
  const max = currentYear + 1
  return z.number({ error: (issue) => (issue.input === undefined ? '请指定年份' : '年份应为四位数字') }).check(
    z.int('年份应为四位数字'),
    z.gte(MIN_REPORT_YEAR, `年份不能早于${MIN_REPORT_YEAR}年`),
    z.lte(max, `年份不能晚于${max}年`),
  )
}

export function reportQuerySchema(currentYear: number) {
  return z.object({ year: reportYearSchema(currentYear), branchId: z.optional(idSchema) })
}
export type ReportQuery = z.infer<ReturnType<typeof reportQuerySchema>>

export function committeeReportQuerySchema(currentYear: number) {
  return z.object({ year: reportYearSchema(currentYear) })
}
export type CommitteeReportQuery = z.infer<ReturnType<typeof committeeReportQuerySchema>>

/** A query-string year as a number for the schema: undefined when absent, NaN when not digits. */
export function yearFromQuery(value: string | undefined): number | undefined {
  if (value === undefined || value === '') return undefined
  return /^\d{1,6}$/.test(value) ? Number(value) : Number.NaN
}

/** One frequency rule against the year, reduced to what a screen or a committee shows. */
export interface ReportRuleSummary {
  /** the rule's id in the branch settings */
  id: string
  /** '支委会每月至少1次' */
  label: string
  period: RulePeriod
  /** periods in the year (12, 4 or 1) */
  periods: number
  /** periods with enough records */
  met: number
  /** labels of the periods that are over and short: '3月', '第一季度', '2024年' */
  missed: string[]
  /** labels of the periods not checked: they ended before the branch started keeping its ledger in the app */
  untracked: string[]
  /** the current period when it is short and ends within the warning window */
  dueSoon: { label: string; daysLeft: number } | null
}

export interface ReportComplianceSummary {
  /** the server's China date the periods were judged against */
  today: ChinaDate
  /** the day checking started (the branch's 开始记录日期, else its earliest record, else today) */
  since: ChinaDate
  /** periods missed over all rules (periods before `since` are not checked, so never missed) */
  missedCount: number
  rules: ReportRuleSummary[]
}

export interface ReportParty {
  id: string
  name: string
}

/** GET /api/report */
export interface BranchReportResponse {
  year: number
  /** 'branch': one branch's report; 'committee': a committee's roll-up over all its branches */
  scope: 'branch' | 'committee'
  /** the branch reported on; null for a roll-up */
  branch: ReportParty | null
  /** the committee rolled up; null for a branch report */
  committee: ReportParty | null
  /** every figure, zeros included, with the ids of the records behind it */
  figures: ReportFigureEntry[]
  /** the branch's own rules against the year; null for a roll-up (each branch has its own rules) */
  compliance: ReportComplianceSummary | null
  /** the 履职情况 paragraphs, newline-separated */
  text: string
  /** ISO instant */
  generatedAt: string
}

export interface CommitteeReportColumn {
  key: string
  label: string
  /** a FigureUnit: 次, 人次, 小时, 学时, 名 or % */
  unit: string
}

export interface CommitteeReportBranchRow {
  branchId: string
  branchName: string
  /** column key → value; a cell is values[column.key] ?? 0 */
  values: ReportFigureSnapshot
  /** periods the branch missed under its own rules, since it started keeping its ledger in the app */
  missedCount: number
}

/** GET /api/committee/report */
export interface CommitteeReportResponse {
  year: number
  committee: ReportParty
  /** counts non-zero in some branch, then the overall attendance rate */
  columns: CommitteeReportColumn[]
  branches: CommitteeReportBranchRow[]
  /** column key → value over all branches: counts are the branch sums, the rate is over all meetings */
  totals: ReportFigureSnapshot
  generatedAt: string
}
