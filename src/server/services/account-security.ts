// What a person does to keep an account safe: change the password, sign out every device, and (for the
// secretary) issue a one-time reset link to a member who forgot theirs. A reset link is an invite bound to the
// account (invites.for_user_id): opening it lets the member choose a new password, and every old session ends.
import { v7 as uuid } from 'uuid'
import { badRequest, notFound, unauthenticated, tooMany } from '../http/errors'
import type { Db } from '../storage/db'
import { num } from '../storage/db'
import { requireSecretary } from './accounts'
import { joinLink } from './invites'
import { hashPassword, newPasswordProblem, verifyPassword } from './passwords'
import { takeAttempt, clearLimit, type Limit } from './rate-limit'
import type { Principal } from './sessions'
import { newInviteCode } from './tokens'

export const PASSWORD_RESET_TTL_MS = 24 * 60 * 60_000
const PASSWORD_CHANGE_ATTEMPTS: Limit = { max: 10, windowMs: 15 * 60_000, free: 5, stepMs: 5_000 }

export interface PasswordResetLink {
  code: string
  /** path to open in the app: /join?code=… */
  link: string
  expiresAt: string
  displayName: string
}

/**
 * Change the signed-in account's password. The old password is checked (attempts are limited like sign-in);
 * every other session of the account ends, the one making the change stays signed in.
 */
export async function changePassword(db: Db, p: Principal, req: { oldPassword: string; newPassword: string },
  now = Date.now()): Promise<void> {
  const limitKey = `pwchange:user:${p.userId}`
  if (!await takeAttempt(db, limitKey, PASSWORD_CHANGE_ATTEMPTS, now)) throw tooMany('尝试次数过多，请稍后再试')
  const user = await db.one<{ username: string | null; password_hash: string | null }>(
    `SELECT username, password_hash FROM users WHERE id = $1`, [p.userId])
  if (!user?.password_hash || !await verifyPassword(req.oldPassword, user.password_hash)) {
    throw unauthenticated('原密码不正确', 'bad_credentials')
  }
  const problem = await newPasswordProblem(req.newPassword, user.username ?? '')
  if (problem) throw badRequest(problem, 'weak_password')
  if (req.newPassword === req.oldPassword) throw badRequest('新密码不能与原密码相同', 'weak_password')
  const hash = await hashPassword(req.newPassword)
  await db.tx(async (q) => {
    await q.run(`UPDATE users SET password_hash = $1 WHERE id = $2`, [hash, p.userId])
    await q.run(`UPDATE sessions SET revoked_at = $1, revoked_reason = 'password_changed'
                 WHERE user_id = $2 AND token_hash <> $3 AND revoked_at IS NULL`, [now, p.userId, p.tokenHash])
  })
  await clearLimit(db, limitKey)
}

/** End every session of the signed-in account, this one included. Returns how many ended. */
export async function signOutEverywhere(db: Db, p: Principal, now = Date.now()): Promise<number> {
  return db.run(`UPDATE sessions SET revoked_at = $1, revoked_reason = 'signout_all' WHERE user_id = $2 AND revoked_at IS NULL`,
    [now, p.userId])
}

/**
 * The secretary issues a one-time link with which a member of the branch sets a new password. Earlier unused
 * reset links of that account stop working.
 */
export async function createPasswordReset(db: Db, p: Principal, userId: string, now = Date.now()): Promise<PasswordResetLink> {
  const branchId = requireSecretary(p)
  return db.tx(async (q) => {
    const user = await q.one<{ display_name: string; role: string; removed_at: unknown }>(
      `SELECT display_name, role, removed_at FROM users WHERE id = $1 AND branch_id = $2`, [userId, branchId])
    if (!user || user.removed_at !== null) throw notFound('该成员不存在或已移除')
    await q.run(`UPDATE invites SET revoked_at = $1 WHERE for_user_id = $2 AND revoked_at IS NULL AND uses < max_uses`,
      [now, userId])
    const code = newInviteCode()
    const expiresAt = now + PASSWORD_RESET_TTL_MS
    await q.run(
      `INSERT INTO invites (id, code, branch_id, role, for_user_id, created_by, created_at, expires_at, max_uses)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 1)`,
      [uuid(), code, branchId, user.role, userId, p.userId, now, expiresAt])
    return { code, link: joinLink(code), expiresAt: new Date(num(expiresAt)).toISOString(), displayName: user.display_name }
  })
}
