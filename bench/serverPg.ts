// PostgreSQL for the server benchmark: DATABASE_URL_TEST / BENCH_DATABASE_URL when set, else a throwaway cluster
// started the way tests/support/pg-cluster.sh does, except that fsync stays ON (the test script turns it off for
// speed): a push benchmark on a database that does not sync to disk would measure a durability we do not ship.
// Each run works in a fresh schema, dropped afterwards.
import { execFileSync } from 'node:child_process'
import { chownSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import type { BenchStorage } from './serverProcess'
import { freePort } from './serverProcess'

export interface PgCluster {
  url: string
  /** where it came from, and its durability settings as the server reports them */
  description: string
  stop(): void
}

function pgBin(): string {
  const versions = readdirSync('/usr/lib/postgresql').sort((a, b) => Number(a) - Number(b))
  const latest = versions[versions.length - 1]
  if (!latest) throw new Error('no PostgreSQL under /usr/lib/postgresql')
  return `/usr/lib/postgresql/${latest}/bin`
}

function asPostgres(command: string): void {
  if (process.getuid?.() === 0) execFileSync('su', ['postgres', '-s', '/bin/bash', '-c', command], { stdio: 'pipe' })
  else execFileSync('bash', ['-c', command], { stdio: 'pipe' })
}

async function durability(url: string): Promise<string> {
  const c = new pg.Client({ connectionString: url })
  await c.connect()
  try {
    const fsync = (await c.query('SHOW fsync')).rows[0]?.fsync as string
    const commit = (await c.query('SHOW synchronous_commit')).rows[0]?.synchronous_commit as string
    return `fsync=${fsync}, synchronous_commit=${commit}`
  } finally {
    await c.end()
  }
}

export async function startPgCluster(): Promise<PgCluster> {
  const given = process.env.BENCH_DATABASE_URL || process.env.DATABASE_URL_TEST
  if (given) return { url: given, description: `given URL; ${await durability(given)}`, stop: () => undefined }
  const dir = mkdtempSync(join(tmpdir(), 'zhibu-bench-pg-'))
  const port = await freePort()
  const bin = pgBin()
  mkdirSync(join(dir, 'data'))
  mkdirSync(join(dir, 'sock'))
  if (process.getuid?.() === 0) {
    const { uid, gid } = JSON.parse(execFileSync('bash', ['-c', 'echo "{\\"uid\\":$(id -u postgres),\\"gid\\":$(id -g postgres)}"']).toString()) as { uid: number; gid: number }
    for (const p of [dir, join(dir, 'data'), join(dir, 'sock')]) chownSync(p, uid, gid)
  }
  asPostgres(`'${bin}/initdb' -D '${dir}/data' -U postgres --auth=trust >/dev/null`)
  asPostgres(`'${bin}/pg_ctl' -D '${dir}/data' -l '${dir}/log' -o "-p ${port} -k ${dir}/sock -c listen_addresses=127.0.0.1" -w start >/dev/null`)
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`
  return {
    url,
    description: `throwaway cluster; ${await durability(url)}`,
    stop() {
      try { asPostgres(`'${bin}/pg_ctl' -D '${dir}/data' -m fast stop >/dev/null`) } catch { /* already gone */ }
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

/** A fresh schema in the cluster; the server child reaches it through `options=-c search_path=…` in its URL. */
export async function postgresStorage(clusterUrl: string): Promise<BenchStorage> {
  const schema = `bench_${process.pid}_${Math.random().toString(36).slice(2, 8)}`
  const admin = new pg.Client({ connectionString: clusterUrl })
  await admin.connect()
  await admin.query(`CREATE SCHEMA ${schema}`)
  await admin.end()
  const url = new URL(clusterUrl)
  url.searchParams.set('options', `-c search_path=${schema}`)
  return {
    name: 'postgres',
    config: { dataDir: '', databaseUrl: clusterUrl, pgSchema: schema },
    env: { DATABASE_URL: url.toString() },
    async cleanup() {
      const c = new pg.Client({ connectionString: clusterUrl })
      await c.connect()
      await c.query(`DROP SCHEMA ${schema} CASCADE`)
      await c.end()
    },
  }
}
