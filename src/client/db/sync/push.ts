// Pushing the outbox: which waiting changes go in the next batch, and what the server's answer does to them.
import type { Mutation, SyncEntity } from '@shared/sync/mutation'
import type { PushResult } from '@shared/sync/protocol'
import { getDb } from '../connection'
import { readMeta } from '../meta'
import { META_KEYS } from '../metaKeys'
import { UNEXPLAINED_REFUSAL } from '@shared/rejectedChanges'
import { recordTable } from './tables'
import { withRecordFields } from '../outbox'

/**
 * The oldest waiting changes of one clientId, with the settings recordId mapped to the branch id. Nothing while a
 * joined phone's roster still waits to be mapped onto the branch's (join.ts): its changes would name local ids.
 */
export async function readPushBatch(limit: number, branchId: string): Promise<Mutation[]> {
  if (await readMeta<boolean>(META_KEYS.rosterMappingPending)) return []
  const rows = await getDb().outbox.orderBy('clientSeq').filter((e) => e.rejectedReason === undefined).limit(limit).toArray()
  const clientId = rows[0]?.mutation.clientId
  const batch = await withRecordFields(rows.filter((r) => r.mutation.clientId === clientId))
  return batch.map((r) => (r.mutation.entity === 'settings' ? { ...r.mutation, recordId: branchId } : r.mutation))
}

export interface PushOutcome {
  /** the server asked to resend from here (sequence gap or aborted batch) */
  retry: boolean
  /** a change to a record the server already has was refused: pull it again to show the server's copy */
  rejectedSynced: boolean
}

async function stampVersion(entity: SyncEntity, recordId: string, version: number): Promise<void> {
  const db = getDb()
  if (entity === 'settings') {
    const row = await db.settings.get('branch')
    if (row && (row.serverVersion ?? 0) < version) await db.settings.update('branch', { serverVersion: version })
    return
  }
  const table = recordTable(entity)
  const row = await table.get(recordId)
  if (row && (row.serverVersion ?? 0) < version) await table.update(recordId, { serverVersion: version })
}

/**
 * Drop what the server took, stamp server versions, keep refused changes with the server's reason (its message,
 * shown as it came). One transaction.
 */
export async function applyPushResults(sent: Mutation[], results: PushResult[]): Promise<PushOutcome> {
  const db = getDb()
  const bySeq = new Map(sent.map((m) => [m.clientSeq, m]))
  return db.transaction('rw', [db.outbox, db.activities, db.members, db.settings], async () => {
    const outcome: PushOutcome = { retry: false, rejectedSynced: false }
    for (const r of results) {
      const m = bySeq.get(r.clientSeq)
      if (!m) continue
      if (r.status === 'rejected') {
        if (r.error?.retry) { outcome.retry = true; continue }
        await db.outbox.update(r.clientSeq, { rejectedReason: r.error?.message || UNEXPLAINED_REFUSAL })
        if (m.baseVersion !== null) outcome.rejectedSynced = true
        continue
      }
      await db.outbox.delete(r.clientSeq)
      if (r.version !== undefined) await stampVersion(m.entity, m.recordId, r.version)
    }
    return outcome
  })
}
