// `npm run bench province`: a province on one PostgreSQL. 10,000 branches of 30 members, each with a year of
// activity records (≈ 2 M records), written straight into the tables in large multi-row statements; then, through
// the real server process: idle polls and pushes of phones spread over many branches (throughput and p99 per
// process, beside the trivial route in the same run), the committee table over one committee's 1,000 branches, and
// the database's size. docs/scale.md turns these figures into a deployment. Not run by CI (it takes minutes).
//   PROVINCE_BRANCHES (10000), PROVINCE_ACTIVITIES per branch (170), PROVINCE_SCHEMA: reuse a schema loaded
//   before (kept with PROVINCE_KEEP=1) instead of loading again.
import pg from 'pg'
import { openStorage } from '../src/server/storage/open'
import { sha256 } from '../src/server/services/tokens'
import { chinaDateOf } from '../src/shared/dates'
import { makeSyntheticRoster, makeSyntheticYear } from '../src/shared/report/synthetic'
import { isHeartTalk } from '../src/shared/sync/entities'
import { PROTOCOL_VERSION } from '../src/shared/sync/protocol'
import { BROWSER_HEADERS, cannon, pairedRounds, pushLoad, type Throughput } from './serverBench'
import { startPgCluster } from './serverPg'
import { startBenchServer } from './serverProcess'
import type { BenchLine } from './support'

const BRANCHES = Number(process.env.PROVINCE_BRANCHES ?? 10_000)
const MEMBERS = 30
const ACTIVITIES = Number(process.env.PROVINCE_ACTIVITIES ?? 170)
const BRANCHES_PER_COMMITTEE = Math.min(1000, BRANCHES)
/** branches whose secretaries get a session for the load (phones of different branches) */
const SIGNED_IN = 50
const SUMMARY = '会议传达学习了上级有关文件精神，围绕主题开展讨论，党员结合本职工作谈认识、谈体会，明确了下一步工作任务和分工。'

const branchId = (i: number) => `prov-branch-${String(i).padStart(6, '0')}`
const committeeId = (c: number) => `prov-committee-${String(c).padStart(4, '0')}`
const tokenOf = (who: string) => `provincebenchtoken${who}.`.replace(/[^A-Za-z0-9_-]/g, '_').padEnd(40, 'x')

async function insertRows(client: pg.Client, table: string, columns: [string, string][], rows: Record<string, unknown>[]): Promise<void> {
  if (rows.length === 0) return
  const names = columns.map(([c]) => c).join(', ')
  await client.query(`INSERT INTO ${table} (${names}) SELECT ${names} FROM jsonb_to_recordset($1::jsonb) AS x(${columns.map(([c, t]) => `${c} ${t}`).join(', ')})`,
    [JSON.stringify(rows)])
}

const RECORD_COLUMNS: [string, string][] = [
  ['branch_id', 'text'], ['entity', 'text'], ['id', 'text'], ['version', 'bigint'], ['deleted', 'integer'], ['data', 'text'],
  ['created_by', 'text'], ['author_user_id', 'text'], ['heart_talk', 'integer'], ['field_versions', 'text'],
  ['created_at', 'bigint'], ['updated_at', 'bigint'],
]

/** One branch's roster and year as stored rows: members first, then the activities in entry order. */
function branchRecords(i: number, year: number, now: number): Record<string, unknown>[] {
  const id = branchId(i)
  const rows: Record<string, unknown>[] = []
  let version = 0
  for (const m of makeSyntheticRoster(MEMBERS, i)) {
    const { id: memberId, deleted: _d, ...data } = m
    rows.push({ branch_id: id, entity: 'member', id: memberId, version: ++version, deleted: 0, data: JSON.stringify(data),
      created_by: 'secretary', author_user_id: null, heart_talk: 0, field_versions: '{}', created_at: now, updated_at: now })
  }
  for (const r of makeSyntheticYear(ACTIVITIES, year, i, MEMBERS)) {
    const { id: recordId, createdBy, deleted, ...fields } = r
    const data = { ...fields, summary: SUMMARY }
    rows.push({ branch_id: id, entity: 'activity', id: recordId, version: ++version, deleted: deleted ? 1 : 0,
      data: deleted ? '{}' : JSON.stringify(data), created_by: createdBy, author_user_id: null,
      heart_talk: !deleted && isHeartTalk(data) ? 1 : 0, field_versions: '{}', created_at: now, updated_at: now })
  }
  return rows
}

interface Loaded {
  schema: string
  url: string
  loadSeconds: number | null
}

export async function loadProvince(clusterUrl: string, year: number): Promise<Loaded> {
  const given = process.env.PROVINCE_SCHEMA
  const schema = given || `province_${process.pid}`
  const url = new URL(clusterUrl)
  url.searchParams.set('options', `-c search_path=${schema}`)
  if (given) return { schema, url: url.toString(), loadSeconds: null }
  const started = performance.now()
  const admin = new pg.Client({ connectionString: clusterUrl })
  await admin.connect()
  await admin.query(`CREATE SCHEMA ${schema}`)
  await admin.end()
  await (await openStorage({ dataDir: '', databaseUrl: clusterUrl, pgSchema: schema })).close()
  const client = new pg.Client({ connectionString: url.toString() })
  await client.connect()
  try {
    const now = Date.now()
    const committees = Math.ceil(BRANCHES / BRANCHES_PER_COMMITTEE)
    await insertRows(client, 'committees', [['id', 'text'], ['name', 'text'], ['created_at', 'bigint']],
      Array.from({ length: committees }, (_, c) => ({ id: committeeId(c), name: `第${c + 1}区县党委`, created_at: now })))
    const perBranch = MEMBERS + ACTIVITIES
    await insertRows(client, 'branches', [['id', 'text'], ['name', 'text'], ['committee_id', 'text'], ['version', 'bigint'], ['created_at', 'bigint']],
      Array.from({ length: BRANCHES }, (_, i) => ({ id: branchId(i), name: `第${i + 1}党支部`,
        committee_id: committeeId(Math.floor(i / BRANCHES_PER_COMMITTEE)), version: perBranch, created_at: now })))
    // Records in statements of 20 branches (≈ 4,000 rows) each.
    for (let i = 0; i < BRANCHES; i += 20) {
      const rows: Record<string, unknown>[] = []
      for (let j = i; j < Math.min(BRANCHES, i + 20); j++) rows.push(...branchRecords(j, year, now))
      await insertRows(client, 'records', RECORD_COLUMNS, rows)
      if (i % 1000 === 0) process.stderr.write(`province: ${i} of ${BRANCHES} branches loaded\n`)
    }
    // Accounts and sessions: the secretaries of the first SIGNED_IN branches, and committee 0.
    const users: Record<string, unknown>[] = Array.from({ length: SIGNED_IN }, (_, i) => ({ id: `prov-sec-${i}`, username: `provsec${i}`,
      username_key: `provsec${i}`, display_name: '书记', role: 'secretary', branch_id: branchId(i), committee_id: null,
      member_id: 'syn-member-0000', created_at: now }))
    users.push({ id: 'prov-committee-user', username: 'provcommittee', username_key: 'provcommittee', display_name: '党委',
      role: 'committee', branch_id: null, committee_id: committeeId(0), member_id: null, created_at: now })
    await insertRows(client, 'users', [['id', 'text'], ['username', 'text'], ['username_key', 'text'], ['display_name', 'text'], ['role', 'text'],
      ['branch_id', 'text'], ['committee_id', 'text'], ['member_id', 'text'], ['created_at', 'bigint']], users)
    await insertRows(client, 'sessions', [['token_hash', 'text'], ['user_id', 'text'], ['created_at', 'bigint'], ['expires_at', 'bigint'], ['last_used_at', 'bigint']],
      users.map((u) => ({ token_hash: sha256(tokenOf(String(u.id))), user_id: u.id, created_at: now, expires_at: now + 30 * 86_400_000, last_used_at: now })))
    await client.query('ANALYZE')
  } finally {
    await client.end()
  }
  return { schema, url: url.toString(), loadSeconds: (performance.now() - started) / 1000 }
}

async function sizes(clusterUrl: string, schema: string): Promise<{ total: number; records: number; rows: number }> {
  const c = new pg.Client({ connectionString: clusterUrl })
  await c.connect()
  try {
    const total = (await c.query(`SELECT COALESCE(SUM(pg_total_relation_size(c.oid)), 0)::bigint AS n FROM pg_class c
      JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND c.relkind = 'r'`, [schema])).rows[0].n as number
    const records = (await c.query(`SELECT pg_total_relation_size($1::regclass)::bigint AS n`, [`${schema}.records`])).rows[0].n as number
    const rows = (await c.query(`SELECT COUNT(*)::bigint AS n FROM ${schema}.records`)).rows[0].n as number
    return { total: Number(total), records: Number(records), rows: Number(rows) }
  } finally {
    await c.end()
  }
}

/** One connection per signed-in branch's phone, each polling with its branch's version as cursor. */
function idleLoad(epoch: string, versions: number[]) {
  let connection = 0
  return {
    setupClient(client: { setRequests(r: unknown[]): void }) {
      const i = connection++ % SIGNED_IN
      client.setRequests([{ method: 'GET', headers: { ...BROWSER_HEADERS, authorization: `Bearer ${tokenOf(`prov-sec-${i}`)}` },
        path: `/api/sync/pull?protocolVersion=${PROTOCOL_VERSION}&cursor=${versions[i]}&epoch=${epoch}&limit=500` }])
    },
  }
}

async function timed(fn: () => Promise<Response>): Promise<number> {
  const started = performance.now()
  const res = await fn()
  await res.arrayBuffer()
  if (!res.ok) throw new Error(`committee report failed: ${res.status}`)
  return performance.now() - started
}

export async function measureProvince(): Promise<BenchLine[]> {
  const year = Number(chinaDateOf().slice(0, 4))
  const cluster = await startPgCluster()
  const out: BenchLine[] = []
  let loaded: Loaded | undefined
  try {
    loaded = await loadProvince(cluster.url, year)
    const size = await sizes(cluster.url, loaded.schema)
    let server = await startBenchServer({ DATABASE_URL: loaded.url })
    try {
      const secretaries = Array.from({ length: SIGNED_IN }, (_, i) => tokenOf(`prov-sec-${i}`))
      const epoch = await pullEpoch(server.url, secretaries[0]!)
      await cannon(`${server.url}/api/health`, { headers: BROWSER_HEADERS }, 1)
      const { trivial, routes } = await pairedRounds(() => cannon(`${server.url}/api/health`, { headers: BROWSER_HEADERS }), {
        idle: async () => cannon(server.url, idleLoad(epoch, await Promise.all(secretaries.map((t) => branchVersion(server.url, t, epoch))))),
        push: () => cannon(server.url, pushLoad(secretaries)),
      })
      const [idle, pushed] = [routes.idle, routes.push]
      // The committee table over committee 0's branches: compiled, served again unchanged, then after one push.
      const committee = { ...BROWSER_HEADERS, authorization: `Bearer ${tokenOf('prov-committee-user')}` }
      const report = () => fetch(`${server.url}/api/committee/report?year=${year}`, { headers: committee })
      // Summaries of this year may be stored from an earlier run on a reused schema: compile afresh for `cold`.
      await dropStoredSummaries(loaded.url)
      const cold = await timed(report)
      const warm = [await timed(report), await timed(report), await timed(report)].sort((a, b) => a - b)[1]!
      await cannon(server.url, { ...pushLoad([secretaries[0]!]), amount: 1, connections: 1 })
      const afterPush = await timed(report)
      // A new process (a restart, or a second process): nothing in memory, the branches' summaries in the database.
      await server.stop()
      server = await startBenchServer({ DATABASE_URL: loaded.url })
      const restarted = await timed(report)

      const rate = (t: Throughput) => `${t.reqPerSec.toFixed(0)} req/s (p50 ${t.p50} ms, p99 ${t.p99} ms${t.failed ? `, ${t.failed} failed` : ''})`
      const share = (share: number) => `${(share * 100).toFixed(1)}% of trivial`
      const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`
      out.push(
        { name: 'province: loaded', value: `${BRANCHES.toLocaleString('en')} branches × ${MEMBERS} members, ${size.rows.toLocaleString('en')} records${loaded.loadSeconds !== null ? ` in ${loaded.loadSeconds.toFixed(0)} s` : ' (schema reused)'}  [${cluster.description}]` },
        { name: 'province: database size', value: `${mb(size.total)} (records with their indexes ${mb(size.records)}; ${(size.total / size.rows).toFixed(0)} B per record)` },
        { name: 'province, 1 process: trivial', value: rate(trivial) },
        { name: 'province, 1 process: idle poll, a phone of another branch per connection', value: `${rate(idle.route)} = ${share(idle.share)}`, target: '≥ 60%', pass: idle.share >= 0.6 },
        { name: 'province, 1 process: push, a phone of another branch per connection', value: `${rate(pushed.route)} = ${share(pushed.share)}`, target: '≥ 30%', pass: pushed.share >= 0.3 },
        { name: `province: committee table, ${BRANCHES_PER_COMMITTEE} branches, first ever`, value: `${cold.toFixed(0)} ms (compiles every record)` },
        { name: `province: committee table, ${BRANCHES_PER_COMMITTEE} branches, after one push to one branch`, value: `${afterPush.toFixed(0)} ms`, target: '≤ 500 ms', pass: afterPush <= 500 },
        { name: `province: committee table, ${BRANCHES_PER_COMMITTEE} branches, unchanged since`, value: `${warm.toFixed(0)} ms (median of 3)`, target: '≤ 500 ms', pass: warm <= 500 },
        { name: `province: committee table, ${BRANCHES_PER_COMMITTEE} branches, first from a new process`, value: `${restarted.toFixed(0)} ms (the branches' summaries stored in the database)`, target: '≤ 500 ms', pass: restarted <= 500 },
      )
    } finally {
      await server.stop()
    }
  } finally {
    if (loaded && !process.env.PROVINCE_SCHEMA && !process.env.PROVINCE_KEEP) {
      const c = new pg.Client({ connectionString: cluster.url })
      await c.connect()
      await c.query(`DROP SCHEMA ${loaded.schema} CASCADE`)
      await c.end()
    } else if (loaded) {
      console.error(`province: schema ${loaded.schema} kept (PROVINCE_SCHEMA=${loaded.schema} reuses it)`)
    }
    cluster.stop()
  }
  return out
}

async function dropStoredSummaries(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    await client.query(`DELETE FROM branch_year_summaries`)
  } finally {
    await client.end()
  }
}

async function pullEpoch(url: string, token: string): Promise<string> {
  const res = await fetch(`${url}/api/sync/pull?protocolVersion=${PROTOCOL_VERSION}&cursor=0&limit=1`, { headers: { authorization: `Bearer ${token}` } })
  const body = await res.json() as { epoch?: string }
  if (!res.ok || !body.epoch) throw new Error(`pull failed: ${res.status} ${JSON.stringify(body).slice(0, 200)}`)
  return body.epoch
}

/** The branch's version now (pushes of the previous round moved it): pull from a cursor past it reads it back. */
async function branchVersion(url: string, token: string, epoch: string): Promise<number> {
  for (let cursor = 0; ;) {
    const res = await fetch(`${url}/api/sync/pull?protocolVersion=${PROTOCOL_VERSION}&cursor=${cursor}&epoch=${epoch}&limit=1000`, { headers: { authorization: `Bearer ${token}` } })
    const body = await res.json() as { cursor: number; hasMore: boolean }
    if (!res.ok) throw new Error(`pull failed: ${res.status}`)
    if (!body.hasMore) return body.cursor
    cursor = body.cursor
  }
}
