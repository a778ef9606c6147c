// Applying pulled pages: record = server copy ⊕ changes still waiting in the outbox.
import type { Mutation } from '@shared/sync/mutation'
import type { PullPage, SyncRow } from '@shared/sync/protocol'
import type { Table } from 'dexie'
import { getDb } from '../connection'
import { META_KEYS } from '../metaKeys'
import { pendingEntries, pendingKey } from '../outbox'
import { recordTable, type RecordEntity } from './tables'

/** Fields only the server decides; a local change never overrides the server's value for these. */
const SERVER_FIELDS = new Set(['id', 'createdBy', 'version', 'branchId'])

function overlay(base: Record<string, unknown>, pending: Mutation[]): Record<string, unknown> {
  const out = { ...base }
  for (const m of pending) {
    if (m.op === 'delete') { out.deleted = true; continue }
    if (m.op === 'restore') out.deleted = false
    for (const [key, value] of Object.entries(m.fields)) {
      if (SERVER_FIELDS.has(key)) continue
      if (value === null || value === undefined) delete out[key]
      else out[key] = value
    }
  }
  return out
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

async function flushWrites(entity: RecordEntity, writes: TableWrites): Promise<void> {
  const table = recordTable(entity) as unknown as Table<Record<string, unknown>, string>
  if (writes.tombstones.size > 0) {
    // A tombstone marks the local copy deleted; a record this device never had stays absent.
    const ids = [...writes.tombstones.keys()]
    const existing = await table.bulkGet(ids)
    // 回收站 counts its 30 days from when this phone learned of the deletion (the server keeps no such time)
    const at = new Date().toISOString()
    const marked = existing.flatMap((row, i) => (row ? [{
      ...row, deleted: true, serverVersion: writes.tombstones.get(ids[i]!)!,
      ...(entity === 'activity' ? { deletedAt: (row.deleted === true && typeof row.deletedAt === 'string') ? row.deletedAt : at } : {}),
    }] : []))
    if (marked.length > 0) await table.bulkPut(marked)
  }
  // One bulkPut per table and page instead of one put per row: the same writes, far fewer IndexedDB round trips.
  if (writes.puts.size > 0) await table.bulkPut([...writes.puts.values()])
}

/** At most this many arrivals are remembered for the notice (the count stays right for any realistic sync). */
const MAX_ARRIVALS = 2000

/**
 * Remember live activity records that came from others — new here, or changed since this phone's copy — for the
 * "新同步 N 条" notice. This phone's own pushes come back with the version already stamped and are not counted;
 * the first pull of a phone (cursor 0: joining, or starting over) announces nothing.
 */
async function noteArrivals(puts: Map<string, Record<string, unknown>>, hasMore: boolean): Promise<void> {
  const db = getDb()
  // a pull from 0 (all its pages) brings the branch's copy, not news
  const cursor = (await db.meta.get(META_KEYS.cursor))?.value
  const quiet = typeof cursor !== 'number' || cursor <= 0 || (await db.meta.get(META_KEYS.quietPull))?.value === true
  if (quiet && hasMore) await db.meta.put({ key: META_KEYS.quietPull, value: true })
  else if (quiet) await db.meta.delete(META_KEYS.quietPull)
  if (quiet || puts.size === 0) return
  const ids = [...puts.keys()]
  const local = await db.activities.bulkGet(ids)
  const arrived = ids.filter((id, i) => {
    const row = puts.get(id)!
    if (row.deleted === true) return false
    const mine = local[i]
    return !mine || mine.deleted || (mine.serverVersion ?? -1) < (row.serverVersion as number)
  })
  if (arrived.length === 0) return
  const before = (await db.meta.get(META_KEYS.newlySynced))?.value
  const known = Array.isArray(before) ? before.filter((v): v is string => typeof v === 'string') : []
  const merged = [...new Set([...known, ...arrived])].slice(-MAX_ARRIVALS)
  await db.meta.put({ key: META_KEYS.newlySynced, value: merged })
}

/** Apply one pulled page and move the cursor, in one transaction. Redacted rows are stored as they came. */
export async function applyPullPage(page: PullPage): Promise<void> {
  await applyPullPages([page])
}

/**
 * Apply consecutive pulled pages (each asked for from the cursor the one before it ended at) and move the cursor
 * to the last one's, in one transaction: a catching-up phone writes what has arrived together (fewer IndexedDB
 * commits, engine.ts), and a failure part-way leaves the device as it was before the first of them.
 * `fromCursor`: the cursor the first page was asked for; if the stored cursor is no longer that (something reset
 * or moved it meanwhile), nothing is written and false is returned.
 */
export async function applyPullPages(pages: readonly PullPage[], fromCursor?: number): Promise<boolean> {
  const last = pages[pages.length - 1]
  if (!last) return true
  const db = getDb()
  return db.transaction('rw', [db.activities, db.members, db.settings, db.outbox, db.meta], async () => {
    if (fromCursor !== undefined) {
      const stored = (await db.meta.get(META_KEYS.cursor))?.value ?? 0
      if (stored !== fromCursor) return false
    }
    const pending = new Map<string, Mutation[]>()
    for (const e of await pendingEntries()) {
      const key = pendingKey(e.mutation.entity, e.mutation.recordId)
      const list = pending.get(key) ?? []
      list.push(e.mutation)
      pending.set(key, list)
    }
    const writes: Record<RecordEntity, TableWrites> = {
      activity: { puts: new Map(), tombstones: new Map() },
      member: { puts: new Map(), tombstones: new Map() },
    }
    for (const page of pages) {
      for (const row of page.rows) {
        const waiting = pending.get(pendingKey(row.entity, row.id))
        if (row.entity === 'settings') {
          await applySettingsRow(row, waiting ?? [])
          continue
        }
        const w = writes[row.entity]
        if (row.deleted) {
          // A record put earlier in these same pages is the local copy the tombstone marks.
          const staged = w.puts.get(row.id)
          if (staged) Object.assign(staged, { deleted: true, serverVersion: row.version }, row.entity === 'activity' ? { deletedAt: new Date().toISOString() } : {})
          else w.tombstones.set(row.id, row.version)
          continue
        }
        w.tombstones.delete(row.id)
        // The row's data becomes the stored record as it is, not a copy: it was parsed from this answer alone and
        // nothing else holds it (a first sync would otherwise copy 10,000 objects only to drop the originals).
        const base: Record<string, unknown> = row.data
        base.id = row.id
        base.serverVersion = row.version
        // record = server copy ⊕ changes still waiting (no overlay work when nothing waits for this record)
        const record: Record<string, unknown> = waiting ? overlay(base, waiting) : base
        // a delete still waiting here keeps the record in 回收站
        if (record.deleted === true && row.entity === 'activity') record.deletedAt = new Date().toISOString()
        w.puts.set(row.id, record)
      }
    }
    await noteArrivals(writes.activity.puts, last.hasMore)
    await flushWrites('activity', writes.activity)
    await flushWrites('member', writes.member)
    await db.meta.bulkPut([
      { key: META_KEYS.cursor, value: last.cursor },
      { key: META_KEYS.epoch, value: last.epoch },
      { key: META_KEYS.branchId, value: last.branchId },
    ])
    return true
  })
}
