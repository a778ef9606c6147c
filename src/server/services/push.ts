// Push: apply a device's outbox batch exactly once, in one transaction per batch.
// The branch row is locked first (SELECT … FOR UPDATE), which serialises pushes to one branch across processes
// and makes versions commit in order, so a pull by "version > cursor" never skips a row.
// Each mutation runs in a savepoint of its own: one that is refused, or that fails in any way, leaves nothing
// stored and is answered `rejected` (retry: false) while the rest of the batch applies.
import { chinaDateOf } from '../../shared/dates'
import { type Actor, type ChangeKind, mayChange, PERMISSION_MESSAGES } from '../../shared/permissions'
import { isHeartTalk, mergeFields } from '../../shared/sync/entities'
import { type Mutation, mutationSchema } from '../../shared/sync/mutation'
import type { MutationError, PushRequest, PushResponse, PushResult } from '../../shared/sync/protocol'
import { PROTOCOL_VERSION } from '../../shared/sync/protocol'
import { badRequest, forbidden, notFound } from '../http/errors'
import { isStorageFull } from '../http/storage-full'
import type { Db, Queryable } from '../storage/db'
import { num, TransactionLostError, withSavepoint } from '../storage/db'
import { loadBranchGroups } from './branch-settings'
import { type FieldWrite, type FieldWrites, loadRecord, parseFieldWrites, parseJsonObject, type RecordRow, recordView, writeRecord } from './records'
import type { Principal } from './sessions'

interface ApplyContext {
  q: Queryable
  p: Principal
  actor: Actor
  branchId: string
  clientId: string
  now: number
  today: string
  /** the branch's 党小组 as its settings record says now (re-read after a settings change in the batch) */
  groups: string[]
}

type Applied = { version: number | null } | { error: MutationError }

const never = (code: string, message: string): Applied => ({ error: { code, message, retry: false } })

/** The roles and ids `mayChange` (shared/permissions.ts) decides by, from the session only. */
export function actorOf(p: Principal): Actor {
  return { role: p.role, userId: p.userId, memberId: p.memberId }
}

function checkBatchShape(req: PushRequest): void {
  let previous = 0
  for (const m of req.mutations) {
    if (m.clientId !== req.clientId) throw badRequest('同一批修改必须来自同一设备', 'mixed_client_ids')
    if (m.clientSeq <= previous) throw badRequest('修改序号必须严格递增', 'unordered_batch')
    previous = m.clientSeq
  }
}

export interface PushHooks {
  /** test-only: called after the transaction committed, before the answer is sent */
  afterCommit?: () => void
}

export async function push(db: Db, p: Principal, req: PushRequest, now = Date.now(), hooks: PushHooks = {}): Promise<PushResponse> {
  // Whoever may not even log an activity (a committee account) may not push anything.
  const gate = mayChange(actorOf(p), 'activity', 'create')
  if (!gate.allowed) throw forbidden(gate.message)
  if (!p.branchId) throw forbidden(PERMISSION_MESSAGES.committeeReadOnly)
  const branchId = p.branchId
  checkBatchShape(req)
  const today = chinaDateOf(now)
  const outcome = await db.tx(async (q) => {
    // Lock the branch row first (serialises every push to the branch); the epoch comes along in the same query.
    const branch = await q.one<{ version: unknown; epoch: string }>(
      `SELECT version, (SELECT value FROM meta WHERE key = 'epoch') AS epoch FROM branches WHERE id = $1 FOR UPDATE`, [branchId])
    if (!branch) throw notFound('支部不存在')
    // A statement of its own, after the lock: under READ COMMITTED it sees what a concurrent push of the same
    // device committed while this one waited (a joined read in the locking statement would not).
    const device = await q.one<{ last_client_seq: unknown }>(
      `SELECT last_client_seq FROM devices WHERE user_id = $1 AND client_id = $2 FOR UPDATE`, [p.userId, req.clientId])
    const first = req.mutations[0]
    // A device the server has never seen may start anywhere (its earlier changes may predate joining).
    let last = device ? num(device.last_client_seq) : first ? first.clientSeq - 1 : 0
    let version = num(branch.version)
    const ctx: ApplyContext = { q, p, actor: actorOf(p), branchId, clientId: req.clientId, now, today,
      groups: await loadBranchGroups(q, branchId) }
    const results: PushResult[] = []
    let gap = false
    for (const m of req.mutations) {
      if (gap || m.clientSeq > last + 1) {
        gap = true
        results.push({ clientSeq: m.clientSeq, status: 'rejected', error: {
          code: 'sequence_gap', message: `缺少序号 ${last + 1} 的修改，请从该处重新提交`, retry: true } })
        continue
      }
      if (m.clientSeq <= last) {
        results.push({ clientSeq: m.clientSeq, status: 'duplicate' })
        continue
      }
      const parsed = mutationSchema.safeParse(m)
      last = m.clientSeq
      if (!parsed.success) {
        const issue = parsed.error.issues[0]
        const where = issue && issue.path.length > 0 ? `（${issue.path.join('.')}）` : ''
        results.push({ clientSeq: m.clientSeq, status: 'rejected',
          error: { code: 'invalid_mutation', message: `这条修改的格式无效${where}，已跳过`, retry: false } })
        continue
      }
      const applied = await applyIsolated(ctx, parsed.data, version + 1)
      if ('error' in applied) {
        results.push({ clientSeq: m.clientSeq, status: 'rejected', error: applied.error })
      } else {
        if (applied.version !== null) version = applied.version
        results.push({ clientSeq: m.clientSeq, status: 'applied', ...(applied.version !== null ? { version: applied.version } : {}) })
        if (parsed.data.entity === 'settings') ctx.groups = await loadBranchGroups(q, branchId)
      }
    }
    if (version !== num(branch.version)) await q.run(`UPDATE branches SET version = $1 WHERE id = $2`, [version, branchId])
    if (device) {
      await q.run(`UPDATE devices SET last_client_seq = $1, updated_at = $2 WHERE user_id = $3 AND client_id = $4`,
        [last, now, p.userId, req.clientId])
    } else {
      await q.run(`INSERT INTO devices (user_id, client_id, branch_id, last_client_seq, updated_at) VALUES ($1, $2, $3, $4, $5)`,
        [p.userId, req.clientId, branchId, last, now])
    }
    return { results, lastClientSeq: last, epoch: branch.epoch }
  })
  hooks.afterCommit?.()
  return { protocolVersion: PROTOCOL_VERSION, ...outcome }
}

/** PostgreSQL deadlock and serialization failures: the whole transaction is retried (storage/postgres.ts). */
function isTransactionRetry(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code
  return code === '40P01' || code === '40001'
}

/**
 * One mutation in a savepoint: a refusal leaves nothing stored; so does any failure while applying it, which is
 * answered as a refusal rather than failing the batch (a device would resend the same batch forever). Should the
 * database itself be failing (a full disk, or a transaction the database already rolled back so the savepoint
 * cannot be undone), the whole push fails, nothing acknowledged, to be retried.
 */
async function applyIsolated(ctx: ApplyContext, m: Mutation, version: number): Promise<Applied> {
  try {
    return await withSavepoint(ctx.q, () => applyMutation(ctx, m, version), (applied) => !('error' in applied))
  } catch (err) {
    if (isTransactionRetry(err) || isStorageFull(err) || err instanceof TransactionLostError) throw err
    console.error(`push: mutation ${m.clientSeq} of ${m.clientId} failed`, err)
    return never('unprocessable', '服务器无法处理这条修改，已跳过')
  }
}

function changeKind(m: Mutation, existing: RecordRow | undefined): ChangeKind {
  if (m.op === 'delete') return existing ? 'delete' : 'create'
  // bringing a deleted record back is undoing its delete: the same people may do it
  if (m.op === 'restore' && existing && num(existing.deleted) === 1) return 'delete'
  return existing ? 'edit' : 'create'
}

async function applyMutation(ctx: ApplyContext, m: Mutation, version: number): Promise<Applied> {
  const existing = await loadRecord(ctx.q, ctx.branchId, m.entity, m.recordId)
  // Deleting a record that does not exist changes nothing: allowed to whoever may create one.
  const permission = mayChange(ctx.actor, m.entity, changeKind(m, existing),
    existing ? { createdBy: existing.created_by, authorUserId: existing.author_user_id } : undefined)
  if (!permission.allowed) return never(permission.code, permission.message)
  if (m.entity === 'settings' && m.recordId !== ctx.branchId) return never('invalid', '支部设置的记录编号无效')
  const deleted = existing ? num(existing.deleted) === 1 : false
  const writes = existing ? parseFieldWrites(existing.field_versions) : new Map() as FieldWrites
  const others = writtenByOthersSince(ctx, writes, m.baseVersion)

  if (m.op === 'delete') {
    if (!existing || deleted) return { version: null }
    await audit(ctx, m, version, 'delete', num(existing.version), { previous: recordView(existing), stale: others.fields.length > 0 })
    await writeRecord(ctx.q, { branchId: ctx.branchId, entity: m.entity, id: m.recordId, version, deleted: true, data: {},
      createdBy: existing.created_by, authorUserId: existing.author_user_id, heartTalk: false, fieldWrites: new Map(), now: ctx.now })
    return { version }
  }

  if (deleted && m.op !== 'restore') return never('record_deleted', '该记录已被删除，这次修改未保存')
  // A restore of a deleted record carries the whole record: the tombstone kept no content to merge over.
  const previous = existing && !deleted ? parseJsonObject(existing.data) : null
  const merged = mergeFields(m.entity, previous, m.fields, { today: ctx.today, groups: ctx.groups })
  if (!merged.ok) return never(merged.code, merged.message)
  // Based on a version older than another device's write: applied (last arrival wins per field) and logged with
  // the fields whose other-device value it overwrote; once per such write, not again for this device's next edits.
  const overwritten = merged.changedFields.filter((f) => others.fields.includes(f))
  if (existing && deleted) await audit(ctx, m, version, 'restore', num(existing.version), {})
  if (existing && previous && (overwritten.length > 0 || others.sinceOwnLatest)) {
    await audit(ctx, m, version, 'stale_edit', num(existing.version), {
      fields: overwritten, changed: merged.changedFields,
      previous: Object.fromEntries(overwritten.map((f) => [f, previous[f] ?? null])) })
  }
  for (const f of merged.changedFields) writes.set(f, { version, clientId: ctx.clientId, userId: ctx.p.userId })
  await writeRecord(ctx.q, {
    branchId: ctx.branchId, entity: m.entity, id: m.recordId, version, deleted: false, data: merged.data,
    createdBy: existing?.created_by ?? ctx.p.memberId ?? ctx.p.userId,
    authorUserId: existing ? existing.author_user_id : ctx.p.userId,
    heartTalk: m.entity === 'activity' && isHeartTalk(merged.data), fieldWrites: writes, now: ctx.now,
  })
  return { version }
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
function writtenByOthersSince(ctx: ApplyContext, writes: FieldWrites, baseVersion: number | null): OtherWrites {
  if (baseVersion === null) return { fields: [], sinceOwnLatest: false }
  const isOwn = (w: FieldWrite) => w.clientId === ctx.clientId && w.userId === ctx.p.userId
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

async function audit(ctx: ApplyContext, m: Mutation, version: number, kind: 'delete' | 'stale_edit' | 'restore',
  currentVersion: number, detail: Record<string, unknown>): Promise<void> {
  await ctx.q.run(
    `INSERT INTO audit (branch_id, version, kind, entity, record_id, user_id, client_id, client_seq, base_version,
       current_version, detail, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
    [ctx.branchId, version, kind, m.entity, m.recordId, ctx.p.userId, ctx.clientId, m.clientSeq, m.baseVersion,
      currentVersion, JSON.stringify(detail), ctx.now])
}
