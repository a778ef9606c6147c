// The real branch server for the benchmarks: `src/server/main.ts` as a child process on 127.0.0.1 (so a load
// generator or Chromium in this process never shares its event loop), a branch with a signed-in secretary, and
// synthetic activity records pushed through the real push API.
import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createBranch } from '../src/server/services/accounts'
import { openStorage, type StorageConfig } from '../src/server/storage/open'
import { makeSyntheticYear } from '../src/shared/report/synthetic'
import type { MeResponse } from '../src/shared/sync/account'
import type { Mutation } from '../src/shared/sync/mutation'
import { MAX_PUSH_BATCH, PROTOCOL_VERSION, type PushResponse } from '../src/shared/sync/protocol'

export interface BenchServer {
  url: string
  /** The server's process id (its CPU is read from /proc, bench/processCpu.ts). */
  pid: number
  stop(): Promise<void>
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer()
    s.once('error', reject)
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number }
      s.close(() => resolve(port))
    })
  })
}

/**
 * `npx tsx src/server/main.ts` with `env` (DATA_DIR or DATABASE_URL, DIST_DIR). Its request log goes to
 * /dev/null: it is still written per request, as in production, but nobody here reads it.
 */
export async function startBenchServer(env: Record<string, string>): Promise<BenchServer> {
  const port = await freePort()
  // BENCH_SERVER_CPU_PROF=<dir>: each server writes a V8 CPU profile there when it stops (open it in Chromium's
  // DevTools); Node refuses --cpu-prof in NODE_OPTIONS, so it is passed here.
  const profile = process.env.BENCH_SERVER_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_SERVER_CPU_PROF}`] : []
  const proc: ChildProcess = spawn(process.execPath, [...profile, '--import', 'tsx', 'src/server/main.ts'], {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DIST_DIR: '/nonexistent', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  })
  let errors = ''
  proc.stderr?.on('data', (c: Buffer) => { if (errors.length < 20_000) errors += c.toString() })
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()))
  const url = `http://127.0.0.1:${port}`
  const deadline = Date.now() + 30_000
  for (;;) {
    if (proc.exitCode !== null) throw new Error(`bench server exited early:\n${errors}`)
    try {
      const res = await fetch(`${url}/api/health`)
      if (res.ok) break
    } catch { /* not listening yet */ }
    if (Date.now() > deadline) {
      proc.kill('SIGKILL')
      throw new Error(`bench server did not start:\n${errors}`)
    }
    await new Promise((r) => setTimeout(r, 100))
  }
  return {
    url,
    pid: proc.pid!,
    async stop() {
      if (proc.exitCode === null) proc.kill('SIGTERM')
      await exited
    },
  }
}

/** Where the server under test keeps its data; `env` is what the child process needs to reach it. */
export interface BenchStorage {
  name: 'sqlite' | 'postgres'
  config: StorageConfig
  env: Record<string, string>
  cleanup(): Promise<void>
}

export function sqliteStorage(): BenchStorage {
  const dir = mkdtempSync(join(tmpdir(), 'zhibu-bench-'))
  return {
    name: 'sqlite', config: { dataDir: dir }, env: { DATA_DIR: dir },
    cleanup: async () => rmSync(dir, { recursive: true, force: true }),
  }
}

export interface BranchLogin {
  branchId: string
  token: string
  me: MeResponse
  /** the secretary's sign-in, for a page that signs in the way the app does */
  username: string
  password: string
}

/** A new branch (made through the storage layer, like `cli.ts create-branch`) and its secretary signed in over HTTP. */
export async function createSignedInBranch(storage: BenchStorage, url: string): Promise<BranchLogin> {
  const db = await openStorage(storage.config)
  const stamp = `${process.pid}x${Date.now().toString(36)}`
  const setup = await createBranch(db, { name: `基准测试支部${stamp}`, secretary: '张书记' }).finally(() => db.close())
  const username = `bench${stamp}`.slice(0, 32)
  const password = 'bench-password-1'
  const res = await fetch(`${url}/api/auth/join`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ code: setup.code, username, password }),
  })
  const joined = await res.json() as { token: string }
  if (res.status !== 201) throw new Error(`join failed: ${JSON.stringify(joined)}`)
  const meRes = await fetch(`${url}/api/me`, { headers: { Authorization: `Bearer ${joined.token}` } })
  const me = await meRes.json() as MeResponse
  return { branchId: setup.id, token: joined.token, me, username, password }
}

const SUMMARY = '会议传达学习了上级有关文件精神，围绕主题开展讨论，党员结合本职工作谈认识、谈体会，明确了下一步工作任务和分工。'

/** Synthetic activity records as push fields (`makeSyntheticYear`, all live, with a realistic short summary). */
export function syntheticActivities(n: number, seed = 42): { id: string; fields: Record<string, unknown> }[] {
  return makeSyntheticYear(n, 2025, seed).map((r) => {
    const { id, createdBy: _c, deleted: _d, ...fields } = r
    return { id, fields: { ...fields, summary: SUMMARY } }
  })
}

export function newClientId(): string {
  return `bench${Math.random().toString(36).slice(2)}${Date.now().toString(36)}`.slice(0, 40)
}

/** Push `records` as creates through POST /api/sync/push in full batches; throws unless every one applied. */
export async function pushRecords(url: string, token: string, records: { id: string; fields: Record<string, unknown> }[]): Promise<void> {
  const clientId = newClientId()
  for (let start = 0; start < records.length; start += MAX_PUSH_BATCH) {
    const mutations: Mutation[] = records.slice(start, start + MAX_PUSH_BATCH).map((r, i) => ({
      clientId, clientSeq: start + i + 1, entity: 'activity', op: 'put', recordId: r.id, baseVersion: null, fields: r.fields,
    }))
    const res = await fetch(`${url}/api/sync/push`, {
      method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
      body: JSON.stringify({ protocolVersion: PROTOCOL_VERSION, clientId, mutations }),
    })
    const body = await res.json() as PushResponse
    const bad = res.ok ? body.results.find((r) => r.status !== 'applied') : undefined
    if (!res.ok || bad) throw new Error(`seeding push failed (${res.status}): ${JSON.stringify(bad ?? body).slice(0, 500)}`)
  }
}
