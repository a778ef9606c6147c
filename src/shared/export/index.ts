// Exports of a year that both sides can build: the 台账 as CSV and the shared numbering. The Word file is built on
// the phone (src/client/export/docx.ts), because the `docx` library needs Node's or the browser's types.
export {
  buildLedgerCsv, buildMemberAttendanceCsv, csvCell, LEDGER_CSV_HEADER, MEMBER_ATTENDANCE_CSV_HEADER, toCsv, UTF8_BOM,
} from './csv'
export {
  absentText, attendanceCell, buildLedgerRows, chinaDateTime, creditHoursText, evaluationText, lectureText, leaveText, peopleText,
  REMOVED_MEMBER_NAME, talkText, volunteerText, type LedgerMember, type LedgerPerson, type LedgerRow, type LedgerTalk,
  type LedgerVolunteer,
} from './ledger'
export { chineseNumeral, headingNumber } from './numbering'

export const CSV_MIME = 'text/csv;charset=utf-8'
