// Push: apply a device's outbox batch exactly once.
// Every push to a branch commits under the branch row's lock (SELECT … FOR UPDATE), which serialises pushes to one
// branch across processes and makes versions commit in order, so a pull by "version > cursor" never skips a row.
// Group commit (commit-queue.ts): pushes to a branch that arrive while this process has a transaction open for it
// wait, then go together in the next transaction: one lock, a fixed handful of statements for the whole group
// (push-batch.ts) and one commit. Should anything in that transaction fail, it is rolled back and each push of the
// group is redone alone, each mutation in a savepoint of its own: one that is refused, or that fails in any way,
// leaves nothing stored and is answered `rejected` (retry: false) while the rest applies.
import { chinaDateOf } from '../../shared/dates'
import { mayChange, PERMISSION_MESSAGES } from '../../shared/permissions'
import { type Mutation, mutationSchema } from '../../shared/sync/mutation'
import type { PushRequest, PushResponse, PushResult } from '../../shared/sync/protocol'
import { MAX_PUSH_BATCH, PROTOCOL_VERSION } from '../../shared/sync/protocol'
import { ApiError, badRequest, forbidden, notFound } from '../http/errors'
import { isStorageFull } from '../http/storage-full'
import type { Db, Queryable } from '../storage/db'
import { hotStatement, num, TransactionLostError, withSavepoint } from '../storage/db'
import { loadBranchGroups } from './branch-settings'
import { GroupQueue } from './commit-queue'
import { actorOf, type BranchState, type Decision, decide, groupsAfter, type JobContext, never, type PushJob } from './push-decide'
import { BatchedStore, BRANCH_VERSION_CHANNEL } from './push-batch'
import { changeFeedOf } from './change-feed'
import { loadRecord, writeRecord } from './records'
import type { Principal } from './sessions'

export { actorOf } from './push-decide'

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

interface PushOutcome {
  results: PushResult[]
  lastClientSeq: number
  epoch: string
}

/** A group holds at most this many pushes, and no more mutations than one full batch (unless a push alone has more). */
const MAX_GROUP_PUSHES = 64
const fitsGroup = (group: readonly PushJob[], next: PushJob) =>
  group.length < MAX_GROUP_PUSHES
  && group.reduce((n, j) => n + j.parsed.length, 0) + next.parsed.length <= MAX_PUSH_BATCH

const queues = new WeakMap<Db, GroupQueue<PushJob, PushOutcome>>()

function queueOf(db: Db): GroupQueue<PushJob, PushOutcome> {
  let queue = queues.get(db)
  if (!queue) {
    queue = new GroupQueue<PushJob, PushOutcome>((branchId, jobs) => commitGroup(db, branchId, jobs), fitsGroup)
    queues.set(db, queue)
  }
  return queue
}

export async function push(db: Db, p: Principal, req: PushRequest, now = Date.now(), hooks: PushHooks = {}): Promise<PushResponse> {
  // Whoever may not even log an activity (a committee account) may not push anything.
  const gate = mayChange(actorOf(p), 'activity', 'create')
  if (!gate.allowed) throw forbidden(gate.message)
  if (!p.branchId) throw forbidden(PERMISSION_MESSAGES.committeeReadOnly)
  checkBatchShape(req)
  // Parsed before queueing: no schema work while the branch is locked.
  const job: PushJob = { p, req, now, today: chinaDateOf(now), parsed: req.mutations.map((m) => mutationSchema.safeParse(m)) }
  const outcome = await queueOf(db).submit(p.branchId, job)
  hooks.afterCommit?.()
  return { protocolVersion: PROTOCOL_VERSION, ...outcome }
}

/** One group in one transaction; if that fails in any way, each push alone, mutation by mutation. */
async function commitGroup(db: Db, branchId: string, jobs: PushJob[]): Promise<PromiseSettledResult<PushOutcome>[]> {
  // once committed, the branch's new version is announced to the phones listening (change-feed.ts)
  const announce = (version: number | null) => { if (version !== null) changeFeedOf(db).announce(branchId, version) }
  try {
    let moved: number | null = null
    const outcomes = await db.tx((q) => applyGroup(q, branchId, jobs, () => BatchedStore.load(q, db.dialect, branchId, jobs), (v) => { moved = v }))
    announce(moved)
    return outcomes.map((value) => ({ status: 'fulfilled', value }))
  } catch (err) {
    if (jobs.length > 1 || !isExpectedFailure(err)) {
      console.error(`push: a group of ${jobs.length} push(es) to branch ${branchId} failed (${String(err)}); redoing each alone`)
    }
    const settled: PromiseSettledResult<PushOutcome>[] = []
    for (const job of jobs) {
      try {
        let moved: number | null = null
        const [value] = await db.tx((q) => applyGroup(q, branchId, [job], async () => new IsolatedStore(q, branchId, db.dialect), (v) => { moved = v }))
        announce(moved)
        settled.push({ status: 'fulfilled', value: value! })
      } catch (reason) {
        settled.push({ status: 'rejected', reason })
      }
    }
    return settled
  }
}

/** Where a group's reads come from and its writes go: the database statement by statement, or batched. */
export interface PushStore {
  groups(): Promise<string[]>
  /** the device's last consumed clientSeq, undefined for a device never seen */
  deviceSeq(userId: string, clientId: string): Promise<number | undefined>
  saveDevice(job: PushJob, last: number, known: boolean): Promise<void>
  /** decide the mutation against the record as it stands and store the outcome */
  apply(ctx: JobContext, m: Mutation, version: number): Promise<Decision>
  finish(state: BranchState, changed: boolean): Promise<void>
}

const LOCK_BRANCH_SQL = hotStatement('push_lock_branch',
  `SELECT version, (SELECT value FROM meta WHERE key = 'epoch') AS epoch FROM branches WHERE id = $1 FOR UPDATE`)

/** `moved`: told the branch's new version when the group changed it (called before the commit). */
async function applyGroup(q: Queryable, branchId: string, jobs: PushJob[], open: () => Promise<PushStore>,
  moved: (version: number) => void): Promise<PushOutcome[]> {
  // Lock the branch row first (serialises every push to the branch); the epoch comes along in the same query.
  // Everything else is read after the lock: under READ COMMITTED a later statement sees what a concurrent push
  // committed while this one waited (a joined read in the locking statement would not).
  const branch = await q.one<{ version: unknown; epoch: string }>(LOCK_BRANCH_SQL, [branchId])
  if (!branch) throw notFound('支部不存在')
  const store = await open()
  const state: BranchState = { branchId, version: num(branch.version), groups: await store.groups() }
  const outcomes: PushOutcome[] = []
  for (const job of jobs) outcomes.push({ ...await applyPush(store, state, job), epoch: branch.epoch })
  const changed = state.version !== num(branch.version)
  await store.finish(state, changed)
  if (changed) moved(state.version)
  return outcomes
}

async function applyPush(store: PushStore, state: BranchState, job: PushJob): Promise<Omit<PushOutcome, 'epoch'>> {
  const { p, req } = job
  const ctx: JobContext = { job, state, actor: actorOf(p) }
  const known = await store.deviceSeq(p.userId, req.clientId)
  const first = req.mutations[0]
  // A device the server has never seen may start anywhere (its earlier changes may predate joining).
  let last = known ?? (first ? first.clientSeq - 1 : 0)
  const results: PushResult[] = []
  let gap = false
  for (let i = 0; i < req.mutations.length; i++) {
    const m = req.mutations[i]!
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
    const parsed = job.parsed[i]!
    last = m.clientSeq
    if (!parsed.success) {
      const issue = parsed.error.issues[0]
      const where = issue && issue.path.length > 0 ? `（${issue.path.join('.')}）` : ''
      results.push({ clientSeq: m.clientSeq, status: 'rejected',
        error: { code: 'invalid_mutation', message: `这条修改的格式无效${where}，已跳过`, retry: false } })
      continue
    }
    const decision = await store.apply(ctx, parsed.data, state.version + 1)
    if ('error' in decision) {
      results.push({ clientSeq: m.clientSeq, status: 'rejected', error: decision.error })
      continue
    }
    if (decision.version !== null) state.version = decision.version
    results.push({ clientSeq: m.clientSeq, status: 'applied', ...(decision.version !== null ? { version: decision.version } : {}) })
    const groups = groupsAfter(state.branchId, decision)
    if (groups) state.groups = groups
  }
  await store.saveDevice(job, last, known !== undefined)
  return { results, lastClientSeq: last }
}

/** Failures the careful redo answers the same way: a missing branch, a full disk. */
function isExpectedFailure(err: unknown): boolean {
  return (err instanceof ApiError) || isStorageFull(err)
}

/** PostgreSQL deadlock and serialization failures: the whole transaction is retried (storage/postgres.ts). */
function isTransactionRetry(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code
  return code === '40P01' || code === '40001'
}

/** Statement by statement, each mutation in a savepoint: the way a push is redone when its group failed. */
class IsolatedStore implements PushStore {
  constructor(private readonly q: Queryable, private readonly branchId: string, private readonly dialect: Db['dialect']) {}

  groups(): Promise<string[]> {
    return loadBranchGroups(this.q, this.branchId)
  }

  async deviceSeq(userId: string, clientId: string): Promise<number | undefined> {
    const device = await this.q.one<{ last_client_seq: unknown }>(
      `SELECT last_client_seq FROM devices WHERE user_id = $1 AND client_id = $2 FOR UPDATE`, [userId, clientId])
    return device ? num(device.last_client_seq) : undefined
  }

  async saveDevice(job: PushJob, last: number, known: boolean): Promise<void> {
    const { p, req, now } = job
    if (known) {
      await this.q.run(`UPDATE devices SET last_client_seq = $1, updated_at = $2 WHERE user_id = $3 AND client_id = $4`,
        [last, now, p.userId, req.clientId])
    } else {
      await this.q.run(`INSERT INTO devices (user_id, client_id, branch_id, last_client_seq, updated_at) VALUES ($1, $2, $3, $4, $5)`,
        [p.userId, req.clientId, this.branchId, last, now])
    }
  }

  /**
   * A refusal leaves nothing stored; so does any failure while applying, which is answered as a refusal rather than
   * failing the batch (a device would resend the same batch forever). Should the database itself be failing (a full
   * disk, or a transaction the database already rolled back so the savepoint cannot be undone), the whole push
   * fails, nothing acknowledged, to be retried.
   */
  async apply(ctx: JobContext, m: Mutation, version: number): Promise<Decision> {
    try {
      return await withSavepoint(this.q, async () => {
        const before = await loadRecord(this.q, this.branchId, m.entity, m.recordId)
        const decision = decide(ctx, m, version, before)
        if ('write' in decision) {
          if (decision.audit) await insertAudit(this.q, decision.audit)
          await writeRecord(this.q, decision.write, before)
        }
        return decision
      }, (decision) => !('error' in decision))
    } catch (err) {
      if (isTransactionRetry(err) || isStorageFull(err) || err instanceof TransactionLostError) throw err
      console.error(`push: mutation ${m.clientSeq} of ${m.clientId} failed`, err)
      return never('unprocessable', '服务器无法处理这条修改，已跳过')
    }
  }

  async finish(state: BranchState, changed: boolean): Promise<void> {
    if (!changed) return
    await this.q.run(`UPDATE branches SET version = $1 WHERE id = $2`, [state.version, this.branchId])
    // other processes' listening phones (change-feed.ts), as the batched path's statement does
    if (this.dialect === 'postgres') await this.q.one(`SELECT pg_notify('${BRANCH_VERSION_CHANNEL}', $1)`, [`${this.branchId} ${state.version}`])
  }
}

async function insertAudit(q: Queryable, a: NonNullable<Extract<Decision, { write: unknown }>['audit']>): Promise<void> {
  await q.run(
    `INSERT INTO audit (branch_id, version, kind, entity, record_id, user_id, client_id, client_seq, base_version,
       current_version, detail, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
    [a.branch_id, a.version, a.kind, a.entity, a.record_id, a.user_id, a.client_id, a.client_seq, a.base_version,
      a.current_version, a.detail, a.created_at])
}
