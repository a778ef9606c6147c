// Exports of a year that both sides can build: the 台账 as CSV and as spreadsheet sheets, the 会议记录 fields, title
// line breaks and the shared numbering. The Word file is built on
// the phone (src/client/export/docx.ts), because the `docx` library needs Node's or the browser's types.
export {
  buildLedgerCsv, buildMemberAttendanceCsv, csvCell, LEDGER_CSV_HEADER, MEMBER_ATTENDANCE_CSV_HEADER, toCsv, UTF8_BOM,
} from './csv'
export {
  absentText, attendanceCell, buildLedgerRows, chinaDateTime, creditHoursText, evaluationText, lectureText, leaveText, peopleByReason, peopleText,
  REMOVED_MEMBER_NAME, studyKindText, talkText, volunteerText, type LedgerMember, type LedgerPerson, type LedgerRow,
  type LedgerStudy, type LedgerTalk, type LedgerVolunteer,
} from './ledger'
export { chineseNumeral, headingNumber } from './numbering'
export {
  buildLedgerSheets, buildMemberSheet, CREDIT_HOURS_RULE, displayWidth, MEMBER_SHEET_NAME, memberYearLines, TYPE_GROUPS, TYPE_MARK,
  type LedgerSheet, type MemberYearLine, type LedgerSheetColumn, type LedgerSheetsInput, type SheetCell,
} from './ledgerSheets'
export {
  buildMeetingMinutes, isMeeting, meetingName, meetingsIn, MINUTES_LABELS, minutesScopeLabel, NONE, NOT_RECORDED,
  type MeetingMinutes, type MinutesField, type MinutesScope,
} from './meetingMinutes'
export { breakTitle, TITLE_LINE_CHARS, titleWidth } from './titleLines'

export const CSV_MIME = 'text/csv;charset=utf-8'
