// Joining with an invite and signing in. Both answer with a fresh session token.
import { v7 as uuid } from 'uuid'
import { normalizeUsername, usernameProblem } from '../../shared/accountRules'
import type { JoinRequest, SessionResponse, SignInRequest } from '../../shared/sync/account'
import { ApiError, badRequest, conflict, tooMany, unauthenticated } from '../http/errors'
import type { Db } from '../storage/db'
import { assertClaimable, describeAccount } from './accounts'
import { usableInvite } from './invites'
import { dummyPasswordHash, hashPassword, newPasswordProblem, verifyPassword } from './passwords'
import {
  clearLimit, INVITE_PER_ADDRESS, pruneRateLimitsNowAndThen, returnAttempt, SIGN_IN_PER_ACCOUNT_AND_ADDRESS, SIGN_IN_PER_ADDRESS,
  takeAttempt,
} from './rate-limit'
import { createSession } from './sessions'

export function usernameKey(username: string): string {
  return username.normalize('NFKC').toLowerCase()
}

function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string; message?: string }
  return e.code === '23505' || e.code === 'SQLITE_CONSTRAINT_UNIQUE' || /UNIQUE constraint/.test(e.message ?? '')
}

/**
 * Sign in. Each attempt is counted before the password is hashed, in two buckets: this address (any account), and
 * this account from this address (with a progressive delay). An attacker at one address therefore cannot lock the
 * owner out at another.
 */
export async function signIn(db: Db, req: SignInRequest, address: string, now = Date.now()): Promise<SessionResponse> {
  await pruneRateLimitsNowAndThen(db, now)
  const key = usernameKey(req.username)
  const addressKey = `signin:addr:${address}`
  const accountAddressKey = `signin:acct:${key}:addr:${address}`
  if (!await takeAttempt(db, addressKey, SIGN_IN_PER_ADDRESS, now)) throw tooMany('登录尝试次数过多，请15分钟后再试')
  if (!await takeAttempt(db, accountAddressKey, SIGN_IN_PER_ACCOUNT_AND_ADDRESS, now)) {
    throw tooMany('这个登录名的尝试次数过多，请稍后再试')
  }
  const user = await db.one<{ id: string; password_hash: string | null; removed_at: unknown }>(
    `SELECT id, password_hash, removed_at FROM users WHERE username_key = $1`, [key])
  const ok = await verifyPassword(req.password, user?.password_hash ?? await dummyPasswordHash())
  if (!user || !user.password_hash || !ok) throw unauthenticated('登录名或密码不正确', 'bad_credentials')
  await clearLimit(db, accountAddressKey)
  await returnAttempt(db, addressKey)
  if (user.removed_at !== null) throw new ApiError(403, 'membership_revoked', '您已不在本支部')
  const token = await createSession(db, user.id, now)
  return { token, ...await describeAccount(db, user.id) }
}

export async function join(db: Db, raw: JoinRequest, address: string, now = Date.now()): Promise<SessionResponse> {
  const nameProblem = usernameProblem(raw.username)
  if (nameProblem) throw badRequest(nameProblem, 'invalid_username')
  const req = { ...raw, username: normalizeUsername(raw.username) }
  const passwordProblem = await newPasswordProblem(req.password, req.username)
  if (passwordProblem) throw badRequest(passwordProblem, 'weak_password')
  const addressKey = `invite:addr:${address}`
  // Counted before the invite is looked up; a good invite gives the attempt back.
  if (!await takeAttempt(db, addressKey, INVITE_PER_ADDRESS, now)) throw tooMany()
  await usableInvite(db, req.code, now)
  await returnAttempt(db, addressKey)
  // Hash outside the transaction: it is slow, and SQLite transactions hold the writer.
  const passwordHash = await hashPassword(req.password)
  let userId: string
  try {
    userId = await db.tx(async (q) => {
      const invite = await usableInvite(q, req.code, now)
      const used = await q.run(`UPDATE invites SET uses = uses + 1 WHERE id = $1 AND uses < max_uses AND revoked_at IS NULL`,
        [invite.id])
      if (used === 0) throw new ApiError(410, 'invite_used', '邀请已被使用')
      // The invite may name the person it is for; otherwise the person chosen waits for the secretary's
      // confirmation (pending_member_id) unless the one joining is the branch's secretary.
      const invitedMember = invite.member_id ?? null
      if (invitedMember && req.memberId && req.memberId !== invitedMember) {
        throw badRequest('这个邀请是发给花名册中另一位同志的', 'invite_for_other_member')
      }
      const claimed = invitedMember ?? req.memberId ?? null
      let rosterName: string | null = null
      if (claimed && invite.branch_id) rosterName = await assertClaimable(q, invite.branch_id, claimed)
      // A reset (or setup) link is for an existing account: it keeps its roster entry, nothing to choose.
      if (!claimed && invite.role === 'member' && invite.branch_id && !invite.for_user_id) {
        const roster = await q.one(`SELECT id FROM records WHERE branch_id = $1 AND entity = 'member' AND deleted = 0`,
          [invite.branch_id])
        if (roster) throw badRequest('请在花名册中选择您自己', 'roster_entry_required')
      }
      const tieNow = invitedMember !== null || invite.role !== 'member'
      const memberId = tieNow ? claimed : null
      const pendingMemberId = tieNow ? null : claimed
      if (invite.for_user_id) {
        await q.run(`UPDATE users SET username = $1, username_key = $2, password_hash = $3, member_id = COALESCE(member_id, $4),
                       pending_member_id = CASE WHEN member_id IS NULL THEN COALESCE($5, pending_member_id) ELSE NULL END
                     WHERE id = $6`,
          [req.username, usernameKey(req.username), passwordHash, memberId, pendingMemberId, invite.for_user_id])
        // A setup or reset link: whoever held the account's old sessions is signed out.
        await q.run(`UPDATE sessions SET revoked_at = $1, revoked_reason = 'password_reset' WHERE user_id = $2 AND revoked_at IS NULL`,
          [now, invite.for_user_id])
        return invite.for_user_id
      }
      const id = uuid()
      const displayName = rosterName || req.displayName || req.username
      await q.run(
        `INSERT INTO users (id, username, username_key, display_name, role, branch_id, committee_id, member_id,
           pending_member_id, password_hash, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
        [id, req.username, usernameKey(req.username), displayName, invite.role, invite.branch_id, invite.committee_id,
          memberId, pendingMemberId, passwordHash, now])
      return id
    })
  } catch (err) {
    if (isUniqueViolation(err)) throw conflict('登录名已被占用，请换一个', 'username_taken')
    throw err
  }
  const token = await createSession(db, userId, now)
  return { token, ...await describeAccount(db, userId) }
}
