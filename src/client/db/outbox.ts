// The outbox: local changes not yet acknowledged by the server, in device order.
import type { Mutation, SyncEntity } from '@shared/sync/mutation'
import { getDb } from './connection'
import { getDeviceId, nextClientSeq } from './meta'

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

export async function readOutbox(limit: number): Promise<Mutation[]> {
  const rows = await getDb().outbox.orderBy('clientSeq').filter((e) => e.rejectedReason === undefined).limit(limit).toArray()
  return rows.map((r) => r.mutation)
}

export async function listRejectedChanges() {
  return refusedEntries().toArray()
}

/** Remove acknowledged mutations; keep rejected ones with their reason so the user sees them. */
export async function acknowledgeOutbox(applied: number[], rejected: { clientSeq: number; reason: string }[]): Promise<void> {
  const db = getDb()
  await db.transaction('rw', db.outbox, async () => {
    await db.outbox.bulkDelete(applied)
    for (const r of rejected) await db.outbox.update(r.clientSeq, { rejectedReason: r.reason })
  })
}

export async function dismissRejectedChange(clientSeq: number): Promise<void> {
  await getDb().outbox.delete(clientSeq)
}
