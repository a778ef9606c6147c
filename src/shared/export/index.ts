// Exports of a year: the report as .docx (公文 layout) and the 台账 as CSV. Both build in the browser and in Node;
// the client imports this module lazily because `docx` is large.
export {
  buildReportDocx, createReportDocument, DEFAULT_FONTS, DOCX_MIME, LEDGER_TABLE_HEADER, ledgerAttendanceLines, ledgerOtherLines,
  performanceSections, type DocxSection,
  type ReportDocxInput,
} from './docx'
export type { FontChoice, ReportFonts } from './fonts'
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
