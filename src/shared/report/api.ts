// The report API's wire format: GET /api/report (one branch, or a committee's roll-up) and
// GET /api/committee/report (a committee's per-branch table). Shared so the client reads the same types.
import * as z from 'zod/mini'
import { idSchema } from '../model/fields'
import { RULE_PERIODS } from '../model/rulePeriods'
import { queryText } from '../api/query'
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

/** GET /api/report?year=&branchId= as its query string arrives, read into a ReportQuery. */
export function reportParamsSchema(currentYear: number) {
  return z.pipe(
    z.pipe(
      z.object({ year: z.optional(z.string()), branchId: queryText }),
      z.transform((q): { year?: number; branchId?: string } => ({ year: yearFromQuery(q.year), branchId: q.branchId })),
    ),
    reportQuerySchema(currentYear),
  )
}

/** GET /api/committee/report?year= as its query string arrives, read into a CommitteeReportQuery. */
export function committeeReportParamsSchema(currentYear: number) {
  return z.pipe(
    z.pipe(z.object({ year: z.optional(z.string()) }), z.transform((q): { year?: number } => ({ year: yearFromQuery(q.year) }))),
    committeeReportQuerySchema(currentYear),
  )
}

/** A query-string year as a number for the schema: undefined when absent, NaN when not digits. */
export function yearFromQuery(value: string | undefined): number | undefined {
  if (value === undefined || value === '') return undefined
  return /^\d{1,6}$/.test(value) ? Number(value) : Number.NaN
}

const FIGURE_UNITS = ['次', '期', '篇', '人次', '小时', '学时', '名', '%'] as const

export const reportFigureEntrySchema = z.object({
  key: z.string(),
  label: z.string(),
  unit: z.enum(FIGURE_UNITS),
  value: z.number(),
  recordIds: z.array(z.string()),
})
export const reportFigureSnapshotSchema = z.record(z.string(), z.number())

// The figure list is built in figure-list.ts; its types and these schemas must describe the same thing.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false
const figureEntryMatches: Same<z.infer<typeof reportFigureEntrySchema>, ReportFigureEntry> = true
const figureSnapshotMatches: Same<z.infer<typeof reportFigureSnapshotSchema>, ReportFigureSnapshot> = true
void figureEntryMatches
void figureSnapshotMatches

/** One frequency rule against the year, reduced to what a screen or a committee shows. */
export const reportRuleSummarySchema = z.object({
  /** the rule's id in the branch settings */
  id: z.string(),
  /** '支委会每月至少1次' */
  label: z.string(),
  period: z.enum(RULE_PERIODS),
  /** periods in the year (12, 4 or 1) */
  periods: z.number(),
  /** periods with enough records */
  met: z.number(),
  /** labels of the periods that are over and short: '3月', '第一季度', '2024年' */
  missed: z.array(z.string()),
  /** labels of the periods not checked: they ended before the branch started keeping its ledger in the app */
  untracked: z.array(z.string()),
  /** the current period when it is short and ends within the warning window */
  dueSoon: z.nullable(z.object({ label: z.string(), daysLeft: z.number() })),
})
export type ReportRuleSummary = z.infer<typeof reportRuleSummarySchema>

export const reportComplianceSummarySchema = z.object({
  /** the server's China date (YYYY-MM-DD) the periods were judged against */
  today: z.string(),
  /** the day checking started (the branch's 开始记录日期, else its earliest record, else today) */
  since: z.string(),
  /** periods missed over all rules (periods before `since` are not checked, so never missed) */
  missedCount: z.number(),
  rules: z.array(reportRuleSummarySchema),
})
export type ReportComplianceSummary = z.infer<typeof reportComplianceSummarySchema>

export const reportPartySchema = z.object({ id: z.string(), name: z.string() })
export type ReportParty = z.infer<typeof reportPartySchema>

/** GET /api/report */
export const branchReportResponseSchema = z.object({
  year: z.number(),
  /** 'branch': one branch's report; 'committee': a committee's roll-up over all its branches */
  scope: z.enum(['branch', 'committee']),
  /** the branch reported on; null for a roll-up */
  branch: z.nullable(reportPartySchema),
  /** the committee rolled up; null for a branch report */
  committee: z.nullable(reportPartySchema),
  /** every figure, zeros included, with the ids of the records behind it */
  figures: z.array(reportFigureEntrySchema),
  /** the branch's own rules against the year; null for a roll-up (each branch has its own rules) */
  compliance: z.nullable(reportComplianceSummarySchema),
  /** the 履职情况 paragraphs, newline-separated */
  text: z.string(),
  /** ISO instant */
  generatedAt: z.string(),
})
export type BranchReportResponse = z.infer<typeof branchReportResponseSchema>

export const committeeReportColumnSchema = z.object({
  key: z.string(),
  label: z.string(),
  /** a FigureUnit: 次, 期, 篇, 人次, 小时, 学时, 名 or % */
  unit: z.string(),
})
export type CommitteeReportColumn = z.infer<typeof committeeReportColumnSchema>

export const committeeReportBranchRowSchema = z.object({
  branchId: z.string(),
  branchName: z.string(),
  /** column key → value; a cell is values[column.key] ?? 0 */
  values: reportFigureSnapshotSchema,
  /** periods the branch missed under its own rules, since it started keeping its ledger in the app */
  missedCount: z.number(),
  /** the rules behind missedCount, each with its missed periods ('3月', '第一季度'), in the branch's rule order */
  missedRules: z.array(z.object({ label: z.string(), missed: z.array(z.string()) })),
})
export type CommitteeReportBranchRow = z.infer<typeof committeeReportBranchRowSchema>

/** GET /api/committee/report */
export const committeeReportResponseSchema = z.object({
  year: z.number(),
  committee: reportPartySchema,
  /** counts non-zero in some branch, then the overall attendance rate */
  columns: z.array(committeeReportColumnSchema),
  branches: z.array(committeeReportBranchRowSchema),
  /** column key → value over all branches: counts are the branch sums, the rate is over all meetings */
  totals: reportFigureSnapshotSchema,
  generatedAt: z.string(),
})
export type CommitteeReportResponse = z.infer<typeof committeeReportResponseSchema>
