// Account messages: sign-in, joining a branch with an invite, invites, the signed-in account.
import * as z from 'zod/mini'
import { idSchema } from '../model/fields'

export const ACCOUNT_ROLES = ['secretary', 'member', 'committee'] as const
export type AccountRole = (typeof ACCOUNT_ROLES)[number]

export const usernameSchema = z.string().check(
  z.minLength(2, '登录名至少2个字'),
  z.maxLength(32, '登录名不能超过32个字'),
  z.refine((v) => v.trim() === v && !/[\s/\\]/.test(v), '登录名不能含空格或斜杠'),
)
export const passwordSchema = z.string().check(z.minLength(8, '密码至少8位'), z.maxLength(128, '密码不能超过128位'))
export const inviteCodeSchema = z.string().check(z.minLength(6, '邀请码无效'), z.maxLength(64, '邀请码无效'))

export const signInRequestSchema = z.object({ username: usernameSchema, password: z.string().check(z.maxLength(128)) })
export type SignInRequest = z.infer<typeof signInRequestSchema>

export const joinRequestSchema = z.object({
  code: inviteCodeSchema,
  username: usernameSchema,
  password: passwordSchema,
  /** the roster entry (Member.id) this person is; required when the branch roster has unclaimed entries */
  memberId: z.optional(idSchema),
  displayName: z.optional(z.string().check(z.minLength(1), z.maxLength(30))),
})
export type JoinRequest = z.infer<typeof joinRequestSchema>

export const createInviteRequestSchema = z.object({
  /** hours until it expires: 1 hour .. 30 days, default 7 days */
  expiresInHours: z.optional(z.number().check(z.int(), z.gte(1), z.lte(720))),
  /** how many people may join with it, default 1 */
  maxUses: z.optional(z.number().check(z.int(), z.gte(1), z.lte(500))),
})
export type CreateInviteRequest = z.infer<typeof createInviteRequestSchema>

export interface InviteView {
  id: string
  code: string
  /** path to open in the app, e.g. /join?code=ABCD2345 */
  link: string
  role: AccountRole
  expiresAt: string
  maxUses: number
  uses: number
  revoked: boolean
}

export interface CreatedInvite extends InviteView {
  /** QR code of the absolute link, SVG markup */
  qrSvg: string
}

export interface InvitePreview {
  branchName: string
  role: AccountRole
  expiresAt: string
  /** roster entries nobody has claimed yet */
  roster: { id: string; name: string }[]
}

export interface AccountView {
  id: string
  username: string | null
  displayName: string
  role: AccountRole
  memberId: string | null
}

export interface MeResponse {
  user: AccountView
  branch: { id: string; name: string } | null
  committee: { id: string; name: string; branches: { id: string; name: string }[] } | null
}

export interface SessionResponse extends MeResponse {
  /** bearer token: send as `Authorization: Bearer <token>` */
  token: string
}

export const claimMemberRequestSchema = z.object({ memberId: idSchema })
