// Per-request context: the caller (from the bearer token) and the client address (for rate limits).
import type { Context, MiddlewareHandler } from 'hono'
import { getConnInfo } from '@hono/node-server/conninfo'
import type { Db } from '../storage/db'
import { type Principal, resolveSession } from '../services/sessions'
import { unauthenticated } from './errors'

export interface AppEnv {
  Variables: { principal: Principal }
}

export function bearerToken(c: Context): string | null {
  const header = c.req.header('Authorization')
  if (!header) return null
  const m = /^Bearer\s+([A-Za-z0-9_-]{20,100})$/.exec(header.trim())
  return m?.[1] ?? null
}

export function requireSession(db: Db, now: () => number): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const token = bearerToken(c)
    if (!token) throw unauthenticated()
    c.set('principal', await resolveSession(db, token, now()))
    await next()
  }
}

/**
 * The address a request came from. Behind a trusted proxy (TRUST_PROXY=1) it is the LAST X-Forwarded-For entry:
 * the one the proxy itself added; earlier entries are whatever the client claimed (deploy/nginx.conf and
 * deploy/Caddyfile set the header so).
 */
export function clientAddress(c: Context, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = c.req.header('X-Forwarded-For')?.split(',').at(-1)?.trim()
    if (forwarded) return forwarded
  }
  try {
    return getConnInfo(c).remote.address ?? 'unknown'
  } catch {
    return 'unknown'
  }
}
