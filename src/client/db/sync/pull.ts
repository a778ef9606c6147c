// Applying pulled pages: record = server copy ⊕ changes still waiting in the outbox.
// A first sync is bound by how busy IndexedDB is kept, so a transaction here asks for everything it reads at once
// and issues its writes without waiting for one before the next: IndexedDB runs a transaction's requests in the
// order they were made, so a read made before a write still sees what the write replaces.
import type { Mutation } from '@shared/sync/mutation'
import type { PullPage, SyncRow } from '@shared/sync/protocol'
import type { Table } from 'dexie'
import { getDb } from '../connection'
import { META_KEYS } from '../metaKeys'
import type { OutboxEntry } from '../schema'
import { pendingChanges, pendingKey } from '../outbox'
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

function groupPending(entries: readonly OutboxEntry[]): Map<string, Mutation[]> {
  const pending = new Map<string, Mutation[]>()
  for (const e of entries) {
    const key = pendingKey(e.mutation.entity, e.mutation.recordId)
    const list = pending.get(key) ?? []
    list.push(e.mutation)
    pending.set(key, list)
  }
  return pending
}

/** What the pages do to one record table: records to put (last row per id wins) and tombstones to mark. */
interface TableWrites {
  puts: Map<string, Record<string, unknown>>
  tombstones: Map<string, number>
}

interface StagedWrites {
  tables: Record<RecordEntity, TableWrites>
  /** the last live settings row, with what waits to be sent for it laid over */
  settings: { value: Record<string, unknown>; version: number } | null
}

function stageRows(pages: readonly PullPage[], pending: Map<string, Mutation[]>): StagedWrites {
  const staged: StagedWrites = {
    tables: { activity: { puts: new Map(), tombstones: new Map() }, member: { puts: new Map(), tombstones: new Map() } },
    settings: null,
  }
  for (const page of pages) {
    for (const row of page.rows) stageRow(staged, row, pending.get(pendingKey(row.entity, row.id)))
  }
  return staged
}

function stageRow(staged: StagedWrites, row: SyncRow, waiting: Mutation[] | undefined): void {
  if (row.entity === 'settings') {
    if (row.deleted) return
    const { id: _id, ...value } = overlay(row.data, waiting ?? [])
    staged.settings = { value, version: row.version }
    return
  }
  const w = staged.tables[row.entity]
  if (row.deleted) {
    // A record put earlier in these same pages is the local copy the tombstone marks.
    const put = w.puts.get(row.id)
    if (put) Object.assign(put, { deleted: true, serverVersion: row.version }, row.entity === 'activity' ? { deletedAt: new Date().toISOString() } : {})
    else w.tombstones.set(row.id, row.version)
    return
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

function tableOf(entity: RecordEntity): Table<Record<string, unknown>, string> {
  return recordTable(entity) as unknown as Table<Record<string, unknown>, string>
}

/**
 * Mark this device's copies of tombstoned records deleted; a record this device never had stays absent. `copies` was
 * read before the pages' puts were issued; the ids are not among them (a later put of an id drops its tombstone).
 */
async function markTombstones(entity: RecordEntity, tombstones: Map<string, number>,
  copies: Promise<(Record<string, unknown> | undefined)[]>): Promise<void> {
  const ids = [...tombstones.keys()]
  const existing = await copies
  // 回收站 counts its 30 days from when this phone learned of the deletion (the server keeps no such time)
  const at = new Date().toISOString()
  const marked = existing.flatMap((row, i) => (row ? [{
    ...row, deleted: true, serverVersion: tombstones.get(ids[i]!)!,
    ...(entity === 'activity' ? { deletedAt: (row.deleted === true && typeof row.deletedAt === 'string') ? row.deletedAt : at } : {}),
  }] : []))
  if (marked.length > 0) await tableOf(entity).bulkPut(marked)
}

/** At most this many arrivals are remembered for the notice (the count stays right for any realistic sync). */
const MAX_ARRIVALS = 2000

/**
 * Remember live activity records that came from others — new here, or changed since this phone's copy — for the
 * "新同步 N 条" notice. This phone's own pushes come back with the version already stamped and are not counted.
 * `copies`: this phone's copies of `puts`, read before the puts were issued.
 */
async function noteArrivals(puts: Map<string, Record<string, unknown>>, copies: Promise<({ deleted?: boolean; serverVersion?: number | null } | undefined)[]>,
  before: unknown): Promise<void> {
  const ids = [...puts.keys()]
  const local = await copies
  const arrived = ids.filter((id, i) => {
    const row = puts.get(id)!
    if (row.deleted === true) return false
    const mine = local[i]
    return !mine || mine.deleted === true || (mine.serverVersion ?? -1) < (row.serverVersion as number)
  })
  if (arrived.length === 0) return
  const known = Array.isArray(before) ? before.filter((v): v is string => typeof v === 'string') : []
  const merged = [...new Set([...known, ...arrived])].slice(-MAX_ARRIVALS)
  await getDb().meta.put({ key: META_KEYS.newlySynced, value: merged })
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
    const [cursorRow, waiting, quietRow, arrivalsRow, settingsRow] = await Promise.all([
      db.meta.get(META_KEYS.cursor), pendingChanges(), db.meta.get(META_KEYS.quietPull),
      db.meta.get(META_KEYS.newlySynced), db.settings.get('branch'),
    ])
    const stored = cursorRow?.value
    if (fromCursor !== undefined && (stored ?? 0) !== fromCursor) return false
    const { tables, settings } = stageRows(pages, groupPending(waiting))
    // A pull from 0 (all its pages) brings the branch's copy, not news: the first pull of a phone (joining, or
    // starting over) announces nothing.
    const quiet = typeof stored !== 'number' || stored <= 0 || quietRow?.value === true
    const work: Promise<unknown>[] = []
    // the reads first: they see the copies the puts below replace
    const activityPuts = tables.activity.puts
    if (!quiet && activityPuts.size > 0) work.push(noteArrivals(activityPuts, db.activities.bulkGet([...activityPuts.keys()]), arrivalsRow?.value))
    for (const entity of ['activity', 'member'] as const) {
      const { tombstones } = tables[entity]
      if (tombstones.size > 0) work.push(markTombstones(entity, tombstones, tableOf(entity).bulkGet([...tombstones.keys()])))
    }
    // One bulkPut per table instead of one put per row: the same writes, far fewer IndexedDB round trips.
    for (const entity of ['activity', 'member'] as const) {
      const { puts } = tables[entity]
      if (puts.size > 0) work.push(tableOf(entity).bulkPut([...puts.values()]))
    }
    if (settings) {
      work.push(db.settings.put({
        key: 'branch', value: settings.value as never, updatedAt: settingsRow?.updatedAt ?? new Date().toISOString(), serverVersion: settings.version,
      }))
    }
    if (quiet) work.push(last.hasMore ? db.meta.put({ key: META_KEYS.quietPull, value: true }) : db.meta.delete(META_KEYS.quietPull))
    work.push(db.meta.bulkPut([
      { key: META_KEYS.cursor, value: last.cursor },
      { key: META_KEYS.epoch, value: last.epoch },
      { key: META_KEYS.branchId, value: last.branchId },
    ]))
    await Promise.all(work)
    return true
  })
}
