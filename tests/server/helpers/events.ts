// A phone's GET /api/sync/events as a test reads it: the branch versions it was told, in order.
import { BRANCH_VERSION_EVENT, branchVersionEventSchema } from '../../../src/shared/sync/protocol'

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
    const decoder = new TextDecoder()
    let buffer = ''
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      buffer += decoder.decode(chunk, { stream: true })
      for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
        const block = buffer.slice(0, end)
        buffer = buffer.slice(end + 2)
        const lines = block.split('\n')
        if (!lines.includes(`event: ${BRANCH_VERSION_EVENT}`)) continue
        const data = lines.find((l) => l.startsWith('data: '))?.slice(6) ?? ''
        versions.push(branchVersionEventSchema.parse(JSON.parse(data)).version)
      }
    }
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
