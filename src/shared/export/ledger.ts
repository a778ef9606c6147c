// The 台账: one row per activity of the year, shared by the CSV export and the Word appendix.
import { activityTypeName } from '../catalogue'
import type { ActivityRecord } from '../model/activity'
import { recordsOfYear } from '../report/select'

export interface LedgerRow {
  id: string
  date: string
  startTime: string
  /** '主题党日、支部党员大会' */
  types: string
  topic: string
  place: string
  host: string
  recorder: string
  /** null when the record has no attendance sheet */
  expected: number | null
  present: number | null
  leave: number | null
  absent: number | null
  backfilled: boolean
}

/** Every non-deleted record dated in `year`, by date, then start time. */
export function buildLedgerRows(records: readonly ActivityRecord[], year: number): LedgerRow[] {
  const rows = recordsOfYear(records, year).map(toLedgerRow)
  return rows.sort((a, b) => a.date.localeCompare(b.date) || a.startTime.localeCompare(b.startTime) || a.id.localeCompare(b.id))
}

function toLedgerRow(record: ActivityRecord): LedgerRow {
  const sheet = record.attendance && record.attendance.expected.length > 0 ? record.attendance : null
  let counts: Pick<LedgerRow, 'expected' | 'present' | 'leave' | 'absent'> = { expected: null, present: null, leave: null, absent: null }
  if (sheet) {
    const expected = new Set(sheet.expected)
    const leave = new Set(sheet.leave.map((l) => l.memberId).filter((id) => expected.has(id)))
    const absent = new Set(sheet.absent.filter((id) => expected.has(id) && !leave.has(id)))
    counts = { expected: expected.size, present: expected.size - leave.size - absent.size, leave: leave.size, absent: absent.size }
  }
  return {
    id: record.id,
    date: record.date,
    startTime: record.startTime ?? '',
    types: [...new Set(record.types)].map(activityTypeName).join('、'),
    topic: record.topic,
    place: record.place,
    host: record.host,
    recorder: record.recorder,
    ...counts,
    backfilled: record.backfilled,
  }
}

/** '20/18' for 应到/实到, '' without a sheet. */
export function attendanceCell(row: LedgerRow): string {
  return row.expected === null ? '' : `${row.expected}/${row.present ?? 0}`
}
