// Since when a branch keeps its ledger in this app. Periods that ended before that day are 'untracked': the app
// cannot know what the branch held then, so they are neither met nor missed. The period containing the day is
// judged normally (a meeting may have been held before the app was used; the secretary can 补录 it).
import type { ChinaDate } from '../dates'
import type { BranchSettings } from '../model/settings'

/** What effectiveTrackingSince reads of a record: its date, and whether it is deleted. */
export interface DatedRecord {
  date: ChinaDate
  deleted?: boolean
  planned?: boolean | undefined
}

/** The earliest date of a live (not deleted) record, or null when there is none. */
export function earliestLiveDate(records: readonly DatedRecord[]): ChinaDate | null {
  let earliest: ChinaDate | null = null
  for (const record of records) {
    if (record.deleted || record.planned === true) continue
    if (earliest === null || record.date < earliest) earliest = record.date
  }
  return earliest
}

/**
 * The day checking starts: the branch's `trackingSince` when set; else the earliest live record's date (never
 * later than `today`: a branch with only records planned ahead still uses the app today); else `today`.
 * `records` should hold every live record of the branch (or at least the earliest one): with only a window of
 * them, a branch whose older records lie outside the window looks newer than it is.
 */
export function effectiveTrackingSince(
  settings: Pick<BranchSettings, 'trackingSince'> | null | undefined,
  records: readonly DatedRecord[],
  today: ChinaDate,
): ChinaDate {
  if (settings?.trackingSince) return settings.trackingSince
  const earliest = earliestLiveDate(records)
  return earliest !== null && earliest < today ? earliest : today
}

/** True when a period ending on `end` closed before checking started: not judged. */
export function isUntracked(end: ChinaDate, since: ChinaDate | undefined): boolean {
  return since !== undefined && end < since
}

/** What a device remembers of an automatic start (no 开始记录日期 in the settings). */
export interface RememberedTrackingStart {
  /** the start as first worked out on this device; a back-dated record never moves it silently */
  since: ChinaDate
  /** an earlier record date the secretary declined to start from; only a record before it asks again */
  declinedBefore?: ChinaDate
}

export interface TrackingStart {
  since: ChinaDate
  /** a live record lies before an automatic start: ask whether checking should start there instead */
  earlierRecord: ChinaDate | null
  /** the start to remember on the device (first time only), else null */
  remember: RememberedTrackingStart | null
}

/**
 * The day checking starts. The settings' date when set. Otherwise the day remembered on the device, first worked
 * out as effectiveTrackingSince does (earliest live record, never after today; else today), so that a record
 * back-dated later does not move it: it is offered as `earlierRecord` for the secretary to accept or decline.
 */
export function trackingStart(
  settings: Pick<BranchSettings, 'trackingSince'> | null | undefined,
  remembered: RememberedTrackingStart | null,
  earliest: ChinaDate | null,
  today: ChinaDate,
): TrackingStart {
  if (settings?.trackingSince) return { since: settings.trackingSince, earlierRecord: null, remember: null }
  const since = remembered?.since ?? effectiveTrackingSince(null, earliest ? [{ date: earliest }] : [], today)
  const declined = remembered?.declinedBefore
  const asks = earliest !== null && earliest < since && (declined === undefined || earliest < declined)
  return { since, earlierRecord: asks ? earliest : null, remember: remembered ? null : { since } }
}

/** True when checking covers (nearly) all of `year`, so its figures can stand beside another year's. */
export function coversYear(since: ChinaDate | undefined, year: number): boolean {
  return since !== undefined && since <= `${String(year).padStart(4, '0')}-01-31`
}
