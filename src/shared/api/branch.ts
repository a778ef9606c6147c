// The secretary's routes: the branch's invites and accounts, and the audit trail.
import * as z from 'zod/mini'
import { idSchema } from '../model/fields'
import { accountViewSchema, inviteViewSchema } from '../sync/account'
import { queryCount } from './query'

/** The id in /api/invites/:id and /api/branch/accounts/:id. */
export const idParamSchema = z.object({ id: idSchema })

export const inviteListSchema = z.object({ invites: z.array(inviteViewSchema) })
export type InviteList = z.infer<typeof inviteListSchema>

export const branchAccountSchema = z.extend(accountViewSchema, { removed: z.boolean() })
export type BranchAccount = z.infer<typeof branchAccountSchema>

export const branchAccountListSchema = z.object({ accounts: z.array(branchAccountSchema) })
export type BranchAccountList = z.infer<typeof branchAccountListSchema>

export const AUDIT_PAGE_DEFAULT = 100
export const AUDIT_PAGE_MAX = 500

/** GET /api/audit?after=&limit=: entries after the id `after`, at most `limit` (1..500, default 100). */
export const auditQuerySchema = z.pipe(
  z.object({ after: queryCount, limit: queryCount }),
  z.transform((q) => ({
    after: q.after ?? 0,
    limit: Math.min(Math.max(q.limit ?? AUDIT_PAGE_DEFAULT, 1), AUDIT_PAGE_MAX),
  })),
)
export type AuditQuery = z.infer<typeof auditQuerySchema>

export const AUDIT_KINDS = ['delete', 'stale_edit', 'restore'] as const

/** One entry of the audit trail: a delete, or an edit made on a version another device had already changed. */
export const auditEntrySchema = z.object({
  id: z.number(),
  version: z.nullable(z.number()),
  kind: z.enum(AUDIT_KINDS),
  entity: z.string(),
  recordId: z.string(),
  userId: z.string(),
  userName: z.string(),
  clientId: z.string(),
  clientSeq: z.number(),
  baseVersion: z.nullable(z.number()),
  currentVersion: z.nullable(z.number()),
  detail: z.record(z.string(), z.unknown()),
  /** ISO instant */
  at: z.string(),
})
export type AuditEntry = z.infer<typeof auditEntrySchema>

export const auditPageSchema = z.object({
  entries: z.array(auditEntrySchema),
  /** pass as `after` for the next page; null when this was the last */
  next: z.nullable(z.number()),
})
export type AuditPage = z.infer<typeof auditPageSchema>
