// Server throughput with autocannon against the real server process (`src/server/main.ts`), on the embedded
// SQLite and on PostgreSQL, each against the server's own trivial route (GET /api/health) in the same run.
//
//   push: every request is a real, new change: each autocannon connection is one device (its own clientId) and
//         sends one new activity per request with the next clientSeq, so nothing is a duplicate; the answers are
//         read and the applied ones counted.
//   pull: GET /api/sync/pull?cursor=0&limit=100 on a branch holding 1,000 records (a full first page).
// Each is run for ROUNDS rounds (trivial → push → pull, interleaved) and the median round reported.
// Requests carry a browser's Accept-Encoding, so the pull page is gzipped as a phone would receive it.
import { createRequire } from 'node:module'
import { makeSyntheticYear } from '../src/shared/report/synthetic'
import { PROTOCOL_VERSION } from '../src/shared/sync/protocol'
import {
  type BenchStorage, createSignedInBranch, newClientId, pushRecords, sqliteStorage, startBenchServer, syntheticActivities,
} from './serverProcess'
import { postgresStorage, startPgCluster } from './serverPg'
import { num } from '../src/server/storage/db'
import { openStorage } from '../src/server/storage/open'
import type { BenchLine } from './support'

const SECONDS = Number(process.env.BENCH_SERVER_SECONDS ?? 4)
const ROUNDS = Math.max(1, Number(process.env.BENCH_SERVER_ROUNDS ?? 3))
const CONNECTIONS = Number(process.env.BENCH_SERVER_CONNECTIONS ?? 10)

interface AutocannonClient {
  setRequests(requests: AutocannonRequest[]): void
}
interface AutocannonRequest {
  method?: string
  path?: string
  headers?: Record<string, string>
  body?: string
  setupRequest?: (req: AutocannonRequest) => AutocannonRequest
}
interface AutocannonResult {
  requests: { average: number; total: number }
  non2xx: number
  errors: number
  timeouts: number
  latency: { p50: number; p99: number }
}
type Autocannon = (opts: Record<string, unknown>) => Promise<AutocannonResult>
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon

interface Throughput {
  reqPerSec: number
  total: number
  failed: number
  p50: number
  p99: number
}

async function cannon(url: string, opts: Record<string, unknown>, seconds = SECONDS): Promise<Throughput> {
  const r = await autocannon({ url, connections: CONNECTIONS, pipelining: 1, duration: seconds, ...opts })
  return {
    reqPerSec: r.requests.total / seconds, total: r.requests.total, failed: r.non2xx + r.errors + r.timeouts,
    p50: r.latency.p50, p99: r.latency.p99,
  }
}

const BROWSER_HEADERS = { 'accept-encoding': 'gzip, deflate, br', accept: 'application/json' }

/**
 * One device per connection: its own clientId and a counter, one new activity per request. With several tokens,
 * connection i signs in to branch i % n (phones of different branches, as on a server hosting many).
 */
function pushLoad(tokens: string[]) {
  const templates = makeSyntheticYear(200, 2025, 7).map(({ id: _i, createdBy: _c, deleted: _d, ...fields }) => fields)
  const headersFor = (token: string) => ({ ...BROWSER_HEADERS, 'content-type': 'application/json', authorization: `Bearer ${token}` })
  const headers = headersFor(tokens[0]!)
  let connection = 0
  return {
    method: 'POST',
    path: '/api/sync/push',
    headers,
    setupClient(client: AutocannonClient) {
      const clientId = newClientId()
      const token = tokens[connection++ % tokens.length]!
      let seq = 0
      client.setRequests([{
        method: 'POST', path: '/api/sync/push', headers: headersFor(token),
        setupRequest(req) {
          seq += 1
          const mutation = {
            clientId, clientSeq: seq, entity: 'activity', op: 'put', recordId: `${clientId}r${seq}`, baseVersion: null,
            fields: templates[seq % templates.length],
          }
          return { ...req, body: JSON.stringify({ protocolVersion: PROTOCOL_VERSION, clientId, mutations: [mutation] }) }
        },
      }])
    },
  }
}

interface BackendFigures {
  name: string
  note: string
  trivial: Throughput
  push: Throughput
  /** the same load spread over one branch per connection */
  pushManyBranches: Throughput
  pull: Throughput
  /** push answers over all rounds, and the records those rounds added (each answer should be one new record) */
  answered: number
  written: number
}

function medianRun(runs: Throughput[]): Throughput {
  const sorted = [...runs].sort((a, b) => a.reqPerSec - b.reqPerSec)
  return sorted[Math.floor(sorted.length / 2)]!
}

const SEEDED = 1000

/** Activity records on the server, all branches (the many-branch rounds write to every branch). */
async function countActivityRecords(storage: BenchStorage): Promise<number> {
  const db = await openStorage(storage.config)
  try {
    return num((await db.one<{ n: unknown }>(`SELECT COUNT(*) AS n FROM records WHERE entity = 'activity'`))?.n)
  } finally {
    await db.close()
  }
}

async function measureBackend(storage: BenchStorage, note: string): Promise<BackendFigures> {
  const server = await startBenchServer(storage.env)
  let figures: Omit<BackendFigures, 'written' | 'answered'>
  let answered = 0
  try {
    const login = await createSignedInBranch(storage, server.url)
    await pushRecords(server.url, login.token, syntheticActivities(SEEDED, 11))
    const auth = { ...BROWSER_HEADERS, authorization: `Bearer ${login.token}` }
    await cannon(`${server.url}/api/health`, { headers: BROWSER_HEADERS }, 1) // warm-up
    // Rounds of trivial → push → pull, medians per route: load from elsewhere on a shared machine then hits
    // all three alike instead of skewing one ratio.
    const otherBranches = []
    for (let i = 1; i < CONNECTIONS; i++) otherBranches.push(await createSignedInBranch(storage, server.url))
    const manyTokens = [login.token, ...otherBranches.map((b) => b.token)]
    const runs: Record<'trivial' | 'push' | 'pushMany' | 'pull', Throughput[]> = { trivial: [], push: [], pushMany: [], pull: [] }
    for (let round = 0; round < ROUNDS; round++) {
      runs.trivial.push(await cannon(`${server.url}/api/health`, { headers: BROWSER_HEADERS }))
      runs.push.push(await cannon(server.url, pushLoad([login.token])))
      runs.pushMany.push(await cannon(server.url, pushLoad(manyTokens)))
      runs.pull.push(await cannon(`${server.url}/api/sync/pull?protocolVersion=${PROTOCOL_VERSION}&cursor=0&limit=100`, { headers: auth }))
    }
    const [trivial, push, pull] = [medianRun(runs.trivial), medianRun(runs.push), medianRun(runs.pull)]
    answered = [...runs.push, ...runs.pushMany].reduce((sum, r) => sum + r.total - r.failed, 0)
    figures = { name: storage.name, note, trivial, push, pushManyBranches: medianRun(runs.pushMany), pull }
  } finally {
    await server.stop()
  }
  return { ...figures, answered, written: (await countActivityRecords(storage)) - SEEDED }
}

function lines(f: BackendFigures): BenchLine[] {
  const rate = (t: Throughput) =>
    `${t.reqPerSec.toFixed(0)} req/s median of ${ROUNDS} (p50 ${t.p50} ms, p99 ${t.p99} ms${t.failed ? `, ${t.failed} failed` : ''})`
  const pushShare = f.push.reqPerSec / f.trivial.reqPerSec
  return [
    { name: `server ${f.name}: GET /api/health (trivial)`, value: `${rate(f.trivial)}  [${f.note}]` },
    { name: `server ${f.name}: push, 1 new mutation per request`, value: `${rate(f.push)}; ${f.written} new records = ${f.answered} answered + ${f.written - f.answered} in flight at stops` },
    { name: `server ${f.name}: pull cursor=0 limit=100`, value: rate(f.pull) },
    { name: `server ${f.name}: push / trivial`, value: `${(pushShare * 100).toFixed(1)}%`, target: '≥ 30%', pass: pushShare >= 0.3 },
    { name: `server ${f.name}: pull / trivial`, value: `${((f.pull.reqPerSec / f.trivial.reqPerSec) * 100).toFixed(1)}%` },
    { name: `server ${f.name}: push over ${CONNECTIONS} branches / trivial`, value: `${((f.pushManyBranches.reqPerSec / f.trivial.reqPerSec) * 100).toFixed(1)}% (${rate(f.pushManyBranches)})` },
  ]
}

export async function measureServer(): Promise<BenchLine[]> {
  const out: BenchLine[] = []
  const sqlite = sqliteStorage()
  try {
    out.push(...lines(await measureBackend(sqlite, 'WAL, synchronous=FULL')))
  } finally {
    await sqlite.cleanup()
  }
  const cluster = await startPgCluster()
  try {
    const storage = await postgresStorage(cluster.url)
    try {
      out.push(...lines(await measureBackend(storage, cluster.description)))
    } finally {
      await storage.cleanup()
    }
  } finally {
    cluster.stop()
  }
  return out
}
