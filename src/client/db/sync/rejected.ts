// Changes the server refused (or this phone parked): listed as data, dismissed one by one.
import type { Mutation, SyncEntity } from '@shared/sync/mutation'
import { getDb } from '../connection'
import { refusedEntries } from '../outbox'
import { recordTable } from './tables'

export interface RejectedChange {
  clientSeq: number
  entity: SyncEntity
  op: Mutation['op']
  /** what the change was about — an activity's topic or a member's name — or null (settings, or not known here) */
  subject: string | null
  /**
   * why: the server's message as it came, or one of the local codes in src/shared/rejectedChanges.ts; turn it
   * into display text with `rejectionText`
   */
  reason: string
}

function subjectOf(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value : null
}

/** Changes the server refused, with their reasons and what they were about. */
export async function readRejectedChanges(): Promise<RejectedChange[]> {
  const db = getDb()
  const rows = await refusedEntries().toArray()
  const out: RejectedChange[] = []
  for (const { clientSeq, mutation: m, rejectedReason } of rows) {
    let subject: string | null = null
    if (m.entity === 'activity') subject = subjectOf(m.fields.topic) ?? subjectOf((await db.activities.get(m.recordId))?.topic)
    if (m.entity === 'member') subject = subjectOf(m.fields.name) ?? subjectOf((await db.members.get(m.recordId))?.name)
    out.push({ clientSeq, entity: m.entity, op: m.op, subject, reason: rejectedReason ?? '' })
  }
  return out.sort((a, b) => a.clientSeq - b.clientSeq)
}

/**
 * Dismiss a refused change. A record that only ever existed on this device and has nothing else waiting is
 * removed with it, so what the phone shows matches what the branch has.
 */
export async function discardRejectedChange(clientSeq: number): Promise<void> {
  const db = getDb()
  await db.transaction('rw', [db.outbox, db.activities, db.members], async () => {
    const entry = await db.outbox.get(clientSeq)
    if (!entry || entry.rejectedReason === undefined) return
    await db.outbox.delete(clientSeq)
    const { entity, recordId } = entry.mutation
    if (entity === 'settings') return
    const others = await db.outbox.filter((e) => e.mutation.entity === entity && e.mutation.recordId === recordId).count()
    const table = recordTable(entity)
    const record = await table.get(recordId)
    if (record && record.serverVersion === null && others === 0) await table.delete(recordId)
  })
}
