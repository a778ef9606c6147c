// Account messages: sign-in, joining a branch with an invite, invites, the signed-in account. Requests are
// checked by the server, answers by the client (src/shared/api/index.ts lists which route uses which).
import * as z from 'zod/mini'
import { passwordProblem, PASSWORD_MAX, usernameProblem, USERNAME_MAX } from '../accountRules'
import { idSchema } from '../model/fields'

export const ACCOUNT_ROLES = ['secretary', 'member', 'committee'] as const
export type AccountRole = (typeof ACCOUNT_ROLES)[number]

/** A login name being chosen (src/shared/accountRules.ts: NFKC, Han and ASCII only, no invisible characters). */
export const usernameSchema = z.string().check(
  z.maxLength(USERNAME_MAX * 4, `登录名不能超过${USERNAME_MAX}个字`),
  z.superRefine((v, ctx) => {
    const problem = usernameProblem(v)
    if (problem) ctx.addIssue({ code: 'custom', message: problem, input: v })
  }),
)
/** A password being chosen; the server also refuses common ones (src/server/services/passwords.ts). */
export const passwordSchema = z.string().check(
  z.maxLength(PASSWORD_MAX, `密码不能超过${PASSWORD_MAX}位`),
  z.superRefine((v, ctx) => {
    const problem = passwordProblem(v)
    if (problem) ctx.addIssue({ code: 'custom', message: problem, input: v })
  }),
)
/** A login name typed to sign in: only its length is checked (a wrong one is simply not found). */
const signInNameSchema = z.string().check(z.minLength(1, '请填写登录名'), z.maxLength(USERNAME_MAX * 4, '登录名不正确'))
export const inviteCodeSchema = z.string().check(z.minLength(6, '邀请码无效'), z.maxLength(64, '邀请码无效'))

export const signInRequestSchema = z.object({ username: signInNameSchema, password: z.string().check(z.maxLength(PASSWORD_MAX)) })
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
  /** the roster entry this invite is for: whoever joins with it is that person (then maxUses is 1) */
  memberId: z.optional(idSchema),
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
  /** roster entries nobody has claimed yet (only the named one when the invite is for a person) */
  roster: z.array(partySchema),
  /** the invite was made for this roster entry: joining ties the account to it */
  forMember: z.optional(partySchema),
  /** a password reset link: the display name of the existing account it sets a new password for */
  resetFor: z.optional(z.string()),
})
export type InvitePreview = z.infer<typeof invitePreviewSchema>

export const accountViewSchema = z.object({
  id: z.string(),
  username: z.nullable(z.string()),
  displayName: z.string(),
  role: z.enum(ACCOUNT_ROLES),
  memberId: z.nullable(z.string()),
  /** the roster entry this account says it is, waiting for the secretary to confirm */
  pendingMemberId: z.optional(z.nullable(z.string())),
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
export const confirmMemberRequestSchema = z.object({ accept: z.boolean() })
export type ClaimMemberRequest = z.infer<typeof claimMemberRequestSchema>

export const changePasswordRequestSchema = z.object({
  oldPassword: z.string().check(z.maxLength(PASSWORD_MAX)),
  newPassword: passwordSchema,
})
export type ChangePasswordRequest = z.infer<typeof changePasswordRequestSchema>

/** A one-time link the secretary gives a member who forgot the password. */
export const passwordResetLinkSchema = z.object({
  code: z.string(),
  /** path to open in the app: /join?code=… */
  link: z.string(),
  /** the same link, absolute */
  url: z.string(),
  expiresAt: z.string(),
  displayName: z.string(),
})
export type PasswordResetLinkView = z.infer<typeof passwordResetLinkSchema>
