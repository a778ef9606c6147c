// Activity records: every write goes to IndexedDB together with its outbox entry, in one transaction.
import type { ActivityFields } from '@shared/model/activity'
import { ValidationError } from '@shared/model/errors'
import { LOCAL_WRITE_MESSAGES } from '@shared/localWriteMessages'
import { checkActivity, loadActivityRules, readActivityContext } from './validation'
import { authorOf, requirePermission } from './permission'
import { isBackfill, monthRange } from '@shared/dates'
import type { ActivityTypeId } from '@shared/catalogue'
import { getDb } from './connection'
import { appendToOutbox } from './outbox'
import { newId, takeWriterIds } from './meta'
import type { Mutation } from '@shared/sync/mutation'
import type { StoredActivity } from './schema'

const missing = () => new ValidationError([{ path: '', message: LOCAL_WRITE_MESSAGES.activityMissing }])

/** The record as it is, if it exists and this member may change it in this way; throws otherwise. */
async function changeable(id: string, kind: 'edit' | 'delete'): Promise<StoredActivity> {
  const existing = await getDb().activities.get(id)
  if (!existing) throw missing()
  await requirePermission('activity', kind, await authorOf(existing))
  return existing
}

/**
 * `id` may be chosen by the caller beforehand (photos taken before saving already point at it). One transaction
 * holds the record, its outbox entry and the form's draft removal: saved, queued and no draft, or none of it. Its
 * reads go out together and so do its writes (two IndexedDB round trips, not one per step): the save is what a
 * member waits for (bench/saveToVisible.ts).
 */
export async function createActivity(fields: ActivityFields, now: Date = new Date(), id: string = newId(), draftKey?: string): Promise<StoredActivity> {
  const check = await loadActivityRules()
  const db = getDb()
  return db.transaction('rw', [db.activities, db.outbox, db.meta, db.drafts, db.settings], async () => {
    const [, context, writer] = await Promise.all([requirePermission('activity', 'create'), readActivityContext(), takeWriterIds()])
    const value = check(fields, context)
    const at = now.toISOString()
    const record: StoredActivity = {
      ...value, id, createdBy: writer.localUserId, createdAt: at, updatedAt: at,
      backfilled: value.planned !== true && isBackfill(value.date, now), deleted: false, serverVersion: null,
    }
    const { serverVersion: _sv, ...synced } = record
    const mutation: Mutation = {
      clientId: writer.clientId, clientSeq: writer.clientSeq, entity: 'activity', op: 'put', recordId: id, baseVersion: null, fields: synced,
    }
    await Promise.all([
      draftKey ? db.drafts.delete(draftKey) : undefined,
      db.activities.add(record),
      db.outbox.add({ clientSeq: writer.clientSeq, mutation }),
    ])
    return record
  })
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b)
}

/**
 * Save an edit. `base` is the record as the member saw it when they began editing: only the fields they changed
 * from it are written, over the record as it is now — so a sync that changed other fields meanwhile (or while a
 * draft waited) is not overwritten. Without `base`, the edit is taken against the record as it is now.
 */
export async function updateActivity(id: string, fields: ActivityFields, now: Date = new Date(), base?: ActivityFields, draftKey?: string): Promise<StoredActivity> {
  const value = await checkActivity(fields, await getDb().activities.get(id))
  const db = getDb()
  return db.transaction('rw', [db.activities, db.outbox, db.meta, db.drafts], async () => {
    const existing = await changeable(id, 'edit')
    if (existing.deleted) throw missing()
    if (draftKey) await db.drafts.delete(draftKey)
    const reference: Partial<ActivityFields> = base ?? existing
    const changed: Record<string, unknown> = {}
    for (const key of Object.keys(value) as (keyof ActivityFields)[]) {
      if (!sameValue(reference[key], value[key])) changed[key] = value[key] ?? null
    }
    // optional fields removed by the edit
    for (const key of ['startTime', 'partyGroup', 'attendance', 'lecture', 'talk', 'volunteer', 'study', 'warning', 'evaluation', 'planned'] as const) {
      if (reference[key] !== undefined && value[key] === undefined) changed[key] = null
    }
    // what the record already holds needs no change
    for (const key of Object.keys(changed) as (keyof ActivityFields)[]) {
      if (sameValue(existing[key], changed[key] ?? undefined)) delete changed[key]
    }
    if (Object.keys(changed).length === 0) return existing
    const updated: StoredActivity = { ...existing, updatedAt: now.toISOString() }
    const writable = updated as unknown as Record<string, unknown>
    for (const [key, v] of Object.entries(changed)) {
      if (v === null) delete writable[key]
      else writable[key] = v
    }
    // 补录 is about a held record entered late; a plan is entered ahead, and is judged when it becomes held
    if ('date' in changed || 'planned' in changed) updated.backfilled = value.planned !== true && (existing.backfilled || isBackfill(value.date, now))
    await db.activities.put(updated)
    await appendToOutbox('activity', 'put', id, existing.serverVersion, { ...changed, updatedAt: updated.updatedAt })
    return updated
  })
}

/** Soft delete: the record stays as a tombstone (with its content, on this phone) so the deletion syncs; 回收站 restores it. */
export async function deleteActivity(id: string, now: Date = new Date()): Promise<void> {
  const db = getDb()
  await db.transaction('rw', [db.activities, db.outbox, db.meta], async () => {
    const existing = await changeable(id, 'delete')
    if (existing.deleted) return
    const at = now.toISOString()
    await db.activities.update(id, { deleted: true, updatedAt: at, deletedAt: at })
    await appendToOutbox('activity', 'delete', id, existing.serverVersion, {})
  })
}

/**
 * Undo a delete (撤销, or 恢复 in the 回收站), under the record's own id. While the delete still waits in the outbox
 * it is turned into a harmless touch of the record, so the server never sees it. Once the server has the delete
 * (its tombstone keeps no content), a 'restore' carrying the whole record brings it back there. Returns the id.
 */
export async function restoreActivity(id: string, now: Date = new Date()): Promise<string> {
  const db = getDb()
  return db.transaction('rw', [db.activities, db.outbox, db.meta], async () => {
    // undoing a delete is the same permission as the delete
    const existing = await changeable(id, 'delete')
    if (!existing.deleted) return id
    const updatedAt = now.toISOString()
    const pendingDelete = await db.outbox
      .filter((e) => e.rejectedReason === undefined && e.mutation.recordId === id && e.mutation.op === 'delete').first()
    if (pendingDelete) {
      await db.outbox.update(pendingDelete.clientSeq, { mutation: { ...pendingDelete.mutation, op: 'put', fields: { updatedAt } } })
    } else {
      const { serverVersion, deletedAt: _d, ...record } = existing
      await appendToOutbox('activity', 'restore', id, serverVersion, { ...record, deleted: false, updatedAt })
    }
    await db.activities.update(id, { deleted: false, updatedAt, deletedAt: undefined })
    return id
  })
}

export async function getActivity(id: string): Promise<StoredActivity | undefined> {
  return getDb().activities.get(id)
}

/** Live records of one month (newest first), optionally of one type. */
export async function listActivitiesOfMonth(year: number, month: number, type?: ActivityTypeId): Promise<StoredActivity[]> {
  const [first, last] = monthRange(year, month)
  // Read whole (one getAll) and filtered here: a Dexie filter walks a cursor, a round trip per record, 3–4× slower.
  const rows = (await getDb().activities.where('date').between(first, last, true, true).toArray())
    .filter((r) => !r.deleted && (type === undefined || r.types.includes(type)))
  return rows.sort((a, b) => (b.date + (b.startTime ?? '')).localeCompare(a.date + (a.startTime ?? '')) || b.createdAt.localeCompare(a.createdAt))
}

/** Live records dated within [first, last], for reports and the home screen. */
export async function listActivitiesBetween(first: string, last: string): Promise<StoredActivity[]> {
  // one getAll, filtered here (see listActivitiesOfMonth): a year of records is read in a fraction of a cursor's time
  return (await getDb().activities.where('date').between(first, last, true, true).toArray()).filter((r) => !r.deleted)
}

/** Every record including tombstones (backup, reports that must see deletions). */
export async function listAllActivities(): Promise<StoredActivity[]> {
  return getDb().activities.toArray()
}

/** The earliest live held record's date on the device (a plan is not held yet), or null; walks the date index. */
export async function earliestActivityDate(): Promise<string | null> {
  const first = await getDb().activities.orderBy('date').filter((r) => !r.deleted && r.planned !== true).first()
  return first?.date ?? null
}
