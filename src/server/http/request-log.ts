// One line per request: method, path (no query string: it may carry an invite code), status, duration.
import type { MiddlewareHandler } from 'hono'

export type LogLine = (line: string) => void

export function requestLog(log: LogLine): MiddlewareHandler {
  return async (c, next) => {
    const started = performance.now()
    await next()
    const path = new URL(c.req.url).pathname
    log(`${new Date().toISOString()} ${c.req.method} ${path} ${c.res.status} ${(performance.now() - started).toFixed(1)}ms`)
  }
}
