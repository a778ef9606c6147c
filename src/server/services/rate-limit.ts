// Attempt budgets kept in the database, so every server process sharing it sees the same counts.
// An attempt is taken (counted) atomically BEFORE the expensive work it guards — one INSERT … ON CONFLICT DO UPDATE
// … WHERE … RETURNING per bucket — so requests that arrive together cannot all slip through a check made before
// any of them was counted. A bucket is a fixed window; past `free` attempts in a window each further one must
// wait `stepMs` longer after the previous one (progressive delay), up to `max` attempts.
import type { Db, Queryable } from '../storage/db'
import { num } from '../storage/db'

export interface Limit {
  /** attempts allowed in one window */
  max: number
  windowMs: number
  /** attempts allowed back to back before the progressive delay starts; default: max */
  free?: number
  /** extra wait per attempt past `free` (attempt free+1 waits stepMs after the previous, free+2 waits 2×…) */
  stepMs?: number
}

/** Failed sign-ins to one account from one address: 5 in a row, then 5 s, 10 s, … apart, at most 10 per 15 min. */
export const SIGN_IN_PER_ACCOUNT_AND_ADDRESS: Limit = { max: 10, windowMs: 15 * 60_000, free: 5, stepMs: 5_000 }
/** Sign-ins from one address, whatever the account (a shared office address signs in many members). */
export const SIGN_IN_PER_ADDRESS: Limit = { max: 60, windowMs: 15 * 60_000 }
export const INVITE_PER_ADDRESS: Limit = { max: 20, windowMs: 15 * 60_000 }
export const INVITE_PREVIEW_PER_ADDRESS: Limit = { max: 60, windowMs: 15 * 60_000 }

/** Rows older than this are pruned (longer than every window above). */
const PRUNE_AFTER_MS = 60 * 60_000
const PRUNE_EVERY_MS = 60_000
let lastPrunedAt = 0

/**
 * Take one attempt from `key`'s budget. Returns false (and counts nothing) when the budget is used up or the
 * progressive delay has not yet passed.
 */
export async function takeAttempt(q: Queryable, key: string, limit: Limit, now: number): Promise<boolean> {
  const free = limit.free ?? limit.max
  const step = limit.stepMs ?? 0
  const row = await q.one<{ count: unknown }>(
    `INSERT INTO rate_limits (key, window_start, count, last_at) VALUES ($1, $2, 1, $2)
     ON CONFLICT (key) DO UPDATE SET
       count = CASE WHEN rate_limits.window_start + $3 <= $2 THEN 1 ELSE rate_limits.count + 1 END,
       window_start = CASE WHEN rate_limits.window_start + $3 <= $2 THEN $2 ELSE rate_limits.window_start END,
       last_at = $2
     WHERE rate_limits.window_start + $3 <= $2
        OR (rate_limits.count < $4
            AND rate_limits.last_at + (CASE WHEN rate_limits.count >= $5 THEN (rate_limits.count - $5 + 1) * $6 ELSE 0 END) <= $2)
     RETURNING count`,
    [key, now, limit.windowMs, limit.max, free, step])
  return row !== undefined && num(row.count) >= 1
}

/** Give back an attempt that turned out fine (a successful sign-in does not use up a shared address's budget). */
export async function returnAttempt(q: Queryable, key: string): Promise<void> {
  await q.run(`UPDATE rate_limits SET count = count - 1 WHERE key = $1 AND count > 0`, [key])
}

export async function clearLimit(q: Queryable, key: string): Promise<void> {
  await q.run(`DELETE FROM rate_limits WHERE key = $1`, [key])
}

/** Delete buckets whose window ended long ago. Returns how many were removed. */
export async function pruneRateLimits(q: Queryable, now: number): Promise<number> {
  return q.run(`DELETE FROM rate_limits WHERE window_start < $1`, [now - PRUNE_AFTER_MS])
}

/** Prune at most once a minute per process, on the back of ordinary traffic. */
export async function pruneRateLimitsNowAndThen(db: Db, now: number): Promise<void> {
  if (now - lastPrunedAt < PRUNE_EVERY_MS) return
  lastPrunedAt = now
  await pruneRateLimits(db, now)
}
