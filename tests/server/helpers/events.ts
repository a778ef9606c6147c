// A phone's GET /api/sync/events as a test reads it, with the phone's own reader (src/client/sync/changeFeed.ts):
// the branch versions it was told, in order.
import { readVersionEvents } from '../../../src/client/sync/changeFeed'

export interface EventListener {
  versions: number[]
  /** the answer's status, once it came (0 before) */
  status(): number
  close(): void
  /** resolves when the stream has ended (closed by either side) */
  ended: Promise<void>
}

export function listenForVersions(url: string, token?: string): EventListener {
  const controller = new AbortController()
  const versions: number[] = []
  let status = 0
  const ended = (async () => {
    const res = await fetch(`${url}/api/sync/events`, { headers: token ? { Authorization: `Bearer ${token}` } : {}, signal: controller.signal })
    status = res.status
    if (!res.ok || !res.body) return
    await readVersionEvents(res.body, (version) => versions.push(version))
  })().catch(() => undefined)
  return { versions, status: () => status, close: () => controller.abort(), ended }
}

export async function waitFor(check: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}
