// Push: apply a device's outbox batch exactly once, in one transaction per batch.
// The branch row is locked first (SELECT … FOR UPDATE), which serialises pushes to one branch across processes
// and makes versions commit in order, so a pull by "version > cursor" never skips a row.
import { chinaDateOf } from '../../shared/dates'
import { isHeartTalk, mergeFields } from '../../shared/sync/entities'
import type { Mutation } from '../../shared/sync/mutation'
import type { MutationError, PushRequest, PushResponse, PushResult } from '../../shared/sync/protocol'
import { PROTOCOL_VERSION } from '../../shared/sync/protocol'
import { badRequest, forbidden, notFound } from '../http/errors'
import type { Db, Queryable } from '../storage/db'
import { num } from '../storage/db'
import { loadRecord, recordView, writeRecord } from './records'
import type { Principal } from './sessions'

interface ApplyContext {
  q: Queryable
  p: Principal
  branchId: string
  clientId: string
  now: number
  today: string
}

type Applied = { version: number | null } | { error: MutationError }

const never = (code: string, message: string): Applied => ({ error: { code, message, retry: false } })

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
  if (p.role === 'committee' || !p.branchId) throw forbidden('党委账号只能查看，不能提交修改')
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
    const ctx: ApplyContext = { q, p, branchId, clientId: req.clientId, now, today }
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
      const applied = await applyMutation(ctx, m, version + 1)
      last = m.clientSeq
      if ('error' in applied) {
        results.push({ clientSeq: m.clientSeq, status: 'rejected', error: applied.error })
      } else {
        if (applied.version !== null) version = applied.version
        results.push({ clientSeq: m.clientSeq, status: 'applied', ...(applied.version !== null ? { version: applied.version } : {}) })
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

function mayEdit(ctx: ApplyContext, authorUserId: string | null): boolean {
  return ctx.p.role === 'secretary' || authorUserId === ctx.p.userId
}

async function applyMutation(ctx: ApplyContext, m: Mutation, version: number): Promise<Applied> {
  if (m.entity !== 'activity' && ctx.p.role !== 'secretary') {
    return never('forbidden', m.entity === 'member' ? '只有支部书记可以修改花名册' : '只有支部书记可以修改支部设置')
  }
  const existing = await loadRecord(ctx.q, ctx.branchId, m.entity, m.recordId)
  const deleted = existing ? num(existing.deleted) === 1 : false
  if (existing && !mayEdit(ctx, existing.author_user_id)) return never('forbidden', '只能修改自己录入的记录')
  const stale = existing !== undefined && m.baseVersion !== null && m.baseVersion < num(existing.version)

  if (m.op === 'delete') {
    if (!existing || deleted) return { version: null }
    await audit(ctx, m, version, 'delete', num(existing.version), { previous: recordView(existing), stale })
    await writeRecord(ctx.q, { branchId: ctx.branchId, entity: m.entity, id: m.recordId, version, deleted: true, data: {},
      createdBy: existing.created_by, authorUserId: existing.author_user_id, heartTalk: false, fieldVersions: {}, now: ctx.now })
    return { version }
  }

  if (deleted) return never('record_deleted', '该记录已被删除，这次修改未保存')
  const previous = existing ? (JSON.parse(existing.data) as Record<string, unknown>) : null
  const merged = mergeFields(m.entity, previous, m.fields, ctx.today)
  if (!merged.ok) return never(merged.code, merged.message)
  const fieldVersions = existing ? (JSON.parse(existing.field_versions) as Record<string, number>) : {}
  if (stale && existing && previous) {
    // Fields someone else changed after the version this edit was based on: those are overwritten.
    const base = m.baseVersion ?? 0
    const overwritten = merged.changedFields.filter((f) => (fieldVersions[f] ?? 0) > base)
    await audit(ctx, m, version, 'stale_edit', num(existing.version), {
      fields: overwritten, changed: merged.changedFields,
      previous: Object.fromEntries(overwritten.map((f) => [f, previous[f] ?? null])) })
  }
  for (const f of merged.changedFields) fieldVersions[f] = version
  await writeRecord(ctx.q, {
    branchId: ctx.branchId, entity: m.entity, id: m.recordId, version, deleted: false, data: merged.data,
    createdBy: existing?.created_by ?? ctx.p.memberId ?? ctx.p.userId,
    authorUserId: existing ? existing.author_user_id : ctx.p.userId,
    heartTalk: m.entity === 'activity' && isHeartTalk(merged.data), fieldVersions, now: ctx.now,
  })
  return { version }
}

async function audit(ctx: ApplyContext, m: Mutation, version: number, kind: 'delete' | 'stale_edit',
  currentVersion: number, detail: Record<string, unknown>): Promise<void> {
  await ctx.q.run(
    `INSERT INTO audit (branch_id, version, kind, entity, record_id, user_id, client_id, client_seq, base_version,
       current_version, detail, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
    [ctx.branchId, version, kind, m.entity, m.recordId, ctx.p.userId, ctx.clientId, m.clientSeq, m.baseVersion,
      currentVersion, JSON.stringify(detail), ctx.now])
}
