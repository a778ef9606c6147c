// 回收站: deleted activity records of the last 30 days, newest deletion first. Imported as '@client/db/recycleBin'
// by the recycle-bin page only (not in the first download).
import { getDb } from './connection'
import type { StoredActivity } from './schema'

export const RECYCLE_BIN_DAYS = 30
const DAY_MS = 24 * 60 * 60 * 1000

function cutoff(now: Date): string {
  return new Date(now.getTime() - RECYCLE_BIN_DAYS * DAY_MS).toISOString()
}

/** Tombstones deleted within the last 30 days (by `deletedAt`), newest deletion first. */
export async function listRecycleBin(now: Date = new Date()): Promise<StoredActivity[]> {
  const rows = await getDb().activities.where('deletedAt').aboveOrEqual(cutoff(now)).reverse().toArray()
  return rows.filter((r) => r.deleted)
}

/**
 * Remove tombstones older than 30 days from this phone, but only those the server already has with nothing of
 * theirs waiting in the outbox: a deletion not yet sent is never lost. Their photos go with them. Returns how many.
 */
export async function purgeExpiredTombstones(now: Date = new Date()): Promise<number> {
  const db = getDb()
  return db.transaction('rw', [db.activities, db.outbox, db.photos], async () => {
    const old = await db.activities.where('deletedAt').below(cutoff(now)).filter((r) => r.deleted).toArray()
    if (old.length === 0) return 0
    // any outbox entry for the record, waiting or refused, keeps it
    const waiting = new Set((await db.outbox.toArray()).filter((e) => e.mutation.entity === 'activity').map((e) => e.mutation.recordId))
    const purgeable = old.filter((r) => r.serverVersion !== null && !waiting.has(r.id))
    const ids = purgeable.map((r) => r.id)
    await db.activities.bulkDelete(ids)
    if (ids.length > 0) await db.photos.where('activityId').anyOf(ids).delete()
    return ids.length
  })
}
