// The outbox: local changes not yet acknowledged by the server, in device order.
import type { Mutation, SyncEntity } from '@shared/sync/mutation'
import { getDb } from './connection'
import { getDeviceId, nextClientSeq } from './meta'
import type { OutboxEntry } from './schema'

/** The recordId the settings record has in this device's outbox; the server's is the branch id. */
export const LOCAL_SETTINGS_RECORD_ID = 'branch-settings'

/** Append a mutation. Must run inside a rw transaction over outbox and meta (with the change itself). */
export async function appendToOutbox(
  entity: SyncEntity, op: Mutation['op'], recordId: string, baseVersion: number | null, fields: Record<string, unknown>,
): Promise<void> {
  const db = getDb()
  const clientId = await getDeviceId()
  const clientSeq = await nextClientSeq()
  await db.outbox.add({ clientSeq, mutation: { clientId, clientSeq, entity, op, recordId, baseVersion, fields } })
}

/** Changes waiting to be sent (rejected ones are kept apart: they will never apply). */
export async function countPendingChanges(): Promise<number> {
  const db = getDb()
  // Entries without a reason are not in the index: all minus refused, both counted natively.
  const [all, refused] = await Promise.all([db.outbox.count(), refusedEntries().count()])
  return all - refused
}

/** Refused entries (they carry a reason), from the index. */
export function refusedEntries() {
  return getDb().outbox.where('rejectedReason').aboveOrEqual('')
}

/** Waiting (not refused) entries, oldest first. */
export function pendingEntries(): Promise<OutboxEntry[]> {
  // one getAll, filtered here: a Dexie filter walks a cursor (a round trip per entry; an import can queue 10,000)
  return getDb().outbox.orderBy('clientSeq').toArray().then((all) => all.filter((e) => e.rejectedReason === undefined))
}

/** One key per synced record: changes with the same key are to the same record. */
export function pendingKey(entity: SyncEntity, recordId: string): string {
  return entity === 'settings' ? 'settings' : `${entity}:${recordId}`
}

/** What a stored record sends as a create's fields: the record without what only this device keeps. */
function recordAsFields(record: object): Record<string, unknown> {
  const { serverVersion: _serverVersion, deletedAt: _deletedAt, ...fields } = record as Record<string, unknown>
  return fields
}

/**
 * Entries as they are sent: one whose fields are its record's (`fieldsFromRecord`) gets the record as it is now,
 * read in one bulkGet per table. A later edit of that record is its own entry after it, so sending today's copy
 * first gives the server the same result. Must run where the records can be read (any transaction over them).
 */
export async function withRecordFields(entries: OutboxEntry[]): Promise<OutboxEntry[]> {
  const byReference = entries.filter((e) => e.fieldsFromRecord && e.mutation.entity !== 'settings')
  if (byReference.length === 0) return entries
  const db = getDb()
  const records = new Map<string, object>()
  for (const entity of ['activity', 'member'] as const) {
    const ids = byReference.filter((e) => e.mutation.entity === entity).map((e) => e.mutation.recordId)
    if (ids.length === 0) continue
    const rows = await (entity === 'activity' ? db.activities : db.members).bulkGet(ids)
    rows.forEach((row, i) => { if (row) records.set(pendingKey(entity, ids[i]!), row) })
  }
  return entries.map((e) => {
    const record = e.fieldsFromRecord ? records.get(pendingKey(e.mutation.entity, e.mutation.recordId)) : undefined
    // a record gone from this device (it is kept while anything of it waits, recycleBin.ts) sends nothing to merge
    return record ? { ...e, mutation: { ...e.mutation, fields: recordAsFields(record) } } : e
  })
}

/** Waiting entries, oldest first, with their fields as they are sent (withRecordFields). */
export async function pendingChanges(): Promise<OutboxEntry[]> {
  return withRecordFields(await pendingEntries())
}
