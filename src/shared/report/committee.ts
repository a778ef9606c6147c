// A committee (党委 / 党总支) over several branches: each branch's report, a per-branch table and the totals.
import type { ActivityRecord } from '../model/activity'
import type { Member } from '../model/member'
import { compileYearReport } from './compile'
import { listReportFigures, snapshotReportFigures, type ReportFigureEntry, type ReportFigureSnapshot } from './figure-list'
import type { YearReport } from './types'

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
  const columns = totalFigures
    .filter((f) => (f.unit !== '%' && f.value > 0) || f.key === 'attendance.overall')
    .map((f) => ({ key: f.key, label: f.label, unit: f.unit }))
  return { year, branches: rows, totals, totalFigures, columns }
}
