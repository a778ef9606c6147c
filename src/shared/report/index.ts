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
export {
  coversYear, earliestLiveDate, effectiveTrackingSince, isUntracked, trackingStart, type DatedRecord,
  type RememberedTrackingStart, type TrackingStart,
} from './tracking'
export { homeWarnings, type HomeWarning, type HomeWarningOptions, type WarningLevel } from './warnings'
export {
  ATTENDANCE_RATE_CHOICES, attendanceRateLabel, composeReportText, DEFAULT_ATTENDANCE_RATES, openerOf, plainFigures,
  reportSentences, type AttendanceRateChoice, type FigureWriter, type ReportSentence, type ReportSentenceKey,
  type ReportText, type ReportTextOptions,
} from './text'
export { OPENER_CHOICES, openerChoiceLabel, reportOpener, type OpenerChoice } from './opener'
export {
  applyTextEdit, figureKeysOf, figureToken, handTypedNumbers, renderSegments, renderTemplate, textToken,
  type HandTypedNumber, type Segment, type TextToken, type TokenValues,
} from './draft-tokens'
export {
  buildReportDraft, DEFAULT_DRAFT_OPTIONS, draftDocument, draftFigureChanges, draftHandTypedNumbers, draftPlainText,
  draftSeenFigures, draftValues, mergeDraft, titleBranch, type DraftContext, type DraftDocument, type DraftFigureChange,
  type DraftHandTypedNumber, type DraftOptions, type DraftPart, type DraftPartKind, type DraftPartView,
} from './draft'
export { joinObjects, talkObjectOf, TALK_PAIR_OBJECTS } from './talk-objects'
export { formatAmount } from './format'
export { ACTIVITY_NOUNS, ATTENDANCE_LABELS } from './phrases'
export { periodLabel, periodRange, QUARTER_NAMES } from './periods'
