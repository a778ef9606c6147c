// The comparison server for the local-first peers in bench/syncBench.ts, on 127.0.0.1: the same records our
// branch server holds, answered over each peer's own HTTP sync protocol, and the peers' bench pages.
//   RxDB (replicateRxCollection): POST /rxdb/pull {checkpoint, batchSize} → {documents, checkpoint};
//                                 POST /rxdb/push [{newDocumentState, assumedMasterState}] → conflicts ([]).
//   Replicache (pull/push v1):    POST /replicache/pull → {cookie, lastMutationIDChanges, patch} (every record
//                                 newer than the cookie, in one answer: Replicache does not page);
//                                 POST /replicache/push {mutations} → 200, the mutation ids acknowledged on pull.
// Records live in memory in server-version order (their `version`), as a feed: what a change-feed server does,
// without its storage, so the peers are measured on the client side, as ours is by the profile line.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { readFileSync } from 'node:fs'
import type { AddressInfo } from 'node:net'

export interface PeerRecord {
  id: string
  version: number
  data: Record<string, unknown>
}

export interface PeerServer {
  url: string
  close(): Promise<void>
}

interface FeedEntry { seq: number; id: string; doc: Record<string, unknown> }

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = []
  for await (const chunk of req) chunks.push(chunk as Buffer)
  const text = Buffer.concat(chunks).toString('utf8')
  return text ? JSON.parse(text) : null
}

function send(res: ServerResponse, status: number, body: unknown, type = 'application/json'): void {
  const text = typeof body === 'string' ? body : JSON.stringify(body)
  res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store' })
  res.end(text)
}

/** `pages`: URL prefix → directory holding that peer's index.html and bench.js. */
export async function startPeerServer(records: PeerRecord[], pages: Record<string, string>, port = 0): Promise<PeerServer> {
  const feed: FeedEntry[] = [...records].sort((a, b) => a.version - b.version)
    .map((r) => ({ seq: r.version, id: r.id, doc: { ...r.data, id: r.id } }))
  let nextSeq = (feed.at(-1)?.seq ?? 0) + 1
  const lastMutationIds = new Map<string, number>()

  function store(id: string, doc: Record<string, unknown>): void {
    const at = feed.findIndex((e) => e.id === id)
    if (at >= 0) feed.splice(at, 1)
    feed.push({ seq: nextSeq++, id, doc: { ...doc, id } })
  }

  async function rxdbPull(body: { checkpoint: { seq: number } | null; batchSize: number }) {
    const after = body.checkpoint?.seq ?? 0
    const start = feed.findIndex((e) => e.seq > after)
    const slice = start < 0 ? [] : feed.slice(start, start + body.batchSize)
    return {
      documents: slice.map((e) => ({ ...e.doc, _deleted: e.doc.deleted === true })),
      checkpoint: slice.length > 0 ? { seq: slice.at(-1)!.seq } : body.checkpoint,
    }
  }

  function rxdbPush(rows: { newDocumentState: Record<string, unknown> }[]) {
    for (const row of rows) {
      const { _deleted, _attachments: _a, _rev: _r, _meta: _m, ...doc } = row.newDocumentState
      store(String(doc.id), { ...doc, deleted: _deleted === true })
    }
    return [] // no conflicts: the bench writes only new records
  }

  function replicachePull(body: { cookie: number | null; clientGroupID: string }) {
    const after = typeof body.cookie === 'number' ? body.cookie : 0
    const patch: unknown[] = after === 0 ? [{ op: 'clear' }] : []
    for (const e of feed) {
      if (e.seq <= after) continue
      patch.push(e.doc.deleted === true ? { op: 'del', key: `activity/${e.id}` } : { op: 'put', key: `activity/${e.id}`, value: e.doc })
    }
    return { cookie: feed.at(-1)?.seq ?? 0, lastMutationIDChanges: Object.fromEntries(lastMutationIds), patch }
  }

  function replicachePush(body: { mutations: { clientID: string; id: number; name: string; args: Record<string, unknown> }[] }) {
    for (const m of body.mutations) {
      if (m.id <= (lastMutationIds.get(m.clientID) ?? 0)) continue
      if (m.name === 'putActivity') store(String(m.args.id), m.args)
      lastMutationIds.set(m.clientID, m.id)
    }
    return {}
  }

  const server: Server = createServer((req, res) => {
    void (async () => {
      try {
        const url = new URL(req.url ?? '/', 'http://127.0.0.1')
        if (req.method === 'POST') {
          const body = await readJson(req) as never
          if (url.pathname === '/rxdb/pull') return send(res, 200, await rxdbPull(body))
          if (url.pathname === '/rxdb/push') return send(res, 200, rxdbPush(body))
          if (url.pathname === '/replicache/pull') return send(res, 200, replicachePull(body))
          if (url.pathname === '/replicache/push') return send(res, 200, replicachePush(body))
          return send(res, 404, { error: 'not found' })
        }
        const [, prefix = '', file = ''] = /^\/([^/]+)\/(.*)$/.exec(url.pathname) ?? []
        const dir = pages[prefix]
        if (!dir) return send(res, 404, 'not found', 'text/plain')
        if (file === '' || file === 'index.html') return send(res, 200, readFileSync(`${dir}/index.html`, 'utf8'), 'text/html')
        if (file === 'bench.js') return send(res, 200, readFileSync(`${dir}/bench.js`, 'utf8'), 'text/javascript')
        return send(res, 404, 'not found', 'text/plain')
      } catch (e) {
        send(res, 500, { error: String(e) })
      }
    })()
  })
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', () => resolve()))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((resolve) => {
      server.closeAllConnections()
      server.close(() => resolve())
    }),
  }
}
