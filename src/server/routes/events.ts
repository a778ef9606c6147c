// GET /api/sync/events: the branch's version as it moves, for a phone that is open (src/shared/sync/protocol.ts
// describes the stream). Mounted behind the session (app.ts): the session is checked once, when the stream opens;
// it ends after EVENTS_MAX_MS so the phone opens it again and is checked again.
import { Hono } from 'hono'
import { streamSSE } from 'hono/streaming'
import { API } from '../../shared/api'
import { BRANCH_VERSION_EVENT, EVENTS_MAX_MS, EVENTS_PING_MS } from '../../shared/sync/protocol'
import type { AppEnv } from '../http/context'
import { clientAddress } from '../http/context'
import { ApiError, forbidden, tooMany } from '../http/errors'
import { changeFeedOf } from '../services/change-feed'
import type { RouteDeps } from './deps'

/**
 * Open streams one address may hold in this process: half the default socket cap (listen.ts), so phones behind one
 * NAT address keep room for their ordinary requests. Past it a phone is refused (429) and syncs on its timer.
 */
export const MAX_STREAMS_PER_ADDRESS = 32

export function eventRoutes(deps: RouteDeps) {
  const { db, trustProxy } = deps
  const feed = changeFeedOf(db)
  const perAddress = new Map<string, number>()
  return new Hono<AppEnv>()
    .get(API.events.path, (c) => {
      const p = c.get('principal')
      const branchId = p.branchId
      if (!branchId || !p.branchSync) throw forbidden('只有支部账号可以接收同步通知', 'branch_only')
      if (feed.closing) throw new ApiError(503, 'shutting_down', '服务器正在重启，稍后自动同步')
      const address = clientAddress(c, trustProxy)
      const holding = perAddress.get(address) ?? 0
      if (holding >= MAX_STREAMS_PER_ADDRESS) throw tooMany('同一网络打开的手机过多，本机将按时自动同步', 'too_many_streams')
      perAddress.set(address, holding + 1)
      const release = () => {
        const left = (perAddress.get(address) ?? 1) - 1
        if (left <= 0) perAddress.delete(address)
        else perAddress.set(address, left)
      }
      const opened = p.branchSync.version
      // proxies (nginx) would otherwise hold the events back in their buffer
      c.header('X-Accel-Buffering', 'no')
      return streamSSE(c, async (stream) => {
        let sent = -1
        let writing = Promise.resolve()
        const send = (version: number) => {
          if (version <= sent) return
          sent = version
          writing = writing.then(() => stream.writeSSE({ event: BRANCH_VERSION_EVENT, data: JSON.stringify({ version }) }))
            .catch(() => undefined)
        }
        let finish: () => void = () => undefined
        const done = new Promise<void>((resolve) => { finish = resolve })
        const unsubscribe = feed.subscribe(branchId, send)
        const untrack = feed.trackStream(finish)
        const ping = setInterval(() => { writing = writing.then(() => stream.write(': ping\n\n')).then(() => undefined, () => undefined) }, EVENTS_PING_MS)
        const end = setTimeout(finish, EVENTS_MAX_MS)
        stream.onAbort(finish)
        try {
          send(opened)
          // a push that committed after the session was read, before the subscription: its version, now
          const now = await db.one<{ version: unknown }>(`SELECT version FROM branches WHERE id = $1`, [branchId])
          if (now) send(Number(now.version))
          await done
          await writing
        } finally {
          clearInterval(ping)
          clearTimeout(end)
          unsubscribe()
          untrack()
          release()
        }
      })
    })
}
