// While the app is open, visible and online, signed in to a branch: the branch's change feed (GET /api/sync/events,
// src/shared/sync/protocol.ts). When it says the branch moved past this phone's cursor, a sync starts at once
// (`onNewer`), so records others save show up in seconds and the timer's poll can wait much longer (start.ts).
// The feed only ever triggers the ordinary sync: if it is down (an old server, a proxy that buffers, no network),
// polling carries on as before.
import { API } from '@shared/api'
import { BRANCH_VERSION_EVENT, branchVersionEventSchema, EVENTS_PING_MS } from '@shared/sync/protocol'
import type { ServerClient } from './http'
import { backoffDelay } from './loop'

export interface ChangeFeedOptions {
  client: ServerClient
  /** the branch session's token; null when not signed in to a branch (the feed then waits) */
  token(): Promise<string | null>
  /** this phone's pull cursor */
  cursor(): Promise<number>
  onNewer(): void
  isOnline(): boolean
  isVisible(): boolean
  onConnected?(connected: boolean): void
}

export interface ChangeFeed {
  /** the network came back, the app became visible or hidden, the session changed: look again */
  wake(): void
  /** the session changed: close the stream, open it again with the new token */
  reconnect(): void
  stop(): void
  readonly connected: boolean
}

/** Not signed in, or a server without the feed (older, or a refusal): ask again this much later. */
const IDLE_RETRY_MS = 10 * 60_000
/** A stream that lived this long ended normally (the server's EVENTS_MAX_MS, a restart): reopen at once. */
const HEALTHY_STREAM_MS = 30_000
/**
 * The server pings every EVENTS_PING_MS. Nothing for this long: the path died without telling (a NAT forgot the
 * connection, Wi-Fi gave way to mobile data, a proxy holds the body back), and the stream is given up.
 */
const SILENT_STREAM_MS = Math.round(2.5 * EVENTS_PING_MS)

/**
 * Calls `onVersion` for each `version` event of an SSE body (blocks separated by a blank line), and `onBytes` for
 * anything at all that arrives (pings included).
 */
export async function readVersionEvents(body: ReadableStream<Uint8Array>, onVersion: (version: number) => void,
  onBytes: () => void = () => undefined): Promise<void> {
  const reader = body.getReader()
  const decoder = new TextDecoder()
  let buffer = ''
  for (;;) {
    const { value, done } = await reader.read()
    if (done) return
    onBytes()
    buffer += decoder.decode(value, { stream: true }).replace(/\r\n?/g, '\n')
    for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
      const lines = buffer.slice(0, end).split('\n')
      buffer = buffer.slice(end + 2)
      if (!lines.includes(`event: ${BRANCH_VERSION_EVENT}`)) continue
      const data = lines.filter((l) => l.startsWith('data:')).map((l) => l.slice(5).trimStart()).join('\n')
      try {
        const parsed = branchVersionEventSchema.safeParse(JSON.parse(data))
        if (parsed.success) onVersion(parsed.data.version)
      } catch { /* not JSON: ignored, as any event this phone does not know */ }
    }
  }
}

export function startChangeFeed(o: ChangeFeedOptions): ChangeFeed {
  let stopped = false
  let connected = false
  let stream: AbortController | null = null
  let wakeSleep: (() => void) | null = null

  const setConnected = (value: boolean) => {
    if (connected === value) return
    connected = value
    o.onConnected?.(value)
  }
  const sleep = (ms: number) => new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms)
    wakeSleep = () => { clearTimeout(timer); resolve() }
  }).finally(() => { wakeSleep = null })

  async function listenOnce(token: string): Promise<'ended' | 'refused'> {
    const controller = new AbortController()
    stream = controller
    try {
      const res = await o.client.fetch(`${o.client.baseUrl}${API.events.path}`, {
        headers: { Authorization: `Bearer ${token}`, Accept: 'text/event-stream' }, signal: controller.signal, cache: 'no-store',
      })
      if (!res.ok || !res.body) return 'refused'
      let heard = Date.now()
      const watchdog = setInterval(() => { if (Date.now() - heard > SILENT_STREAM_MS) controller.abort() }, EVENTS_PING_MS)
      try {
        await readVersionEvents(res.body, (version) => {
          // up once the server has said something: headers alone may come from a proxy that holds the rest back
          setConnected(true)
          void o.cursor().then((cursor) => { if (version > cursor) o.onNewer() }, () => undefined)
        }, () => { heard = Date.now() })
      } finally {
        clearInterval(watchdog)
      }
      return 'ended'
    } finally {
      stream = null
      setConnected(false)
    }
  }

  void (async () => {
    let failures = 0
    while (!stopped) {
      if (!o.isOnline() || !o.isVisible()) { await sleep(IDLE_RETRY_MS); continue }
      const token = await o.token().catch(() => null)
      if (!token) { await sleep(IDLE_RETRY_MS); continue }
      const opened = Date.now()
      let outcome: 'ended' | 'refused' | 'failed'
      try {
        outcome = await listenOnce(token)
      } catch {
        outcome = 'failed'
      }
      if (stopped) return
      if (outcome === 'refused') { failures = 0; await sleep(IDLE_RETRY_MS); continue }
      failures = outcome === 'ended' && Date.now() - opened >= HEALTHY_STREAM_MS ? 0 : failures + 1
      if (failures > 0) await sleep(backoffDelay(failures))
    }
  })()

  return {
    wake() {
      // hidden or offline: close the stream (a phone in a pocket keeps no connection open); otherwise look again
      if (stream && (!o.isVisible() || !o.isOnline())) stream.abort()
      wakeSleep?.()
    },
    reconnect() {
      stream?.abort()
      wakeSleep?.()
    },
    stop() {
      stopped = true
      stream?.abort()
      wakeSleep?.()
    },
    get connected() { return connected },
  }
}
