// Invites: a code (also a link and a QR code) with an expiry and a use limit, revocable by the secretary.
import { v7 as uuid } from 'uuid'
import type { AccountRole, CreateInviteRequest, InvitePreview, InviteView } from '../../shared/sync/account'
import { ApiError, notFound, tooMany } from '../http/errors'
import type { Db, Queryable } from '../storage/db'
import { num } from '../storage/db'
import { assertClaimable, requireSecretary } from './accounts'
import { INVITE_PREVIEW_PER_ADDRESS, takeAttempt } from './rate-limit'
import type { Principal } from './sessions'
import { newInviteCode } from './tokens'
import { memberLabel } from '../../shared/model/memberLabel'

export const DEFAULT_INVITE_HOURS = 7 * 24

export interface InviteRow {
  [key: string]: unknown
  id: string
  code: string
  branch_id: string | null
  committee_id: string | null
  role: AccountRole
  for_user_id: string | null
  /** the roster entry the invite is for, if any */
  member_id?: string | null
  expires_at: unknown
  max_uses: unknown
  uses: unknown
  revoked_at: unknown
}

export function joinLink(code: string): string {
  return `/join?code=${encodeURIComponent(code)}`
}

export function toInviteView(row: InviteRow): InviteView {
  return {
    id: row.id,
    code: row.code,
    link: joinLink(row.code),
    role: row.role,
    expiresAt: new Date(num(row.expires_at)).toISOString(),
    maxUses: num(row.max_uses),
    uses: num(row.uses),
    revoked: row.revoked_at !== null,
  }
}

export async function createInvite(db: Db, p: Principal, req: CreateInviteRequest, now = Date.now()): Promise<InviteView> {
  const branchId = requireSecretary(p)
  const id = uuid()
  const code = newInviteCode()
  const expiresAt = now + (req.expiresInHours ?? DEFAULT_INVITE_HOURS) * 3_600_000
  if (req.memberId) await assertClaimable(db, branchId, req.memberId)
  await db.run(
    `INSERT INTO invites (id, code, branch_id, role, created_by, created_at, expires_at, max_uses, member_id)
     VALUES ($1, $2, $3, 'member', $4, $5, $6, $7, $8)`,
    [id, code, branchId, p.userId, now, expiresAt, req.memberId ? 1 : req.maxUses ?? 1, req.memberId ?? null])
  const row = await db.one<InviteRow>(`SELECT * FROM invites WHERE id = $1`, [id])
  if (!row) throw new Error('invite vanished')
  return toInviteView(row)
}

export async function listInvites(db: Db, p: Principal): Promise<InviteView[]> {
  const branchId = requireSecretary(p)
  const rows = await db.all<InviteRow>(
    `SELECT * FROM invites WHERE branch_id = $1 AND for_user_id IS NULL ORDER BY created_at DESC, id`, [branchId])
  return rows.map(toInviteView)
}

export async function revokeInvite(db: Db, p: Principal, inviteId: string, now = Date.now()): Promise<void> {
  const branchId = requireSecretary(p)
  const changed = await db.run(`UPDATE invites SET revoked_at = $1 WHERE id = $2 AND branch_id = $3 AND revoked_at IS NULL`,
    [now, inviteId, branchId])
  if (changed === 0) throw notFound('邀请不存在或已作废')
}

/** The usable invite for `code`, or a 404/410 explaining why not. */
export async function usableInvite(q: Pick<Queryable, 'one'>, code: string, now: number): Promise<InviteRow> {
  const row = await q.one<InviteRow>(`SELECT * FROM invites WHERE code = $1`, [code.trim().toUpperCase()])
  if (!row) throw notFound('邀请码不存在', 'invite_not_found')
  if (row.revoked_at !== null) throw new ApiError(410, 'invite_revoked', '邀请已被作废')
  if (num(row.expires_at) <= now) throw new ApiError(410, 'invite_expired', '邀请已过期，请向支部书记索取新的邀请')
  if (num(row.uses) >= num(row.max_uses)) throw new ApiError(410, 'invite_used', '邀请已被使用')
  return row
}

/**
 * What someone opening an invite needs to join: the branch's name, the role, the expiry, and whom to choose
 * from — only the named person when the invite is for one. Looked up at most INVITE_PREVIEW_PER_ADDRESS times per
 * address (a code cannot be guessed by trying many).
 */
export async function previewInvite(db: Db, code: string, address: string, now = Date.now()): Promise<InvitePreview> {
  if (!await takeAttempt(db, `invite-preview:addr:${address}`, INVITE_PREVIEW_PER_ADDRESS, now)) throw tooMany()
  const invite = await usableInvite(db, code, now)
  let branchName = ''
  let roster: InvitePreview['roster'] = []
  let forMember: InvitePreview['forMember']
  let resetFor: string | undefined
  if (invite.branch_id) {
    const branch = await db.one<{ name: string }>(`SELECT name FROM branches WHERE id = $1`, [invite.branch_id])
    branchName = branch?.name ?? ''
    const rows = await db.all<{ id: string; data: string }>(
      `SELECT r.id, r.data FROM records r WHERE r.branch_id = $1 AND r.entity = 'member' AND r.deleted = 0
         AND NOT EXISTS (SELECT 1 FROM users u WHERE u.branch_id = r.branch_id AND u.member_id = r.id AND u.removed_at IS NULL)`,
      [invite.branch_id])
    roster = rows
      .map((r) => ({ id: r.id, data: JSON.parse(r.data) as { name?: string; note?: string; active?: boolean; order?: number } }))
      .filter((r) => r.data.active !== false)
      .sort((a, b) => (a.data.order ?? 0) - (b.data.order ?? 0))
      // two members of the same name are told apart by their 备注, as everywhere else
      .map((r) => ({ id: r.id, name: memberLabel({ name: r.data.name ?? '', note: r.data.note }) }))
    if (invite.member_id) {
      forMember = roster.find((r) => r.id === invite.member_id)
      roster = forMember ? [forMember] : []
    }
    // a reset link (account-security.ts) is for an account that already has a login: nobody to choose
    const account = invite.for_user_id
      ? await db.one<{ display_name: string; username: string | null }>(`SELECT display_name, username FROM users WHERE id = $1`, [invite.for_user_id])
      : undefined
    if (account?.username) {
      resetFor = account.display_name
      roster = []
    }
  } else if (invite.committee_id) {
    const c = await db.one<{ name: string }>(`SELECT name FROM committees WHERE id = $1`, [invite.committee_id])
    branchName = c?.name ?? ''
  }
  return {
    branchName, role: invite.role, expiresAt: new Date(num(invite.expires_at)).toISOString(), roster,
    ...(forMember ? { forMember } : {}),
    ...(resetFor ? { resetFor } : {}),
  }
}
