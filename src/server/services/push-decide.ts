// What one pushed mutation does to its record, decided from the record as it stands, before anything is written:
// refused (permission, a deleted record, the one rule set), nothing to do, or a record write (and, for deletes and
// stale edits, an audit entry). Both ways of storing a push (push.ts, push-batch.ts) carry out the same decision.
import { type Actor, type ChangeKind, mayChange } from '../../shared/permissions'
import { isHeartTalk, mergeFields } from '../../shared/sync/entities'
import type { Mutation, mutationSchema } from '../../shared/sync/mutation'
import type { MutationError, PushRequest } from '../../shared/sync/protocol'
import { num } from '../storage/db'
import { type FieldWrite, type FieldWrites, parseFieldWrites, parseJsonObject, type RecordRow, recordView, type RecordWrite } from './records'
import type { Principal } from './sessions'

/** One push request waiting for, or in, a group transaction. */
export interface PushJob {
  p: Principal
  req: PushRequest
  now: number
  /** China date of `now` */
  today: string
  /** each mutation of `req` checked against mutationSchema */
  parsed: ReturnType<typeof mutationSchema.safeParse>[]
}

/** The branch as the group transaction goes: its version so far and its 党小组 as its settings say now. */
export interface BranchState {
  branchId: string
  version: number
  groups: string[]
}

export interface JobContext {
  job: PushJob
  state: BranchState
  actor: Actor
}

/** An audit row (delete, stale edit or restore), column by column. */
export interface AuditEntry {
  branch_id: string
  version: number
  kind: 'delete' | 'stale_edit' | 'restore'
  entity: string
  record_id: string
  user_id: string
  client_id: string
  client_seq: number
  base_version: number | null
  current_version: number
  detail: string
  created_at: number
}

export type Decision =
  | { error: MutationError }
  /** applied, nothing changed (deleting what is not there) */
  | { version: null }
  | { version: number; write: RecordWrite; audit?: AuditEntry }

export const never = (code: string, message: string): Decision => ({ error: { code, message, retry: false } })

/** The roles and ids `mayChange` (shared/permissions.ts) decides by, from the session only. */
export function actorOf(p: Principal): Actor {
  return { role: p.role, userId: p.userId, memberId: p.memberId }
}

function changeKind(m: Mutation, existing: RecordRow | undefined): ChangeKind {
  if (m.op === 'delete') return existing ? 'delete' : 'create'
  // bringing a deleted record back is undoing its delete: the same people may do it
  if (m.op === 'restore' && existing && num(existing.deleted) === 1) return 'delete'
  return existing ? 'edit' : 'create'
}

function auditEntry(ctx: JobContext, m: Mutation, version: number, kind: AuditEntry['kind'], currentVersion: number,
  detail: Record<string, unknown>): AuditEntry {
  const { p, req, now } = ctx.job
  return { branch_id: ctx.state.branchId, version, kind, entity: m.entity, record_id: m.recordId, user_id: p.userId,
    client_id: req.clientId, client_seq: m.clientSeq, base_version: m.baseVersion, current_version: currentVersion,
    detail: JSON.stringify(detail), created_at: now }
}

export function decide(ctx: JobContext, m: Mutation, version: number, existing: RecordRow | undefined): Decision {
  const { p, req, now, today } = ctx.job
  const branchId = ctx.state.branchId
  // Deleting a record that does not exist changes nothing: allowed to whoever may create one.
  const permission = mayChange(ctx.actor, m.entity, changeKind(m, existing),
    existing ? { createdBy: existing.created_by, authorUserId: existing.author_user_id } : undefined)
  if (!permission.allowed) return never(permission.code, permission.message)
  if (m.entity === 'settings' && m.recordId !== branchId) return never('invalid', '支部设置的记录编号无效')
  const deleted = existing ? num(existing.deleted) === 1 : false
  const writes = existing ? parseFieldWrites(existing.field_versions) : new Map() as FieldWrites
  const others = writtenByOthersSince(ctx, writes, m.baseVersion)

  if (m.op === 'delete') {
    if (!existing || deleted) return { version: null }
    return {
      version,
      audit: auditEntry(ctx, m, version, 'delete', num(existing.version), { previous: recordView(existing), stale: others.fields.length > 0 }),
      write: { branchId, entity: m.entity, id: m.recordId, version, deleted: true, data: {},
        createdBy: existing.created_by, authorUserId: existing.author_user_id, heartTalk: false, fieldWrites: new Map(), now },
    }
  }

  if (deleted && m.op !== 'restore') return never('record_deleted', '该记录已被删除，这次修改未保存')
  // A restore of a deleted record carries the whole record: the tombstone kept no content to merge over.
  const previous = existing && !deleted ? parseJsonObject(existing.data) : null
  const merged = mergeFields(m.entity, previous, m.fields, { today, groups: ctx.state.groups })
  if (!merged.ok) return never(merged.code, merged.message)
  // Based on a version older than another device's write: applied (last arrival wins per field) and logged with
  // the fields whose other-device value it overwrote; once per such write, not again for this device's next edits.
  const overwritten = merged.changedFields.filter((f) => others.fields.includes(f))
  const audit = existing && deleted
    ? auditEntry(ctx, m, version, 'restore', num(existing.version), {})
    : existing && previous && (overwritten.length > 0 || others.sinceOwnLatest)
    ? auditEntry(ctx, m, version, 'stale_edit', num(existing.version), {
      fields: overwritten, changed: merged.changedFields,
      previous: Object.fromEntries(overwritten.map((f) => [f, previous[f] ?? null])) })
    : undefined
  for (const f of merged.changedFields) writes.set(f, { version, clientId: req.clientId, userId: p.userId })
  const write: RecordWrite = {
    branchId, entity: m.entity, id: m.recordId, version, deleted: false, data: merged.data,
    createdBy: existing?.created_by ?? p.memberId ?? p.userId,
    authorUserId: existing ? existing.author_user_id : p.userId,
    heartTalk: m.entity === 'activity' && isHeartTalk(merged.data), fieldWrites: writes, now,
  }
  return audit ? { version, write, audit } : { version, write }
}

/**
 * The branch's 党小组 after this decision, when it changed the branch's settings record (the settings entity's
 * record whose id is the branch id); undefined otherwise. Reads the way branch-settings.ts loadBranchGroups does.
 */
export function groupsAfter(branchId: string, d: Decision): string[] | undefined {
  if (!('write' in d) || d.write.entity !== 'settings' || d.write.id !== branchId) return undefined
  const groups = d.write.deleted ? undefined : d.write.data.groups
  return Array.isArray(groups) ? groups.filter((g): g is string => typeof g === 'string') : []
}

/** Writes of this record by other devices since the version a change was based on. */
interface OtherWrites {
  /** fields whose last write is another device's, made after the base version */
  fields: string[]
  /** some of those were made after this device's own latest write of the record (not yet met by an earlier edit) */
  sinceOwnLatest: boolean
}

/**
 * A device's own successive edits (all based on the version it last pulled) are no conflict with each other.
 * Writes stored before devices were recorded count as another device's.
 */
function writtenByOthersSince(ctx: JobContext, writes: FieldWrites, baseVersion: number | null): OtherWrites {
  if (baseVersion === null) return { fields: [], sinceOwnLatest: false }
  const { p, req } = ctx.job
  const isOwn = (w: FieldWrite) => w.clientId === req.clientId && w.userId === p.userId
  let ownLatest = baseVersion
  for (const w of writes.values()) if (isOwn(w) && w.version > ownLatest) ownLatest = w.version
  const fields: string[] = []
  let sinceOwnLatest = false
  for (const [field, w] of writes) {
    if (isOwn(w) || w.version <= baseVersion) continue
    fields.push(field)
    if (w.version > ownLatest) sinceOwnLatest = true
  }
  return { fields, sinceOwnLatest }
}
