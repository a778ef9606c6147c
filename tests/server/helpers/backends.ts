// The storage backends the server suite runs against: the embedded database always, PostgreSQL when
// DATABASE_URL_TEST is set (each test file gets its own schema, dropped afterwards).
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import type { Db } from '../../../src/server/storage/db'
import { openStorage } from '../../../src/server/storage/open'

export interface Backend {
  name: 'sqlite' | 'postgres'
  /** `env`: what a server child process needs to reach the same database */
  open(): Promise<{ db: Db; env: Record<string, string>; cleanup(): Promise<void> }>
}

export const PG_URL = process.env.DATABASE_URL_TEST || ''

const sqlite: Backend = {
  name: 'sqlite',
  async open() {
    const dir = mkdtempSync(join(tmpdir(), 'zhibu-test-'))
    const db = await openStorage({ dataDir: dir })
    return {
      db,
      env: { DATA_DIR: dir },
      cleanup: async () => { await db.close().catch(() => undefined); rmSync(dir, { recursive: true, force: true }) },
    }
  },
}

const postgres: Backend = {
  name: 'postgres',
  async open() {
    const schema = `t_${process.pid}_${Math.random().toString(36).slice(2, 10)}`
    const admin = new pg.Client({ connectionString: PG_URL })
    await admin.connect()
    await admin.query(`CREATE SCHEMA ${schema}`)
    await admin.end()
    const db = await openStorage({ dataDir: '', databaseUrl: PG_URL, pgSchema: schema })
    const url = new URL(PG_URL)
    url.searchParams.set('options', `-c search_path=${schema}`)
    return {
      db,
      env: { DATABASE_URL: url.toString() },
      cleanup: async () => {
        await db.close().catch(() => undefined)
        const c = new pg.Client({ connectionString: PG_URL })
        await c.connect()
        await c.query(`DROP SCHEMA ${schema} CASCADE`)
        await c.end()
      },
    }
  },
}

export const BACKENDS: Backend[] = PG_URL ? [sqlite, postgres] : [sqlite]

if (!PG_URL) {
  console.warn('[server tests] DATABASE_URL_TEST is not set: PostgreSQL backend SKIPPED, running the embedded database only')
}
