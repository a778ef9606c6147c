// What the report charts plot, as plain data: activities per month by type, attendance per month.
import { ACTIVITY_TYPE_IDS, ACTIVITY_TYPES, type ActivityTypeId } from '@shared/catalogue'
import { wholePercent, type YearReport } from '@shared/report'

export const MONTH_LABELS = Array.from({ length: 12 }, (_, i) => `${i + 1}月`)
/** Axis ticks: the numbers alone fit 12 months across a 360 px screen without tilting. */
export const MONTH_TICKS = Array.from({ length: 12 }, (_, i) => String(i + 1))

/** One colour per type, distinct enough side by side; the legend and the data table carry the names. */
export const TYPE_COLOURS: Readonly<Record<ActivityTypeId, string>> = {
  themeDay: '#b71c1c', generalMeeting: '#1565c0', committeeMeeting: '#2e7d32', groupMeeting: '#ef6c00',
  partyLecture: '#6a1b9a', orgLifeMeeting: '#00838f', democraticReview: '#5d4037', heartTalk: '#ad1457',
  volunteer: '#558b2f', study: '#283593', warningEducation: '#424242', other: '#9e9e9e',
}

export interface MonthlySeries {
  type: ActivityTypeId
  label: string
  colour: string
  values: number[]
}

/** Types logged at least once in the year, each with its 12 monthly counts. */
export function monthlyByType(report: YearReport): MonthlySeries[] {
  return ACTIVITY_TYPE_IDS
    .filter((t) => report.byType[t].count.value > 0)
    .map((t) => ({
      type: t, label: ACTIVITY_TYPES[t].shortName, colour: TYPE_COLOURS[t],
      values: report.byType[t].byMonth.map((f) => f.value),
    }))
}

/** Whole-percent attendance per month; null for a month without an attendance sheet. */
export function monthlyAttendance(report: YearReport): (number | null)[] {
  return report.attendance.byMonth.map((a) => (a.rate === null ? null : wholePercent(a.rate)))
}

export function hasAttendance(report: YearReport): boolean {
  return report.attendance.overall.rate !== null
}
