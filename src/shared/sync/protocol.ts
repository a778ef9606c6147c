// The sync protocol between a device and the branch server: request and response shapes, limits and error codes.
// Both sides import these schemas, so the wire format cannot drift.
//
// Push: the device sends its outbox oldest-first. The server applies each mutation exactly once per
// (account, clientId) and answers one result per mutation:
//   applied    – the change is on the server (possibly merged); drop it from the outbox.
//   duplicate  – seen before (a retry); drop it.
//   rejected   – error.retry false: it can never apply (validation, permission, deleted record); drop it and
//                show error.message to the user. error.retry true (code 'sequence_gap' or 'batch_aborted'):
//                keep it and resend from `lastClientSeq + 1`.
// The first push the server sees from a (account, clientId) pair may start at any clientSeq; after that, seqs
// must follow on with no gap.
//
// Pull: rows of the caller's scope with version > cursor, in version order, paged by `limit`. Keep `cursor` and
// `epoch` from the answer. When the answer is { reset: true }: wipe the synced copy, start pulling from cursor 0,
// and re-push the outbox under a NEW clientId (the server's record of your old clientId may be gone).
import * as z from 'zod/mini'
import { idSchema } from '../model/fields'
import { queryCount, queryText } from '../api/query'
import { mutationEnvelopeSchema, SYNC_ENTITIES } from './mutation'

/** Bump when the wire format changes incompatibly. The server answers 426 to an older client. */
export const PROTOCOL_VERSION = 1
/** Oldest client protocol the server still speaks. */
export const MIN_PROTOCOL_VERSION = 1

export const MAX_PUSH_BATCH = 500
export const MAX_PULL_LIMIT = 1000
export const DEFAULT_PULL_LIMIT = 500
/** Request body cap for push (bytes). */
export const MAX_PUSH_BODY_BYTES = 4 * 1024 * 1024
/** Photo size cap (bytes). */
export const MAX_PHOTO_BYTES = 5 * 1024 * 1024

export const pushRequestSchema = z.object({
  protocolVersion: z.number().check(z.int()),
  clientId: idSchema,
  /** each one a Mutation (mutation.ts); checked one by one, so a malformed one is refused alone */
  mutations: z.array(mutationEnvelopeSchema).check(z.maxLength(MAX_PUSH_BATCH, `每批最多${MAX_PUSH_BATCH}条修改`)),
})
export type PushRequest = z.infer<typeof pushRequestSchema>

export const PUSH_STATUSES = ['applied', 'duplicate', 'rejected'] as const
export type PushStatus = (typeof PUSH_STATUSES)[number]

export const mutationErrorSchema = z.object({
  code: z.string(),
  /** Chinese, shown to the user */
  message: z.string(),
  /** true: keep the mutation in the outbox and resend it; false: it will never apply */
  retry: z.boolean(),
})
export type MutationError = z.infer<typeof mutationErrorSchema>

export const pushResultSchema = z.object({
  clientSeq: z.number(),
  status: z.enum(PUSH_STATUSES),
  /** server version stamped on the record by this mutation (applied only) */
  version: z.optional(z.number()),
  error: z.optional(mutationErrorSchema),
})
export type PushResult = z.infer<typeof pushResultSchema>

export const pushResponseSchema = z.object({
  protocolVersion: z.number(),
  epoch: z.string(),
  /** highest clientSeq of this clientId the server has consumed (applied, duplicate or permanently rejected) */
  lastClientSeq: z.number(),
  results: z.array(pushResultSchema),
})
export type PushResponse = z.infer<typeof pushResponseSchema>

export const pullQuerySchema = z.object({
  protocolVersion: z.number().check(z.int()),
  cursor: z.number().check(z.int(), z.gte(0)),
  limit: z.number().check(z.int(), z.gte(1), z.lte(MAX_PULL_LIMIT)),
  /** epoch the cursor belongs to; omitted on the first pull */
  epoch: z.optional(z.string().check(z.maxLength(64))),
  /** committee accounts choose which of their branches to pull; ignored for branch accounts */
  branchId: z.optional(idSchema),
  /**
   * Only rows with version ≤ upTo: a range (cursor, upTo] of the branch's versions. Versions are unique within a
   * branch, so a range no wider than `limit` comes whole in one page, and a phone catching up can ask for several
   * ranges at once (src/client/sync/pageReader.ts) instead of one page after another. Up to the `head` a page gave.
   */
  upTo: z.optional(z.number().check(z.int(), z.gte(1))),
})
export type PullQuery = z.infer<typeof pullQuerySchema>

/**
 * GET /api/sync/pull's query string as it arrives (numbers as text), read into a PullQuery. A missing
 * protocolVersion reads as -1, which the server answers as too old.
 */
export const pullParamsSchema = z.pipe(
  z.pipe(
    z.object({ protocolVersion: queryCount, cursor: queryCount, limit: queryCount, epoch: queryText, branchId: queryText, upTo: queryCount }),
    z.transform((q): z.input<typeof pullQuerySchema> => ({
      protocolVersion: q.protocolVersion ?? -1,
      cursor: q.cursor ?? 0,
      limit: q.limit ?? DEFAULT_PULL_LIMIT,
      epoch: q.epoch,
      branchId: q.branchId,
      upTo: q.upTo,
    })),
  ),
  pullQuerySchema,
)

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

export const syncRowSchema = z.object({
  entity: z.enum(SYNC_ENTITIES),
  id: z.string(),
  version: z.number(),
  deleted: z.boolean(),
  /**
   * the full record as the entity's model schema describes it (tombstones carry id and deleted only). Checked to
   * be an object, not copied key by key: a first sync reads 10,000 of them, and db/sync/pull.ts copies each once.
   */
  data: z.custom<Record<string, unknown>>(isPlainObject, '应为对象'),
  /** true when content was withheld (谈心谈话 read by someone other than its author or the secretary) */
  redacted: z.boolean(),
})
export type SyncRow = z.infer<typeof syncRowSchema>

export const pullPageSchema = z.object({
  reset: z.literal(false),
  protocolVersion: z.number(),
  epoch: z.string(),
  branchId: z.string(),
  /** pass back as the next cursor */
  cursor: z.number(),
  hasMore: z.boolean(),
  rows: z.array(syncRowSchema),
  /**
   * The branch's version when this page was read: every version up to it is committed, so ranges up to it may be
   * asked for at once (`upTo`). Absent from servers before ranges: such a server's pages are read one by one.
   */
  head: z.optional(z.number()),
})
export type PullPage = z.infer<typeof pullPageSchema>

export const RESET_REASONS = ['epoch_changed', 'cursor_too_old', 'cursor_ahead'] as const
export const pullResetSchema = z.object({
  reset: z.literal(true),
  protocolVersion: z.number(),
  epoch: z.string(),
  branchId: z.string(),
  reason: z.enum(RESET_REASONS),
})
export type PullReset = z.infer<typeof pullResetSchema>

export const pullResponseSchema = z.discriminatedUnion('reset', [pullPageSchema, pullResetSchema])
export type PullResponse = z.infer<typeof pullResponseSchema>

/**
 * GET /api/sync/events: a server-sent event stream for a branch account. Each `version` event carries the
 * branch's version when the stream opens and whenever a push moves it (never an older one than the last sent);
 * a phone whose cursor is behind it pulls now. Comment lines (`: ping`) keep the connection alive; the server
 * ends the stream after EVENTS_MAX_MS and the phone opens it again, so a revoked session does not linger.
 */
export const BRANCH_VERSION_EVENT = 'version'
export const branchVersionEventSchema = z.object({ version: z.number().check(z.int(), z.gte(0)) })
export type BranchVersionEvent = z.infer<typeof branchVersionEventSchema>
export const EVENTS_PING_MS = 15_000
export const EVENTS_MAX_MS = 5 * 60_000

/** One error shape for every API failure. */
export const apiErrorSchema = z.object({
  error: z.object({ code: z.string(), message: z.string() }),
})
export type ApiErrorBody = z.infer<typeof apiErrorSchema>

/**
 * Error codes a client must act on (HTTP status in brackets):
 *  unauthenticated (401)      – no or unknown session: sign in again.
 *  session_revoked (401)      – signed out elsewhere: sign in again.
 *  membership_revoked (403)   – removed from the branch: WIPE the branch's data from this device.
 *  protocol_too_old (426)     – update the app.
 *  protocol_too_new (409)     – the server is older than the app; retry later.
 */
export const ERROR_CODES = {
  unauthenticated: 'unauthenticated',
  sessionRevoked: 'session_revoked',
  membershipRevoked: 'membership_revoked',
  protocolTooOld: 'protocol_too_old',
  protocolTooNew: 'protocol_too_new',
} as const
