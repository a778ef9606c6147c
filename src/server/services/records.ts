// Stored sync records: reading one, writing one, and turning a stored row into what a device receives.
import type { SyncEntity } from '../../shared/sync/mutation'
import type { SyncRow } from '../../shared/sync/protocol'
import { redactHeartTalk } from '../../shared/sync/entities'
import type { Queryable } from '../storage/db'
import { num } from '../storage/db'

/** What showing a record needs (a pull, the committee's compile): the stored row without its write history. */
export interface RecordViewRow {
  [key: string]: unknown
  entity: SyncEntity
  id: string
  version: unknown
  deleted: unknown
  data: string
  created_by: string
  author_user_id: string | null
  heart_talk: unknown
  created_at: unknown
  updated_at: unknown
}

export interface RecordRow extends RecordViewRow {
  /** JSON: top-level field → its last write (see FieldWrite; tells which fields a stale edit overwrote) */
  field_versions: string
}

/** The columns of RecordViewRow: a pull page of 1,000 rows does not read 1,000 write histories it never sends. */
export const RECORD_VIEW_COLUMNS = `entity, id, version, deleted, data, created_by, author_user_id, heart_talk, created_at, updated_at`
export const RECORD_COLUMNS = `${RECORD_VIEW_COLUMNS}, field_versions`

export async function loadRecord(q: Queryable, branchId: string, entity: SyncEntity, id: string): Promise<RecordRow | undefined> {
  return q.one<RecordRow>(`SELECT ${RECORD_COLUMNS} FROM records WHERE branch_id = $1 AND entity = $2 AND id = $3`,
    [branchId, entity, id])
}

/** The last write of one field: the version it made, and the device (clientId) and account that made it. */
export interface FieldWrite {
  version: number
  /** null for writes stored before devices were recorded (a bare version number) */
  clientId: string | null
  userId: string | null
}

export type FieldWrites = Map<string, FieldWrite>

/** Read `field_versions`; the old form (field → version number) reads as writes by an unknown device. */
export function parseFieldWrites(json: string): FieldWrites {
  const out: FieldWrites = new Map()
  const parsed = parseJsonObject(json)
  for (const field of Object.keys(parsed)) {
    const entry = parsed[field]
    if (typeof entry === 'number') out.set(field, { version: entry, clientId: null, userId: null })
    else if (typeof entry === 'object' && entry !== null && typeof (entry as FieldWrite).version === 'number') {
      const { version, clientId, userId } = entry as FieldWrite
      out.set(field, { version, clientId: typeof clientId === 'string' ? clientId : null, userId: typeof userId === 'string' ? userId : null })
    }
  }
  return out
}

/** Stored JSON as an object; anything else (corrupt, an array, a scalar) as an empty one, so reading never throws. */
export function parseJsonObject(json: unknown): Record<string, unknown> {
  if (typeof json !== 'string') return {}
  try {
    const value: unknown = JSON.parse(json)
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? value as Record<string, unknown> : {}
  } catch {
    return {}
  }
}

export interface RecordWrite {
  branchId: string
  entity: SyncEntity
  id: string
  version: number
  deleted: boolean
  data: Record<string, unknown>
  createdBy: string
  authorUserId: string | null
  heartTalk: boolean
  fieldWrites: FieldWrites
  now: number
}

/** The stored row after `w`, given the row before it (INSERT … ON CONFLICT keeps created_by, author and created_at). */
export function rowAfter(before: RecordRow | undefined, w: RecordWrite): RecordRow {
  return {
    entity: w.entity, id: w.id, version: w.version, deleted: w.deleted ? 1 : 0, data: JSON.stringify(w.data),
    created_by: before ? before.created_by : w.createdBy, author_user_id: before ? before.author_user_id : w.authorUserId,
    heart_talk: w.heartTalk ? 1 : 0, field_versions: JSON.stringify(Object.fromEntries(w.fieldWrites)),
    created_at: before ? before.created_at : w.now, updated_at: w.now,
  }
}

/**
 * What `recordView` makes, numbered. Each record is stored with its view as JSON (`view_json`, `view_format`) so a
 * pull sends it without parsing and re-serialising it (pull.ts); a view stored under another number, or for
 * another version of the row, or none (rows written before migration 9, or by a server from before it), is made
 * again when read. Change recordView's output → raise this number
 * (tests/server/record-view.test.ts pins the output under it).
 */
export const VIEW_FORMAT = 1

/** The view stored with a row: the JSON, its format, and the row version it was made for. */
export function storedView(row: RecordViewRow): { view_json: string; view_format: number; view_version: number } {
  return { view_json: JSON.stringify(recordView(row)), view_format: VIEW_FORMAT, view_version: num(row.version) }
}

/** Write `w` over `before` (the stored row it was decided against, as loadRecord read it). */
export async function writeRecord(q: Queryable, w: RecordWrite, before: RecordRow | undefined): Promise<void> {
  const view = storedView(rowAfter(before, w))
  await q.run(
    `INSERT INTO records (branch_id, entity, id, version, deleted, data, created_by, author_user_id, heart_talk,
       field_versions, created_at, updated_at, view_json, view_format, view_version)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $11, $10, $10, $12, $13, $4)
     ON CONFLICT (branch_id, entity, id) DO UPDATE SET version = $4, deleted = $5, data = $6, heart_talk = $9,
       field_versions = $11, updated_at = $10, view_json = $12, view_format = $13, view_version = $4`,
    [w.branchId, w.entity, w.id, w.version, w.deleted ? 1 : 0, JSON.stringify(w.data), w.createdBy, w.authorUserId,
      w.heartTalk ? 1 : 0, w.now, JSON.stringify(Object.fromEntries(w.fieldWrites)), view.view_json, view.view_format])
}

/** An epoch-milliseconds column as ISO text; never throws (a value out of range reads as the epoch). */
function iso(ms: unknown): string {
  const date = new Date(num(ms))
  return Number.isNaN(date.getTime()) ? new Date(0).toISOString() : date.toISOString()
}

/** The record as its model schema describes it: stored fields plus what the server owns. */
export function recordView(row: RecordViewRow): Record<string, unknown> {
  if (num(row.deleted) === 1) return { id: row.id, deleted: true }
  const stored = parseJsonObject(row.data)
  if (row.entity === 'settings') return { ...stored, id: row.id }
  const view: Record<string, unknown> = {
    ...stored,
    id: row.id,
    createdAt: stored.createdAt ?? iso(row.created_at),
    updatedAt: stored.updatedAt ?? iso(row.updated_at),
    deleted: false,
  }
  if (row.entity === 'activity') {
    view.createdBy = row.created_by
    view.backfilled = stored.backfilled ?? false
  }
  return view
}

export interface Reader {
  userId: string
  role: string
}

/** 谈心谈话 content is for its author and the secretary only. */
export function hiddenFrom(row: RecordViewRow, reader: Reader): boolean {
  return num(row.heart_talk) === 1 && num(row.deleted) === 0 && reader.role !== 'secretary' && row.author_user_id !== reader.userId
}

/** Readers who are sent the same page when it holds a 谈心谈话: the rule of hiddenFrom, kept beside it. */
export function readerClass(reader: Reader): string {
  return reader.role === 'secretary' ? 'secretary' : `user:${reader.userId}`
}

export function toSyncRow(row: RecordViewRow, reader: Reader): SyncRow {
  const data = recordView(row)
  const hidden = hiddenFrom(row, reader)
  return {
    entity: row.entity,
    id: row.id,
    version: num(row.version),
    deleted: num(row.deleted) === 1,
    data: hidden ? redactHeartTalk(data) : data,
    redacted: hidden,
  }
}
