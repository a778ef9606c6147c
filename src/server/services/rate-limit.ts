// Fixed-window counters kept in the database, so every server process sharing it sees the same counts.
import type { Db } from '../storage/db'
import { num } from '../storage/db'

export interface Limit {
  max: number
  windowMs: number
}

export const SIGN_IN_PER_ACCOUNT: Limit = { max: 5, windowMs: 15 * 60_000 }
export const SIGN_IN_PER_ADDRESS: Limit = { max: 30, windowMs: 15 * 60_000 }
export const INVITE_PER_ADDRESS: Limit = { max: 20, windowMs: 15 * 60_000 }

/** True when `key` has already used up its budget in the current window. */
export async function isLimited(db: Db, key: string, limit: Limit, now: number): Promise<boolean> {
  const row = await db.one<{ window_start: unknown; count: unknown }>(
    `SELECT window_start, count FROM rate_limits WHERE key = $1`, [key])
  if (!row) return false
  if (num(row.window_start) + limit.windowMs <= now) return false
  return num(row.count) >= limit.max
}

/** Count one failure against `key`. */
export async function recordFailure(db: Db, key: string, limit: Limit, now: number): Promise<void> {
  await db.run(
    `INSERT INTO rate_limits (key, window_start, count) VALUES ($1, $2, 1)
     ON CONFLICT (key) DO UPDATE SET
       count = CASE WHEN rate_limits.window_start + $3 <= $2 THEN 1 ELSE rate_limits.count + 1 END,
       window_start = CASE WHEN rate_limits.window_start + $3 <= $2 THEN $2 ELSE rate_limits.window_start END`,
    [key, now, limit.windowMs])
}

export async function clearLimit(db: Db, key: string): Promise<void> {
  await db.run(`DELETE FROM rate_limits WHERE key = $1`, [key])
}
