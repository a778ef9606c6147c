// Sessions: random bearer tokens, stored only as SHA-256 hashes, revocable one by one or per account.
import type { AccountRole } from '../../shared/sync/account'
import { ERROR_CODES } from '../../shared/sync/protocol'
import { ApiError, unauthenticated } from '../http/errors'
import type { Db, Queryable } from '../storage/db'
import { hotStatement, num } from '../storage/db'
import { newToken, sha256 } from './tokens'

/** A session ends a year after it began, or after 60 days unused; phones rotate theirs well before either. */
export const SESSION_TTL_MS = 365 * 24 * 60 * 60_000
export const SESSION_IDLE_MS = 60 * 24 * 60 * 60_000
/** last_used_at is written at most this often per session (not on every request). */
const LAST_USED_RESOLUTION_MS = 60 * 60_000
/** After rotation the old token keeps working this long, so a phone that missed the answer is not signed out. */
export const ROTATION_GRACE_MS = 24 * 60 * 60_000

/** Who is asking, derived from the session only. */
export interface Principal {
  userId: string
  role: AccountRole
  branchId: string | null
  committeeId: string | null
  memberId: string | null
  displayName: string
  tokenHash: string
  /**
   * The caller's own branch as it stood when the session was read (same query): lets an idle pull be answered
   * without another read (services/pull.ts). Absent for accounts of no branch.
   */
  branchSync?: BranchSyncState
}

/** What a pull checks before reading records: the server epoch and the branch's version and retention floor. */
export interface BranchSyncState {
  epoch: string
  version: number
  retainedFrom: number
}

export async function createSession(q: Queryable, userId: string, now: number): Promise<string> {
  const token = newToken()
  await q.run(`INSERT INTO sessions (token_hash, user_id, created_at, expires_at, last_used_at) VALUES ($1, $2, $3, $4, $3)`,
    [sha256(token), userId, now, now + SESSION_TTL_MS])
  return token
}

interface SessionRow {
  [key: string]: unknown
  user_id: string
  expires_at: unknown
  last_used_at: unknown
  revoked_at: unknown
  revoked_reason: string | null
  role: AccountRole
  branch_id: string | null
  committee_id: string | null
  member_id: string | null
  display_name: string
  removed_at: unknown
  branch_version: unknown
  branch_retained_from: unknown
  epoch: string | null
}

/** Every signed-in request runs this (so an idle poll is this one read: pull.ts). */
const SESSION_LOOKUP_SQL = hotStatement('session_lookup',
  `SELECT s.user_id, s.expires_at, s.last_used_at, s.revoked_at, s.revoked_reason, u.role, u.branch_id, u.committee_id,
          u.member_id, u.display_name, u.removed_at, b.version AS branch_version, b.retained_from AS branch_retained_from,
          (SELECT value FROM meta WHERE key = 'epoch') AS epoch
   FROM sessions s JOIN users u ON u.id = s.user_id LEFT JOIN branches b ON b.id = u.branch_id
   WHERE s.token_hash = $1`)

export async function resolveSession(db: Db, token: string, now: number): Promise<Principal> {
  const tokenHash = sha256(token)
  const row = await db.one<SessionRow>(SESSION_LOOKUP_SQL, [tokenHash])
  if (!row) throw unauthenticated()
  if (row.removed_at !== null || row.revoked_reason === 'removed') {
    throw new ApiError(403, ERROR_CODES.membershipRevoked, '您已不在本支部，本机上的支部数据将被清除')
  }
  if (row.revoked_at !== null) throw unauthenticated('登录已失效，请重新登录', ERROR_CODES.sessionRevoked)
  if (num(row.expires_at) <= now) throw unauthenticated('登录已过期，请重新登录', ERROR_CODES.sessionRevoked)
  const lastUsed = num(row.last_used_at)
  if (lastUsed + SESSION_IDLE_MS <= now) throw unauthenticated('长时间未使用，登录已失效，请重新登录', ERROR_CODES.sessionRevoked)
  if (lastUsed + LAST_USED_RESOLUTION_MS <= now) {
    await db.run(`UPDATE sessions SET last_used_at = $1 WHERE token_hash = $2`, [now, tokenHash])
  }
  return {
    userId: row.user_id,
    role: row.role,
    branchId: row.branch_id,
    committeeId: row.committee_id,
    memberId: row.member_id,
    displayName: row.display_name,
    tokenHash,
    ...(row.branch_id && row.branch_version !== null && row.epoch !== null
      ? { branchSync: { epoch: row.epoch, version: num(row.branch_version), retainedFrom: num(row.branch_retained_from) } }
      : {}),
  }
}

export async function revokeSession(db: Db, tokenHash: string, now: number): Promise<void> {
  await db.run(`UPDATE sessions SET revoked_at = $1, revoked_reason = 'signout' WHERE token_hash = $2 AND revoked_at IS NULL`,
    [now, tokenHash])
}

export async function revokeUserSessions(q: Queryable, userId: string, reason: 'removed' | 'admin', now: number) {
  await q.run(`UPDATE sessions SET revoked_at = $1, revoked_reason = $2 WHERE user_id = $3 AND revoked_at IS NULL`,
    [now, reason, userId])
}

/**
 * A fresh token for the same account. The old one keeps working for ROTATION_GRACE_MS (a phone that lost the
 * answer tries again with it), then ends.
 */
export async function rotateSession(db: Db, p: Principal, now: number): Promise<string> {
  return db.tx(async (q) => {
    const token = await createSession(q, p.userId, now)
    await q.run(`UPDATE sessions SET expires_at = $1 WHERE token_hash = $2 AND expires_at > $1`,
      [now + ROTATION_GRACE_MS, p.tokenHash])
    return token
  })
}
