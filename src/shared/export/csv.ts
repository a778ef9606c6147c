// CSV for Excel and WPS: a UTF-8 BOM so Chinese shows correctly, CRLF line ends, RFC 4180 quoting, and text that
// a spreadsheet would run as a formula prefixed with an apostrophe.
import type { MemberAttendance, YearReport } from '../report/types'
import { PARTY_ROLE_NAMES } from '../roles'
import { wholePercent } from '../report/figure-list'
import type { ActivityRecord } from '../model/activity'
import { ACTIVITY_TYPE_IDS, activityTypeName } from '../catalogue'
import { TYPE_MARK } from './ledgerSheets'
import { roundAmount } from '../report/figure'
import { buildLedgerRows, peopleText, type LedgerMember, type LedgerRow } from './ledger'

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

/** One column per activity type, ticked ✓: a record of two types is never one merged cell ("主题党日、支部党员大会"). */
const TYPE_COLUMNS: readonly string[] = ACTIVITY_TYPE_IDS.map(activityTypeName)

/** One column per field, so a secretary can filter and sum in Excel or WPS. */
export const LEDGER_CSV_HEADER: readonly string[] = [
  '序号', '日期', '时间', ...TYPE_COLUMNS, '党小组', '主题', '地点', '主持人', '记录人',
  '应到人数', '实到人数', '请假人数', '缺席人数', '请假人员（事由）', '缺席人员', '列席人员',
  '讲课人', '讲课人身份',
  '谈话人', '谈话对象', '谈话类别', '谈话方式', '谈心谈话人次',
  '志愿服务人次', '志愿服务时长（小时）', '志愿服务惠及人次', '志愿服务参加党员',
  '学时', '参学范围', '交流研讨', '心得体会（篇）', '警示教育形式',
  '评议优秀', '评议合格', '评议基本合格', '评议不合格',
  '补录', '录入时间', '记录编号',
]

function ledgerCsvRow(r: LedgerRow, index: number): (string | number | null)[] {
  const e = r.evaluation
  return [
    index + 1, r.date, r.startTime, ...ACTIVITY_TYPE_IDS.map((t) => (r.typeIds.includes(t) ? TYPE_MARK : '')), r.partyGroup, r.topic, r.place, r.host, r.recorder,
    r.expected, r.present, r.leave, r.absent, peopleText(r.leavePeople), peopleText(r.absentPeople), r.observers,
    r.lecture?.speaker ?? '', r.lecture?.role ?? '',
    r.talk?.talker ?? '', r.talk?.target ?? '', r.talk?.pair ?? '', r.talk?.mode ?? '', r.talkPersons,
    r.volunteer?.participants ?? null, r.volunteer ? roundAmount(r.volunteer.hours) : null, r.volunteer?.beneficiaries ?? null,
    r.volunteer?.members.join('、') ?? '',
    r.creditHours === null ? null : roundAmount(r.creditHours),
    r.study?.scope ?? '', r.study?.discussion ? TYPE_MARK : '', r.study?.reflections ?? null, r.warningKind,
    e?.excellent ?? null, e?.qualified ?? null, e?.basicallyQualified ?? null, e?.unqualified ?? null,
    r.backfilled ? '是' : '否', r.enteredAt, r.id,
  ]
}

/**
 * The year's 台账 as CSV: a header row, then one row per non-deleted activity dated in `year`. Pass the roster so
 * 请假 and 缺席 list names (an id no longer on it reads （已移除））; without it those columns hold counts only.
 */
export function buildLedgerCsv(records: readonly ActivityRecord[], year: number, roster?: readonly LedgerMember[]): string {
  const rows = buildLedgerRows(records, year, roster)
  return toCsv([LEDGER_CSV_HEADER, ...rows.map(ledgerCsvRow)])
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
