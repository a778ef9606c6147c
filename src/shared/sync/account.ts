// Account messages: sign-in, joining a branch with an invite, invites, the signed-in account. Requests are
// checked by the server, answers by the client (src/shared/api/index.ts lists which route uses which).
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

const partySchema = z.object({ id: z.string(), name: z.string() })

export const inviteViewSchema = z.object({
  id: z.string(),
  code: z.string(),
  /** path to open in the app, e.g. /join?code=ABCD2345 */
  link: z.string(),
  role: z.enum(ACCOUNT_ROLES),
  expiresAt: z.string(),
  maxUses: z.number(),
  uses: z.number(),
  revoked: z.boolean(),
})
export type InviteView = z.infer<typeof inviteViewSchema>

export const createdInviteSchema = z.extend(inviteViewSchema, {
  /** QR code of the absolute link, SVG markup */
  qrSvg: z.string(),
})
export type CreatedInvite = z.infer<typeof createdInviteSchema>

export const invitePreviewSchema = z.object({
  branchName: z.string(),
  role: z.enum(ACCOUNT_ROLES),
  expiresAt: z.string(),
  /** roster entries nobody has claimed yet */
  roster: z.array(partySchema),
})
export type InvitePreview = z.infer<typeof invitePreviewSchema>

export const accountViewSchema = z.object({
  id: z.string(),
  username: z.nullable(z.string()),
  displayName: z.string(),
  role: z.enum(ACCOUNT_ROLES),
  memberId: z.nullable(z.string()),
})
export type AccountView = z.infer<typeof accountViewSchema>

export const meResponseSchema = z.object({
  user: accountViewSchema,
  branch: z.nullable(partySchema),
  committee: z.nullable(z.extend(partySchema, { branches: z.array(partySchema) })),
})
export type MeResponse = z.infer<typeof meResponseSchema>

export const sessionResponseSchema = z.extend(meResponseSchema, {
  /** bearer token: send as `Authorization: Bearer <token>` */
  token: z.string(),
})
export type SessionResponse = z.infer<typeof sessionResponseSchema>

export const claimMemberRequestSchema = z.object({ memberId: idSchema })
export type ClaimMemberRequest = z.infer<typeof claimMemberRequestSchema>
