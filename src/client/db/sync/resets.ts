// Starting over: a new clientId for the outbox, dropping the synced copy, re-queueing it for a restored server,
// parking changes meant for another branch, and wiping the branch's data after removal.
import { getDb } from '../connection'
import { getDeviceId, newId, nextClientSeq, readMeta } from '../meta'
import { META_KEYS } from '../metaKeys'
import { LOCAL_SETTINGS_RECORD_ID, pendingEntries, pendingKey } from '../outbox'
import type { OutboxEntry } from '../schema'
import type { SyncEntity } from '@shared/sync/mutation'
import { PARKED_FOR_OTHER_BRANCH } from '@shared/rejectedChanges'
import { recordTable } from './tables'

/**
 * Give this device a new clientId and renumber the waiting changes consecutively under it (the server accepts any
 * starting sequence number from a clientId it has never seen). Refused changes keep their old numbers.
 */
export async function rotateClientId(): Promise<string> {
  const db = getDb()
  return db.transaction('rw', [db.outbox, db.meta], async () => {
    const clientId = newId()
    await db.meta.put({ key: META_KEYS.deviceId, value: clientId })
    for (const entry of await pendingEntries()) {
      const clientSeq = await nextClientSeq()
      await db.outbox.delete(entry.clientSeq)
      await db.outbox.add({ ...entry, clientSeq, mutation: { ...entry.mutation, clientId, clientSeq } })
    }
    return clientId
  })
}

async function recordsWithChanges(): Promise<Set<string>> {
  return new Set((await getDb().outbox.toArray()).map((e) => pendingKey(e.mutation.entity, e.mutation.recordId)))
}

/**
 * The server was restored or this cursor is too old (or another branch signed in): drop the synced copy except
 * records with local changes, pull from 0 under `epoch`, and re-push the outbox under a new clientId.
 */
export async function resetSyncedCopy(epoch: string | null, branchId: string): Promise<void> {
  const db = getDb()
  await db.transaction('rw', [db.activities, db.members, db.settings, db.outbox, db.meta, db.photoUploads], async () => {
    // a restored server may lack photos it had: offer every local photo again (PUT is idempotent)
    await db.photoUploads.clear()
    const touched = await recordsWithChanges()
    for (const entity of ['activity', 'member'] as const) {
      const table = recordTable(entity)
      const synced = await table.filter((r) => r.serverVersion !== null && !touched.has(pendingKey(entity, r.id))).primaryKeys()
      await table.bulkDelete(synced)
    }
    const settings = await db.settings.get('branch')
    if (settings && settings.serverVersion !== null && !touched.has('settings')) await db.settings.delete('branch')
    await rotateClientId()
    await db.meta.bulkPut([{ key: META_KEYS.cursor, value: 0 }, { key: META_KEYS.branchId, value: branchId }])
    if (epoch === null) await db.meta.delete(META_KEYS.epoch)
    else await db.meta.put({ key: META_KEYS.epoch, value: epoch })
  })
}

/**
 * The server was restored from a backup (its epoch changed): it may lack changes it had acknowledged to this
 * phone. Queue every record this phone holds as a full put (tombstones as deletes), so nothing acknowledged is
 * lost; the server merges what it already has.
 */
export async function requeueSyncedRecords(): Promise<number> {
  const db = getDb()
  return db.transaction('rw', [db.activities, db.members, db.settings, db.outbox, db.meta], async () => {
    const touched = await recordsWithChanges()
    const clientId = await getDeviceId()
    let clientSeq = (await readMeta<number>(META_KEYS.lastClientSeq)) ?? 0
    const entries: OutboxEntry[] = []
    // A put's fields are its record's, read when sent (OutboxEntry.fieldsFromRecord): every record on the phone
    // is queued here, and one bulkAdd of references costs a fraction of a copy of each.
    const queue = (entity: SyncEntity, op: 'put' | 'delete', recordId: string, fields: Record<string, unknown> | null) => {
      clientSeq++
      const mutation = { clientId, clientSeq, entity, op, recordId, baseVersion: null, fields: fields ?? {} }
      entries.push(fields === null && op === 'put' ? { clientSeq, mutation, fieldsFromRecord: true } : { clientSeq, mutation })
    }
    for (const entity of ['activity', 'member'] as const) {
      const rows = await recordTable(entity).filter((r) => r.serverVersion !== null && !touched.has(pendingKey(entity, r.id))).toArray()
      for (const row of rows) queue(entity, row.deleted ? 'delete' : 'put', row.id, row.deleted ? {} : null)
    }
    const settings = await db.settings.get('branch')
    if (settings && settings.serverVersion !== null && !touched.has('settings')) {
      queue('settings', 'put', LOCAL_SETTINGS_RECORD_ID, { ...settings.value })
    }
    if (entries.length > 0) {
      await db.outbox.bulkAdd(entries)
      await db.meta.put({ key: META_KEYS.lastClientSeq, value: clientSeq })
    }
    return entries.length
  })
}

/**
 * Signed in to another branch than the one this phone's changes were made for: keep them on the phone but never
 * send them to the new branch. They show in the refused list (code PARKED_FOR_OTHER_BRANCH), where the member can
 * dismiss them.
 */
export async function parkOutboxForOtherBranch(): Promise<number> {
  const db = getDb()
  return db.transaction('rw', [db.outbox], async () => {
    const pending = await pendingEntries()
    for (const entry of pending) await db.outbox.update(entry.clientSeq, { rejectedReason: PARKED_FOR_OTHER_BRANCH })
    return pending.length
  })
}

/** Removed from the branch: nothing of the branch stays on this device, and the session ends. */
export async function wipeBranchData(): Promise<void> {
  const db = getDb()
  await db.transaction('rw', [db.activities, db.members, db.settings, db.photos, db.photoUploads, db.outbox, db.drafts, db.meta], async () => {
    await Promise.all([db.activities.clear(), db.members.clear(), db.settings.clear(), db.photos.clear(), db.photoUploads.clear(), db.outbox.clear(), db.drafts.clear()])
    await db.meta.bulkDelete([
      META_KEYS.session, META_KEYS.cursor, META_KEYS.epoch, META_KEYS.branchId, META_KEYS.lastSyncAt,
      META_KEYS.localUserId, META_KEYS.deviceId, META_KEYS.rosterMappingPending, META_KEYS.newlySynced, META_KEYS.quietPull,
    ])
  })
}
