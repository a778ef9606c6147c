// Committees, branches and the accounts in them.
import { v7 as uuid } from 'uuid'
import type { AccountRole, AccountView, MeResponse } from '../../shared/sync/account'
import { conflict, forbidden, notFound } from '../http/errors'
import type { Db, Queryable } from '../storage/db'
import type { Principal } from './sessions'
import { revokeUserSessions } from './sessions'
import { newInviteCode } from './tokens'

export const SETUP_LINK_TTL_MS = 7 * 24 * 60 * 60_000

export interface SetupResult {
  id: string
  name: string
  accountId: string
  /** one-time code of the setup link: /join?code=… */
  code: string
  expiresAt: number
}

async function findOrCreateCommittee(q: Queryable, name: string, now: number): Promise<string> {
  const existing = await q.one<{ id: string }>(`SELECT id FROM committees WHERE name = $1`, [name])
  if (existing) return existing.id
  const id = uuid()
  await q.run(`INSERT INTO committees (id, name, created_at) VALUES ($1, $2, $3)`, [id, name, now])
  return id
}

async function createSetupAccount(q: Queryable, a: {
  role: AccountRole; displayName: string; branchId: string | null; committeeId: string | null; now: number
}): Promise<{ accountId: string; code: string; expiresAt: number }> {
  const accountId = uuid()
  await q.run(`INSERT INTO users (id, display_name, role, branch_id, committee_id, created_at) VALUES ($1, $2, $3, $4, $5, $6)`,
    [accountId, a.displayName, a.role, a.branchId, a.committeeId, a.now])
  const code = newInviteCode()
  const expiresAt = a.now + SETUP_LINK_TTL_MS
  await q.run(
    `INSERT INTO invites (id, code, branch_id, committee_id, role, for_user_id, created_by, created_at, expires_at, max_uses)
     VALUES ($1, $2, $3, $4, $5, $6, NULL, $7, $8, 1)`,
    [uuid(), code, a.branchId, a.committeeId, a.role, accountId, a.now, expiresAt])
  return { accountId, code, expiresAt }
}

/** A branch (optionally under a committee, created when new) and its secretary account with a setup link. */
export async function createBranch(db: Db, input: { name: string; committee?: string; secretary: string },
  now = Date.now()): Promise<SetupResult & { committeeId: string | null }> {
  return db.tx(async (q) => {
    const committeeId = input.committee ? await findOrCreateCommittee(q, input.committee, now) : null
    const id = uuid()
    await q.run(`INSERT INTO branches (id, name, committee_id, created_at) VALUES ($1, $2, $3, $4)`,
      [id, input.name, committeeId, now])
    const setup = await createSetupAccount(q, { role: 'secretary', displayName: input.secretary, branchId: id, committeeId: null, now })
    return { id, name: input.name, committeeId, ...setup }
  })
}

/** A committee (党委/党总支) and an account that reads its branches, with a setup link. */
export async function createCommittee(db: Db, input: { name: string; account: string }, now = Date.now()): Promise<SetupResult> {
  return db.tx(async (q) => {
    const id = await findOrCreateCommittee(q, input.name, now)
    const setup = await createSetupAccount(q, { role: 'committee', displayName: input.account, branchId: null, committeeId: id, now })
    return { id, name: input.name, ...setup }
  })
}

interface UserRow {
  [key: string]: unknown
  id: string
  username: string | null
  display_name: string
  role: AccountRole
  member_id: string | null
  pending_member_id?: string | null
  branch_id: string | null
  committee_id: string | null
  removed_at: unknown
}

export function toAccountView(row: UserRow): AccountView {
  return {
    id: row.id, username: row.username, displayName: row.display_name, role: row.role, memberId: row.member_id,
    pendingMemberId: row.pending_member_id ?? null,
  }
}

export async function describeAccount(db: Pick<Db, 'one' | 'all'>, userId: string): Promise<MeResponse> {
  const user = await db.one<UserRow>(`SELECT * FROM users WHERE id = $1`, [userId])
  if (!user) throw notFound('账号不存在')
  const branch = user.branch_id
    ? await db.one<{ id: string; name: string }>(`SELECT id, name FROM branches WHERE id = $1`, [user.branch_id])
    : undefined
  let committee: MeResponse['committee'] = null
  if (user.committee_id) {
    const c = await db.one<{ id: string; name: string }>(`SELECT id, name FROM committees WHERE id = $1`, [user.committee_id])
    const branches = await db.all<{ id: string; name: string }>(
      `SELECT id, name FROM branches WHERE committee_id = $1 ORDER BY name, id`, [user.committee_id])
    if (c) committee = { id: c.id, name: c.name, branches }
  }
  return { user: toAccountView(user), branch: branch ?? null, committee }
}

export function requireSecretary(p: Principal): string {
  if (p.role !== 'secretary' || !p.branchId) throw forbidden('只有支部书记可以这样做')
  return p.branchId
}

export async function listBranchAccounts(db: Db, p: Principal): Promise<(AccountView & { removed: boolean })[]> {
  const branchId = requireSecretary(p)
  const rows = await db.all<UserRow>(`SELECT * FROM users WHERE branch_id = $1 ORDER BY created_at, id`, [branchId])
  return rows.map((r) => ({ ...toAccountView(r), removed: r.removed_at !== null }))
}

/** Remove an account from the branch: its sessions end and its devices wipe the branch's data at next sync. */
export async function removeAccount(db: Db, p: Principal, userId: string, now = Date.now()): Promise<void> {
  const branchId = requireSecretary(p)
  if (userId === p.userId) throw conflict('不能移除自己', 'cannot_remove_self')
  await db.tx(async (q) => {
    const changed = await q.run(`UPDATE users SET removed_at = $1 WHERE id = $2 AND branch_id = $3 AND removed_at IS NULL`,
      [now, userId, branchId])
    if (changed === 0) throw notFound('该成员不存在或已移除')
    await revokeUserSessions(q, userId, 'removed', now)
  })
}

/**
 * The signed-in account says which roster entry it is. The secretary's own account is tied at once; a member's
 * choice waits for the secretary to confirm it (confirmRosterClaim), so nobody can take another's name.
 */
export async function claimRosterEntry(db: Db, p: Principal, memberId: string): Promise<void> {
  if (!p.branchId) throw forbidden('党委账号没有花名册')
  await db.tx(async (q) => {
    await assertClaimable(q, p.branchId as string, memberId)
    // Once tied to a person an account stays theirs: re-pointing it would let one member write under another's name.
    const column = p.role === 'secretary' ? 'member_id' : 'pending_member_id'
    const changed = await q.run(`UPDATE users SET ${column} = $1 WHERE id = $2 AND member_id IS NULL`, [memberId, p.userId])
    if (changed === 0) throw conflict('这个账号已经对应花名册中的人了，如需更改请联系支部书记', 'already_linked')
  })
}

/** The secretary confirms (or, with `accept` false, turns down) the roster entry an account says it is. */
export async function confirmRosterClaim(db: Db, p: Principal, userId: string, accept: boolean): Promise<void> {
  const branchId = requireSecretary(p)
  await db.tx(async (q) => {
    const user = await q.one<{ pending_member_id: string | null; removed_at: unknown }>(
      `SELECT pending_member_id, removed_at FROM users WHERE id = $1 AND branch_id = $2`, [userId, branchId])
    if (!user || user.removed_at !== null) throw notFound('该成员不存在或已移除')
    if (!user.pending_member_id) throw conflict('这个账号没有待确认的花名册对应', 'no_pending_claim')
    if (accept) {
      const name = await assertClaimable(q, branchId, user.pending_member_id)
      await q.run(`UPDATE users SET member_id = pending_member_id, pending_member_id = NULL, display_name = $1
                   WHERE id = $2 AND member_id IS NULL`, [name || 'member', userId])
    } else {
      await q.run(`UPDATE users SET pending_member_id = NULL WHERE id = $1`, [userId])
    }
  })
}

export async function assertClaimable(q: Queryable, branchId: string, memberId: string): Promise<string> {
  const entry = await q.one<{ data: string }>(
    `SELECT data FROM records WHERE branch_id = $1 AND entity = 'member' AND id = $2 AND deleted = 0`, [branchId, memberId])
  if (!entry) throw notFound('花名册中没有这个人', 'roster_entry_not_found')
  const taken = await q.one(`SELECT id FROM users WHERE branch_id = $1 AND member_id = $2 AND removed_at IS NULL`,
    [branchId, memberId])
  if (taken) throw conflict('这个人已经有账号了', 'roster_entry_taken')
  return String((JSON.parse(entry.data) as { name?: unknown }).name ?? '')
}
