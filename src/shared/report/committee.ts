// A committee (党委 / 党总支) over several branches: each branch's report, a per-branch table and the totals.
import type { ActivityRecord } from '../model/activity'
import type { Member } from '../model/member'
import { compileYearReport } from './compile'
import { listReportFigures, snapshotReportFigures, type ReportFigureEntry, type ReportFigureSnapshot } from './figure-list'
import type { YearReport } from './types'
import { displayWidth, type LedgerSheet, type SheetCell } from '../export/ledgerSheets'

export interface BranchInput {
  branchId: string
  branchName: string
  records: readonly ActivityRecord[]
  roster?: readonly Member[]
}

export interface CommitteeBranchRow {
  branchId: string
  branchName: string
  report: YearReport
  /** figure key → value; a table cell is values[column.key] ?? 0 */
  values: ReportFigureSnapshot
}

export interface CommitteeReport {
  year: number
  branches: CommitteeBranchRow[]
  /** all branches' records compiled together (record ids are unique across branches) */
  totals: YearReport
  totalFigures: ReportFigureEntry[]
  /** columns of the per-branch table: counts that are non-zero somewhere, then the overall attendance rate */
  columns: { key: string; label: string; unit: string }[]
}

export function compileCommitteeReport(branches: readonly BranchInput[], year: number): CommitteeReport {
  const rows: CommitteeBranchRow[] = branches.map((b) => {
    const report = compileYearReport({ records: b.records, roster: b.roster ?? [], year })
    return { branchId: b.branchId, branchName: b.branchName, report, values: snapshotReportFigures(report) }
  })
  const totals = compileYearReport({
    records: branches.flatMap((b) => b.records),
    roster: branches.flatMap((b) => b.roster ?? []),
    year,
  })
  const totalFigures = listReportFigures(totals)
  return { year, branches: rows, totals, totalFigures, columns: committeeColumns(totalFigures) }
}

/** Columns of the per-branch table from the totals' figures: counts non-zero somewhere, then the overall attendance rate. */
export function committeeColumns(totals: readonly Omit<ReportFigureEntry, 'recordIds'>[]): CommitteeReport['columns'] {
  return totals
    .filter((f) => (f.unit !== '%' && f.value > 0) || f.key === 'attendance.overall')
    .map((f) => ({ key: f.key, label: f.label, unit: f.unit }))
}

/** One branch as the committee's table and text read it (the GET /api/committee/report row). */
export interface CommitteeBranchSummary {
  branchName: string
  values: ReportFigureSnapshot
  missedCount: number
  /** the rules the branch fell short of, each with its missed periods ('3月', '第一季度') */
  missedRules?: readonly { label: string; missed: readonly string[] }[]
}

/** A table cell: a count as it is, a rate as a whole percent (values hold rates as 0..100 already). */
export function committeeCell(values: ReportFigureSnapshot, key: string, unit: string): string {
  const value = values[key]
  if (unit === '%') return value === undefined ? '—' : `${Math.min(100, Math.max(0, value))}%`
  return String(value ?? 0)
}

export interface CommitteeTable {
  year: number
  committee: { name: string }
  columns: readonly { key: string; label: string; unit: string }[]
  branches: readonly CommitteeBranchSummary[]
  totals: ReportFigureSnapshot
}

/** The table as rows for a spreadsheet: a header, one row per branch, the totals; 缺 and its periods spelled out. */
export function committeeTableRows(table: CommitteeTable): string[][] {
  const header = ['支部', '未按期召开（期）', '未按期召开的会议', ...table.columns.map((c) => `${c.label}（${c.unit}）`)]
  const rows = table.branches.map((b) => [
    b.branchName,
    String(b.missedCount),
    (b.missedRules ?? []).map((r) => `${r.label}：${r.missed.join('、')}`).join('；'),
    ...table.columns.map((c) => committeeCell(b.values, c.key, c.unit)),
  ])
  const missedTotal = table.branches.reduce((sum, b) => sum + b.missedCount, 0)
  const total = ['合计', String(missedTotal), '', ...table.columns.map((c) => committeeCell(table.totals, c.key, c.unit))]
  return [header, ...rows, total]
}

export interface CommitteeTextInput {
  committeeName: string
  year: number
  /** the China year today: "今年以来" only opens the current year */
  currentYear: number
  branches: readonly CommitteeBranchSummary[]
  /** every figure over all branches */
  totals: ReportFigureSnapshot
}

function clauses(totals: ReportFigureSnapshot, parts: readonly [string, string, string][]): string[] {
  return parts.filter(([key]) => (totals[key] ?? 0) > 0).map(([key, verb, unit]) => `${verb}${totals[key]}${unit}`)
}

/**
 * The committee's own paragraph, in the register of a 党委书记的述职: what all branches did
 * together, how many branches the committee guided, and which branches still owe meetings — never one
 * branch's sentence with the sums pasted in.
 */
export function composeCommitteeText(input: CommitteeTextInput): string {
  const { totals, branches } = input
  const n = branches.length
  const opener = input.year === input.currentYear ? '今年以来，' : `${input.year}年，`
  const paragraphs: string[] = []
  const meetings = clauses(totals, [
    ['type.generalMeeting', '支部党员大会', '次'], ['type.committeeMeeting', '支委会', '次'],
    ['type.groupMeeting', '党小组会', '次'], ['type.partyLecture', '党课', '次'],
  ])
  const head = `${opener}${input.committeeName}指导所属${n}个党支部落实“三会一课”制度`
  paragraphs.push(meetings.length > 0 ? `${head}，各支部共召开${meetings.join('、')}。` : `${head}。`)
  const secretaryLectures = totals['lecture.secretary'] ?? 0
  if (secretaryLectures > 0) {
    const lecturing = branches.filter((b) => (b.values['lecture.secretary'] ?? 0) > 0).length
    paragraphs.push(`${lecturing}个党支部的书记为党员讲党课，合计${secretaryLectures}次。`)
  }
  const activities = clauses(totals, [
    ['type.themeDay', '开展主题党日活动', '次'], ['type.orgLifeMeeting', '召开组织生活会', '次'],
    ['heartTalk.persons', '开展谈心谈话', '人次'], ['type.study', '组织集中学习', '次'],
    ['type.warningEducation', '开展警示教育', '次'], ['volunteer.participants', '组织党员参加志愿服务', '人次'],
  ])
  if (activities.length > 0) paragraphs.push(`各党支部${activities.join('，')}。`)
  if (n > 0) {
    const short = branches.filter((b) => b.missedCount > 0)
    if (short.length === 0) {
      paragraphs.push(`所属${n}个党支部均按规定按期召开了各项会议。`)
    } else {
      const owed = short.map((b) => `${b.branchName}${b.missedCount}期`).join('、')
      const met = n - short.length
      paragraphs.push(`${met > 0 ? `${met}个党支部按期召开了各项会议，` : ''}${short.length}个党支部尚有未按期召开的会议（${owed}），已督促其补齐。`)
    }
  }
  return paragraphs.join('\n')
}

const MAX_COLUMN_WIDTH = 40

/**
 * The table as one spreadsheet sheet for src/client/export/xlsx.ts: the title and when it was exported above,
 * counts as numbers (so Excel can sum them), rates as 'N%', column widths that fit the Chinese headers.
 */
export function committeeSheet(table: CommitteeTable, exportedAt: string): LedgerSheet {
  const [header = [], ...rows] = committeeTableRows(table)
  const body: SheetCell[][] = rows.map((row) => row.map((cell, i) => (i > 0 && /^\d+(\.\d+)?$/.test(cell) ? Number(cell) : cell)))
  const columns = header.map((h, i) => {
    const widest = Math.max(displayWidth(h), ...rows.map((r) => displayWidth(r[i] ?? '')))
    return { header: h, width: Math.min(MAX_COLUMN_WIDTH, widest + 2), wrap: widest > MAX_COLUMN_WIDTH }
  })
  return {
    name: '各支部汇总',
    title: `${table.committee.name}${table.year}年各支部情况汇总`,
    subtitle: `共${table.branches.length}个党支部 · 导出于${exportedAt}`,
    columns,
    rows: body,
  }
}
