// The report compiler: figures, compliance, reminders and text for a year. Pure TypeScript, runs anywhere.
export type { Figure } from './figure'
export type { AttendanceFigures, MemberAttendance, TypeFigures, YearReport } from './types'
export { compileYearReport, emptyYearReport, type YearReportInput } from './compile'
export {
  compileCommitteeReport, type BranchInput, type CommitteeBranchRow, type CommitteeReport,
} from './committee'
export {
  listReportFigures, snapshotReportFigures, wholePercent, type FigureUnit, type ReportFigureEntry,
  type ReportFigureSnapshot,
} from './figure-list'
export { diffReportFigures, type FigureChange } from './diff'
export {
  checkCompliance, ruleLabel, DEFAULT_DUE_SOON_DAYS, type ComplianceOptions, type ComplianceReport,
  type DueSoonWindow, type PeriodCompliance, type PeriodState, type RuleCompliance,
} from './compliance'
export { earliestLiveDate, effectiveTrackingSince, isUntracked, type DatedRecord } from './tracking'
export { homeWarnings, type HomeWarning, type HomeWarningOptions, type WarningLevel } from './warnings'
export {
  composeReportText, DEFAULT_ATTENDANCE_TYPES, type ReportSentence, type ReportSentenceKey, type ReportText,
  type ReportTextOptions,
} from './text'
export { formatAmount } from './format'
export { ACTIVITY_NOUNS, ATTENDANCE_LABELS } from './phrases'
export { periodLabel, periodRange, QUARTER_NAMES } from './periods'
