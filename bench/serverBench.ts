// Server throughput with autocannon against the real server process (`src/server/main.ts`), on the embedded
// SQLite and on PostgreSQL, each against the server's own trivial route (GET /api/health) in the same run.
//
//   push: every request is a real, new change: each autocannon connection is one device (its own clientId) and
//         sends one new activity per request with the next clientSeq, so nothing is a duplicate; the answers are
//         read and the applied ones counted.
//   pull: GET /api/sync/pull?cursor=0&limit=100 on a branch holding 1,000 records (a full first page).
//   idle poll: GET /api/sync/pull with the cursor and epoch of a phone that has everything (nothing new to send).
// On PostgreSQL the push and idle-poll loads are also run through 1 and 2 server processes sharing the database
// (each process gets half the connections; their figures are summed).
// Each route runs ROUNDS times, each time right after a trivial run of its own; its share of the trivial route is
// the median of those neighbouring ratios, its rate the median run.
// Requests carry a browser's Accept-Encoding, so the pull page is gzipped as a phone would receive it.
import { createRequire } from 'node:module'
import { makeSyntheticYear } from '../src/shared/report/synthetic'
import { PROTOCOL_VERSION, type PullResponse } from '../src/shared/sync/protocol'
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

export interface Throughput {
  reqPerSec: number
  total: number
  failed: number
  p50: number
  p99: number
}

export async function cannon(url: string, opts: Record<string, unknown>, seconds = SECONDS): Promise<Throughput> {
  const r = await autocannon({ url, connections: CONNECTIONS, pipelining: 1, duration: seconds, ...opts })
  return {
    reqPerSec: r.requests.total / seconds, total: r.requests.total, failed: r.non2xx + r.errors + r.timeouts,
    p50: r.latency.p50, p99: r.latency.p99,
  }
}

export const BROWSER_HEADERS = { 'accept-encoding': 'gzip, deflate, br', accept: 'application/json' }

/**
 * One device per connection: its own clientId and a counter, one new activity per request. With several tokens,
 * connection i signs in to branch i % n (phones of different branches, as on a server hosting many).
 */
export function pushLoad(tokens: string[]) {
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

/** Pull every page as a phone would; the path of the next poll (its cursor and epoch), which finds nothing new. */
async function idlePollPath(url: string, token: string): Promise<string> {
  let cursor = 0
  let epoch = ''
  for (;;) {
    const res = await fetch(`${url}/api/sync/pull?protocolVersion=${PROTOCOL_VERSION}&cursor=${cursor}&limit=1000${epoch ? `&epoch=${epoch}` : ''}`,
      { headers: { authorization: `Bearer ${token}` } })
    const page = await res.json() as PullResponse
    if (!res.ok || page.reset) throw new Error(`pull failed (${res.status}): ${JSON.stringify(page).slice(0, 300)}`)
    cursor = page.cursor
    epoch = page.epoch
    if (!page.hasMore) return `/api/sync/pull?protocolVersion=${PROTOCOL_VERSION}&cursor=${cursor}&epoch=${epoch}&limit=500`
  }
}

/** A route measured right after a trivial run of its own, round by round. */
interface Paired {
  route: Throughput
  /** median over the rounds of route / the trivial run just before it */
  share: number
  /** all runs of the route (answers counted from them) */
  runs: Throughput[]
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)]!
}

/**
 * ROUNDS rounds; in each, every route runs right after a trivial run of its own. On a shared machine whose load
 * swings within seconds, a ratio of neighbours is steadier than a ratio of medians taken far apart.
 */
export async function pairedRounds<K extends string>(trivial: () => Promise<Throughput>, routes: Record<K, () => Promise<Throughput>>):
  Promise<{ trivial: Throughput; routes: Record<K, Paired> }> {
  const keys = Object.keys(routes) as K[]
  const trivialRuns: Throughput[] = []
  const pairs = Object.fromEntries(keys.map((k) => [k, [] as { route: Throughput; trivial: Throughput }[]])) as Record<K, { route: Throughput; trivial: Throughput }[]>
  for (let round = 0; round < ROUNDS; round++) {
    for (const k of keys) {
      const t = await trivial()
      trivialRuns.push(t)
      pairs[k].push({ trivial: t, route: await routes[k]() })
    }
  }
  const out = Object.fromEntries(keys.map((k) => [k, {
    route: medianRun(pairs[k].map((p) => p.route)),
    share: median(pairs[k].map((p) => p.route.reqPerSec / p.trivial.reqPerSec)),
    runs: pairs[k].map((p) => p.route),
  }])) as Record<K, Paired>
  return { trivial: medianRun(trivialRuns), routes: out }
}

interface BackendFigures {
  name: string
  note: string
  trivial: Throughput
  push: Paired
  /** the same load spread over one branch per connection */
  pushManyBranches: Paired
  pull: Paired
  idle: Paired
  /** push answers over all rounds, and the records those rounds added (each answer should be one new record) */
  answered: number
  written: number
}

export function medianRun(runs: Throughput[]): Throughput {
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
    const otherBranches = []
    for (let i = 1; i < CONNECTIONS; i++) otherBranches.push(await createSignedInBranch(storage, server.url))
    const manyTokens = [login.token, ...otherBranches.map((b) => b.token)]
    // A phone of another branch that has pulled everything: its polls find nothing new.
    const idle = await createSignedInBranch(storage, server.url)
    await pushRecords(server.url, idle.token, syntheticActivities(SEEDED, 12))
    const idlePath = await idlePollPath(server.url, idle.token)
    const idleAuth = { ...BROWSER_HEADERS, authorization: `Bearer ${idle.token}` }
    const { trivial, routes } = await pairedRounds(() => cannon(`${server.url}/api/health`, { headers: BROWSER_HEADERS }), {
      push: () => cannon(server.url, pushLoad([login.token])),
      pushMany: () => cannon(server.url, pushLoad(manyTokens)),
      pull: () => cannon(`${server.url}/api/sync/pull?protocolVersion=${PROTOCOL_VERSION}&cursor=0&limit=100`, { headers: auth }),
      idle: () => cannon(`${server.url}${idlePath}`, { headers: idleAuth }),
    })
    answered = [...routes.push.runs, ...routes.pushMany.runs].reduce((sum, r) => sum + r.total - r.failed, 0)
    figures = { name: storage.name, note, trivial, push: routes.push, pushManyBranches: routes.pushMany, pull: routes.pull, idle: routes.idle }
  } finally {
    await server.stop()
  }
  // SEEDED records in the pushing branch and as many in the idle-poll branch
  return { ...figures, answered, written: (await countActivityRecords(storage)) - 2 * SEEDED }
}

const pct = (share: number) => `${(share * 100).toFixed(1)}%`

function lines(f: BackendFigures): BenchLine[] {
  const rate = (t: Throughput) =>
    `${t.reqPerSec.toFixed(0)} req/s median of ${ROUNDS} (p50 ${t.p50} ms, p99 ${t.p99} ms${t.failed ? `, ${t.failed} failed` : ''})`
  return [
    { name: `server ${f.name}: GET /api/health (trivial)`, value: `${rate(f.trivial)}  [${f.note}]` },
    { name: `server ${f.name}: push, 1 new mutation per request`, value: `${rate(f.push.route)}; ${f.written} new records = ${f.answered} answered + ${f.written - f.answered} in flight at stops` },
    { name: `server ${f.name}: pull cursor=0 limit=100`, value: rate(f.pull.route) },
    { name: `server ${f.name}: push / trivial`, value: pct(f.push.share), target: '≥ 30%', pass: f.push.share >= 0.3 },
    { name: `server ${f.name}: pull / trivial`, value: pct(f.pull.share) },
    { name: `server ${f.name}: idle poll (nothing new)`, value: rate(f.idle.route) },
    { name: `server ${f.name}: idle poll / trivial`, value: pct(f.idle.share), target: '≥ 60%', pass: f.idle.share >= 0.6 },
    { name: `server ${f.name}: push over ${CONNECTIONS} branches / trivial`, value: `${pct(f.pushManyBranches.share)} (${rate(f.pushManyBranches.route)})` },
  ]
}

/** The same load split over several servers (connections shared out), run at once; rates summed. */
export async function cannonAll(urls: string[], opts: (url: string) => Record<string, unknown>): Promise<Throughput> {
  const share = Math.max(1, Math.round(CONNECTIONS / urls.length))
  const parts = await Promise.all(urls.map((url) => cannon(url, { ...opts(url), connections: share })))
  return {
    reqPerSec: parts.reduce((n, t) => n + t.reqPerSec, 0), total: parts.reduce((n, t) => n + t.total, 0),
    failed: parts.reduce((n, t) => n + t.failed, 0), p50: Math.max(...parts.map((t) => t.p50)), p99: Math.max(...parts.map((t) => t.p99)),
  }
}

interface ProcessFigures {
  processes: number
  trivial: Throughput
  push: Paired
  pushSpread: Paired
  idle: Paired
}

/** Branches the spread push load goes to: what a province's processes mostly see (many branches, a few each). */
const SPREAD_BRANCHES = 10

/** 1 and 2 server processes over one PostgreSQL: pushes to one branch and idle polls, through all of them at once. */
async function measureProcesses(storage: BenchStorage, counts: number[]): Promise<ProcessFigures[]> {
  const out: ProcessFigures[] = []
  for (const processes of counts) {
    const servers = await Promise.all(Array.from({ length: processes }, () => startBenchServer(storage.env)))
    try {
      const urls = servers.map((s) => s.url)
      const login = await createSignedInBranch(storage, urls[0]!)
      const spread: string[] = []
      for (let i = 0; i < SPREAD_BRANCHES; i++) spread.push((await createSignedInBranch(storage, urls[0]!)).token)
      const idle = await createSignedInBranch(storage, urls[0]!)
      await pushRecords(urls[0]!, idle.token, syntheticActivities(SEEDED, 13))
      const idlePath = await idlePollPath(urls[0]!, idle.token)
      const idleAuth = { ...BROWSER_HEADERS, authorization: `Bearer ${idle.token}` }
      for (const url of urls) await cannon(`${url}/api/health`, { headers: BROWSER_HEADERS }, 1) // warm-up
      const { trivial, routes } = await pairedRounds(() => cannonAll(urls, (url) => ({ url: `${url}/api/health`, headers: BROWSER_HEADERS })), {
        push: () => cannonAll(urls, (url) => ({ url, ...pushLoad([login.token]) })),
        pushSpread: () => cannonAll(urls, (url) => ({ url, ...pushLoad(spread) })),
        idle: () => cannonAll(urls, (url) => ({ url: `${url}${idlePath}`, headers: idleAuth })),
      })
      out.push({ processes, trivial, push: routes.push, pushSpread: routes.pushSpread, idle: routes.idle })
    } finally {
      await Promise.all(servers.map((s) => s.stop()))
    }
  }
  return out
}

function processLines(figures: ProcessFigures[]): BenchLine[] {
  const rate = (t: Throughput) => `${t.reqPerSec.toFixed(0)} req/s (p99 ${t.p99} ms${t.failed ? `, ${t.failed} failed` : ''})`
  const lines: BenchLine[] = []
  for (const f of figures) {
    const label = `server postgres, ${f.processes} process${f.processes > 1 ? 'es' : ''}`
    lines.push(
      { name: `${label}: trivial`, value: rate(f.trivial) },
      // The target is one branch through one process. Through several, one branch's pushes queue on its row lock
      // (each process commits its own group), so the spread load is the one that shows what a second process adds.
      f.processes === 1
        ? { name: `${label}: push one branch`, value: `${rate(f.push.route)} = ${pct(f.push.share)} of trivial`, target: '≥ 30%', pass: f.push.share >= 0.3 }
        : { name: `${label}: push one branch (its row lock shared by the processes)`, value: `${rate(f.push.route)} = ${pct(f.push.share)} of trivial` },
      { name: `${label}: push over ${SPREAD_BRANCHES} branches`, value: `${rate(f.pushSpread.route)} = ${pct(f.pushSpread.share)} of trivial` },
      { name: `${label}: idle poll`, value: `${rate(f.idle.route)} = ${pct(f.idle.share)} of trivial`, target: '≥ 60%', pass: f.idle.share >= 0.6 },
    )
  }
  return lines
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
      out.push(...processLines(await measureProcesses(storage, [1, 2])))
    } finally {
      await storage.cleanup()
    }
  } finally {
    cluster.stop()
  }
  return out
}
