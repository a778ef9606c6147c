// CSV for Excel and WPS: a UTF-8 BOM so Chinese shows correctly, CRLF line ends, RFC 4180 quoting, and text that
// a spreadsheet would run as a formula prefixed with an apostrophe.
import type { MemberAttendance, YearReport } from '../report/types'
import { PARTY_ROLE_NAMES } from '../roles'
import { wholePercent } from '../report/figure-list'
import type { ActivityRecord } from '../model/activity'
import { buildLedgerRows } from './ledger'

export const UTF8_BOM = '\uFEFF'

const FORMULA_START = /^[=+\-@\t\r]/
const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/

export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return ''
  if (typeof value === 'number') return String(value)
  const text = FORMULA_START.test(value) ? `'${value}` : value
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

export function toCsv(rows: readonly (readonly (string | number | null | undefined)[])[]): string {
  return UTF8_BOM + rows.map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n'
}

export const LEDGER_CSV_HEADER = ['序号', '日期', '时间', '类型', '主题', '地点', '主持人', '记录人', '应到', '实到', '请假', '缺席', '补录', '记录编号'] as const

/** The year's 台账 as CSV: a header row, then one row per non-deleted activity dated in `year`. */
export function buildLedgerCsv(records: readonly ActivityRecord[], year: number): string {
  const rows = buildLedgerRows(records, year)
  return toCsv([
    LEDGER_CSV_HEADER,
    ...rows.map((r, i) => [
      i + 1, r.date, r.startTime, r.types, r.topic, r.place, r.host, r.recorder,
      r.expected, r.present, r.leave, r.absent, r.backfilled ? '是' : '', r.id,
    ]),
  ])
}

export const MEMBER_ATTENDANCE_CSV_HEADER = ['姓名', '职务', '党小组', '应参加', '参加', '请假', '缺席', '参会率'] as const

function memberRow(m: MemberAttendance): (string | number)[] {
  return [
    m.name, m.role ? PARTY_ROLE_NAMES[m.role] : '', m.group, m.expected.value, m.present, m.leave.value, m.absent.value,
    m.rate === null ? '' : `${wholePercent(m.rate)}%`,
  ]
}

/** Per-member attendance over the year (for the secretary only). */
export function buildMemberAttendanceCsv(report: YearReport): string {
  return toCsv([MEMBER_ATTENDANCE_CSV_HEADER, ...report.attendance.byMember.map(memberRow)])
}
