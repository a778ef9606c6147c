// Sync bookkeeping on this device: which outbox entries to push, what the server answered, pulled pages
// (record = server copy ⊕ changes still waiting in the outbox), resets and the wipe after removal from a branch.
import type { Mutation, SyncEntity } from '@shared/sync/mutation'
import type { PullPage, PushResult, SyncRow } from '@shared/sync/protocol'
import type { Table } from 'dexie'
import { getDb } from './connection'
import { newId, nextClientSeq } from './meta'
import { appendToOutbox, countPendingChanges, refusedEntries } from './outbox'
import type { OutboxEntry } from './schema'

/** The recordId the settings record has in this device's outbox; the server's is the branch id. */
export const LOCAL_SETTINGS_RECORD_ID = 'branch-settings'

const CURSOR_KEY = 'syncCursor'
const EPOCH_KEY = 'syncEpoch'
const BRANCH_KEY = 'syncBranchId'
const LAST_SYNC_KEY = 'lastSyncAt'
const DEVICE_ID_KEY = 'deviceId'
/** Fields only the server decides; a local change never overrides the server's value for these. */
const SERVER_FIELDS = new Set(['id', 'createdBy', 'version', 'branchId'])

export interface SyncPosition {
  cursor: number
  epoch: string | null
  branchId: string | null
}

async function meta<T>(key: string): Promise<T | undefined> {
  return (await getDb().meta.get(key))?.value as T | undefined
}

export async function readSyncPosition(): Promise<SyncPosition> {
  return {
    cursor: (await meta<number>(CURSOR_KEY)) ?? 0,
    epoch: (await meta<string>(EPOCH_KEY)) ?? null,
    branchId: (await meta<string>(BRANCH_KEY)) ?? null,
  }
}

/** Pull everything again (keeps the local copy; each row is re-applied over it). */
export async function restartPull(): Promise<void> {
  await getDb().meta.put({ key: CURSOR_KEY, value: 0 })
}

export async function readLastSyncAt(): Promise<string | null> {
  return (await meta<string>(LAST_SYNC_KEY)) ?? null
}

/** Display only: the device clock is never used for ordering. */
export async function recordSyncSuccess(at: Date = new Date()): Promise<void> {
  await getDb().meta.put({ key: LAST_SYNC_KEY, value: at.toISOString() })
}

function pendingEntries(): Promise<OutboxEntry[]> {
  return getDb().outbox.orderBy('clientSeq').filter((e) => e.rejectedReason === undefined).toArray()
}

/** The oldest waiting changes of one clientId, with the settings recordId mapped to the branch id. */
export async function readPushBatch(limit: number, branchId: string): Promise<Mutation[]> {
  const rows = await getDb().outbox.orderBy('clientSeq').filter((e) => e.rejectedReason === undefined).limit(limit).toArray()
  const clientId = rows[0]?.mutation.clientId
  return rows
    .filter((r) => r.mutation.clientId === clientId)
    .map((r) => (r.mutation.entity === 'settings' ? { ...r.mutation, recordId: branchId } : r.mutation))
}

export interface PushOutcome {
  /** the server asked to resend from here (sequence gap or aborted batch) */
  retry: boolean
  /** a change to a record the server already has was refused: pull it again to show the server's copy */
  rejectedSynced: boolean
}

function recordTable(entity: Exclude<SyncEntity, 'settings'>) {
  const db = getDb()
  return entity === 'activity' ? db.activities : db.members
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

/** Drop what the server took, stamp server versions, keep refused changes with their reason. One transaction. */
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
        await db.outbox.update(r.clientSeq, { rejectedReason: r.error?.message || '服务器拒绝了这项修改' })
        if (m.baseVersion !== null) outcome.rejectedSynced = true
        continue
      }
      await db.outbox.delete(r.clientSeq)
      if (r.version !== undefined) await stampVersion(m.entity, m.recordId, r.version)
    }
    return outcome
  })
}

function overlay(base: Record<string, unknown>, pending: Mutation[]): Record<string, unknown> {
  const out = { ...base }
  for (const m of pending) {
    if (m.op === 'delete') { out.deleted = true; continue }
    for (const [key, value] of Object.entries(m.fields)) {
      if (SERVER_FIELDS.has(key)) continue
      if (value === null || value === undefined) delete out[key]
      else out[key] = value
    }
  }
  return out
}

function pendingKey(entity: SyncEntity, recordId: string): string {
  return entity === 'settings' ? 'settings' : `${entity}:${recordId}`
}

async function applySettingsRow(row: SyncRow, waiting: Mutation[]): Promise<void> {
  if (row.deleted) return
  const db = getDb()
  const { id: _id, ...value } = overlay(row.data, waiting)
  const existing = await db.settings.get('branch')
  await db.settings.put({
    key: 'branch', value: value as never, updatedAt: existing?.updatedAt ?? new Date().toISOString(), serverVersion: row.version,
  })
}

/** What one page does to one record table: records to put (last row per id wins) and tombstones to mark. */
interface TableWrites {
  puts: Map<string, Record<string, unknown>>
  tombstones: Map<string, number>
}

async function flushWrites(entity: Exclude<SyncEntity, 'settings'>, writes: TableWrites): Promise<void> {
  const table = recordTable(entity) as unknown as Table<Record<string, unknown>, string>
  if (writes.tombstones.size > 0) {
    // A tombstone marks the local copy deleted; a record this device never had stays absent.
    const ids = [...writes.tombstones.keys()]
    const existing = await table.bulkGet(ids)
    const marked = existing.flatMap((row, i) => (row ? [{ ...row, deleted: true, serverVersion: writes.tombstones.get(ids[i]!)! }] : []))
    if (marked.length > 0) await table.bulkPut(marked)
  }
  // One bulkPut per table and page instead of one put per row: the same writes, far fewer IndexedDB round trips.
  if (writes.puts.size > 0) await table.bulkPut([...writes.puts.values()])
}

/** Apply one pulled page and move the cursor, in one transaction. Redacted rows are stored as they came. */
export async function applyPullPage(page: PullPage): Promise<void> {
  const db = getDb()
  await db.transaction('rw', [db.activities, db.members, db.settings, db.outbox, db.meta], async () => {
    const pending = new Map<string, Mutation[]>()
    for (const e of await pendingEntries()) {
      const key = pendingKey(e.mutation.entity, e.mutation.recordId)
      const list = pending.get(key) ?? []
      list.push(e.mutation)
      pending.set(key, list)
    }
    const writes = {
      activity: { puts: new Map(), tombstones: new Map() } as TableWrites,
      member: { puts: new Map(), tombstones: new Map() } as TableWrites,
    }
    for (const row of page.rows) {
      const waiting = pending.get(pendingKey(row.entity, row.id))
      if (row.entity === 'settings') {
        await applySettingsRow(row, waiting ?? [])
        continue
      }
      const w = writes[row.entity]
      if (row.deleted) {
        // A record put earlier in this same page is the local copy the tombstone marks.
        const staged = w.puts.get(row.id)
        if (staged) Object.assign(staged, { deleted: true, serverVersion: row.version })
        else w.tombstones.set(row.id, row.version)
        continue
      }
      w.tombstones.delete(row.id)
      const base = { ...row.data, id: row.id, serverVersion: row.version }
      // record = server copy ⊕ changes still waiting (no overlay work when nothing waits for this record)
      w.puts.set(row.id, waiting ? overlay(base, waiting) : base)
    }
    await flushWrites('activity', writes.activity)
    await flushWrites('member', writes.member)
    await db.meta.bulkPut([
      { key: CURSOR_KEY, value: page.cursor }, { key: EPOCH_KEY, value: page.epoch }, { key: BRANCH_KEY, value: page.branchId },
    ])
  })
}

/**
 * Give this device a new clientId and renumber the waiting changes consecutively under it (the server accepts any
 * starting sequence number from a clientId it has never seen). Refused changes keep their old numbers.
 */
export async function rotateClientId(): Promise<string> {
  const db = getDb()
  return db.transaction('rw', [db.outbox, db.meta], async () => {
    const clientId = newId()
    await db.meta.put({ key: DEVICE_ID_KEY, value: clientId })
    for (const entry of await pendingEntries()) {
      const clientSeq = await nextClientSeq()
      await db.outbox.delete(entry.clientSeq)
      await db.outbox.add({ clientSeq, mutation: { ...entry.mutation, clientId, clientSeq } })
    }
    return clientId
  })
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
    const touched = new Set((await db.outbox.toArray()).map((e) => pendingKey(e.mutation.entity, e.mutation.recordId)))
    for (const entity of ['activity', 'member'] as const) {
      const table = recordTable(entity)
      const synced = await table.filter((r) => r.serverVersion !== null && !touched.has(pendingKey(entity, r.id))).primaryKeys()
      await table.bulkDelete(synced)
    }
    const settings = await db.settings.get('branch')
    if (settings && settings.serverVersion !== null && !touched.has('settings')) await db.settings.delete('branch')
    await rotateClientId()
    await db.meta.bulkPut([{ key: CURSOR_KEY, value: 0 }, { key: BRANCH_KEY, value: branchId }])
    if (epoch === null) await db.meta.delete(EPOCH_KEY)
    else await db.meta.put({ key: EPOCH_KEY, value: epoch })
  })
}

/** Removed from the branch: nothing of the branch stays on this device, and the session ends. */
export async function wipeBranchData(): Promise<void> {
  const db = getDb()
  await db.transaction('rw', [db.activities, db.members, db.settings, db.photos, db.photoUploads, db.outbox, db.drafts, db.meta], async () => {
    await Promise.all([db.activities.clear(), db.members.clear(), db.settings.clear(), db.photos.clear(), db.photoUploads.clear(), db.outbox.clear(), db.drafts.clear()])
    await db.meta.bulkDelete(['session', CURSOR_KEY, EPOCH_KEY, BRANCH_KEY, LAST_SYNC_KEY, 'localUserId', DEVICE_ID_KEY])
  })
}

export interface RejectedChange {
  clientSeq: number
  entity: SyncEntity
  op: Mutation['op']
  /** what the change was about: a topic, a name, or the settings */
  title: string
  reason: string
}

/** Changes the server refused, with their reasons and a readable title. */
export async function readRejectedChanges(): Promise<RejectedChange[]> {
  const db = getDb()
  const rows = await refusedEntries().toArray()
  const out: RejectedChange[] = []
  for (const { clientSeq, mutation: m, rejectedReason } of rows) {
    let title = '支部设置'
    if (m.entity === 'activity') title = String(m.fields.topic ?? (await db.activities.get(m.recordId))?.topic ?? '一条活动记录')
    if (m.entity === 'member') title = String(m.fields.name ?? (await db.members.get(m.recordId))?.name ?? '名册中的一人')
    out.push({ clientSeq, entity: m.entity, op: m.op, title, reason: rejectedReason ?? '' })
  }
  return out
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

export interface SyncSummary {
  pending: number
  lastSyncAt: string | null
  rejected: RejectedChange[]
}

export async function readSyncSummary(): Promise<SyncSummary> {
  const [pending, lastSyncAt, rejected] = await Promise.all([
    countPendingChanges(), readLastSyncAt(), readRejectedChanges(),
  ])
  return { pending, lastSyncAt, rejected }
}

/**
 * Signed in to another branch than the one this phone's changes were made for: keep them on the phone but never
 * send them to the new branch. They show in the refused list with this reason, where the member can dismiss them.
 */
export async function parkOutboxForOtherBranch(): Promise<number> {
  const db = getDb()
  return db.transaction('rw', [db.outbox], async () => {
    const pending = await pendingEntries()
    for (const entry of pending) {
      await db.outbox.update(entry.clientSeq, { rejectedReason: '这是登录另一个支部之前记的修改，没有上传到现在的支部' })
    }
    return pending.length
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
    const touched = new Set((await db.outbox.toArray()).map((e) => pendingKey(e.mutation.entity, e.mutation.recordId)))
    let queued = 0
    for (const entity of ['activity', 'member'] as const) {
      const rows = await recordTable(entity).filter((r) => r.serverVersion !== null && !touched.has(pendingKey(entity, r.id))).toArray()
      for (const row of rows) {
        const { serverVersion: _sv, ...fields } = row
        if (row.deleted) await appendToOutbox(entity, 'delete', row.id, null, {})
        else await appendToOutbox(entity, 'put', row.id, null, fields as Record<string, unknown>)
        queued++
      }
    }
    const settings = await db.settings.get('branch')
    if (settings && settings.serverVersion !== null && !touched.has('settings')) {
      await appendToOutbox('settings', 'put', LOCAL_SETTINGS_RECORD_ID, null, { ...settings.value })
      queued++
    }
    return queued
  })
}
