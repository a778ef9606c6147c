// Calendar dates in China time. Activity dates are stored as 'YYYY-MM-DD' in Asia/Shanghai so a year or month
// boundary never moves with the device's time zone. China has had no daylight saving since 1991, so the fixed
// +08:00 offset is exact for every date the app accepts (2000 onwards).

export type ChinaDate = string // 'YYYY-MM-DD'

const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000
const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/
const DAY_MS = 24 * 60 * 60 * 1000

/** The calendar date in China at instant `at` (default: now). */
export function chinaDateOf(at: Date | number = Date.now()): ChinaDate {
  const ms = typeof at === 'number' ? at : at.getTime()
  return new Date(ms + CHINA_OFFSET_MS).toISOString().slice(0, 10)
}

/** True if `value` is a real calendar date written as YYYY-MM-DD. */
export function isChinaDate(value: unknown): value is ChinaDate {
  if (typeof value !== 'string') return false
  const m = DATE_PATTERN.exec(value)
  if (!m) return false
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])]
  const probe = new Date(Date.UTC(year, month - 1, day))
  return probe.getUTCFullYear() === year && probe.getUTCMonth() === month - 1 && probe.getUTCDate() === day
}

function parts(date: ChinaDate): { year: number; month: number; day: number } {
  const m = DATE_PATTERN.exec(date)
  if (!m) throw new RangeError(`不是有效日期：${date}`)
  return { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) }
}

export function yearOf(date: ChinaDate): number {
  return parts(date).year
}

/** Month 1..12 */
export function monthOf(date: ChinaDate): number {
  return parts(date).month
}

/** Quarter 1..4 */
export function quarterOf(date: ChinaDate): number {
  return Math.floor((monthOf(date) - 1) / 3) + 1
}

/** 'YYYY-MM' */
export function monthKey(date: ChinaDate): string {
  return date.slice(0, 7)
}

/** Whole days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: ChinaDate, to: ChinaDate): number {
  const a = parts(from)
  const b = parts(to)
  return Math.round((Date.UTC(b.year, b.month - 1, b.day) - Date.UTC(a.year, a.month - 1, a.day)) / DAY_MS)
}

export function addDays(date: ChinaDate, days: number): ChinaDate {
  const p = parts(date)
  return new Date(Date.UTC(p.year, p.month - 1, p.day) + days * DAY_MS).toISOString().slice(0, 10)
}

/** First and last date of a month, e.g. monthRange(2026, 2) → ['2026-02-01', '2026-02-28']. */
export function monthRange(year: number, month: number): [ChinaDate, ChinaDate] {
  const first = new Date(Date.UTC(year, month - 1, 1)).toISOString().slice(0, 10)
  const last = new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10)
  return [first, last]
}

export function yearRange(year: number): [ChinaDate, ChinaDate] {
  return [`${String(year).padStart(4, '0')}-01-01`, `${String(year).padStart(4, '0')}-12-31`]
}

/** "2026年3月5日" */
export function formatChinaDate(date: ChinaDate): string {
  const p = parts(date)
  return `${p.year}年${p.month}月${p.day}日`
}

/** Records entered this many days or more after the activity date are marked 补录. */
export const BACKFILL_THRESHOLD_DAYS = 7

export function isBackfill(activityDate: ChinaDate, enteredAt: Date | number): boolean {
  return daysBetween(activityDate, chinaDateOf(enteredAt)) >= BACKFILL_THRESHOLD_DAYS
}

/** Earliest and latest activity dates accepted, relative to today's China date. */
export const EARLIEST_ACTIVITY_DATE: ChinaDate = '2000-01-01'
let latestFor: { today: ChinaDate; latest: ChinaDate } | null = null
export function latestActivityDate(today: ChinaDate = chinaDateOf()): ChinaDate {
  // asked once per record checked, with the same today: an import of 10,000 would compute it 10,000 times
  if (latestFor?.today !== today) latestFor = { today, latest: addDays(today, 366) }
  return latestFor.latest
}
