// Hot statements (storage/db.ts `hotStatement`) run as named prepared statements on PostgreSQL, so each pooled
// connection parses and plans them once (the idle poll's one read: services/sessions.ts); PG_PREPARED_STATEMENTS=0
// turns that off for a pooler that does not keep prepared statements.
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { hotStatement } from '../../src/server/storage/db'
import { PostgresDb } from '../../src/server/storage/postgres'
import { PG_URL } from './helpers/backends'

describe('hot statement registry', () => {
  it('gives back the text and refuses a second text under one name', () => {
    const sql = 'SELECT 1 AS registry_probe'
    expect(hotStatement('registry_probe', sql)).toBe(sql)
    expect(hotStatement('registry_probe', sql)).toBe(sql)
    expect(() => hotStatement('registry_probe', 'SELECT 2 AS registry_probe')).toThrow(/two texts/)
  })
})

describe.skipIf(!PG_URL)('PostgreSQL prepared statements', () => {
  const schema = `prep_${process.pid}_${Math.random().toString(36).slice(2, 8)}`
  beforeAll(async () => {
    const admin = new pg.Client({ connectionString: PG_URL })
    await admin.connect()
    await admin.query(`CREATE SCHEMA ${schema}`)
    await admin.query(`CREATE TABLE ${schema}.probe (id INTEGER PRIMARY KEY, label TEXT NOT NULL)`)
    await admin.query(`INSERT INTO ${schema}.probe VALUES (1, '一'), (2, '二')`)
    await admin.end()
  })
  afterAll(async () => {
    const admin = new pg.Client({ connectionString: PG_URL })
    await admin.connect()
    await admin.query(`DROP SCHEMA ${schema} CASCADE`)
    await admin.end()
  })

  /** One connection, so the statements this pool prepared are the ones pg_prepared_statements lists. */
  async function preparedNames(preparedStatements: boolean | undefined, run: (db: PostgresDb) => Promise<void>): Promise<string[]> {
    const db = new PostgresDb({ connectionString: PG_URL, schema, max: 1, preparedStatements })
    try {
      await run(db)
      const rows = await db.all<{ name: string }>(`SELECT name FROM pg_prepared_statements ORDER BY name`)
      return rows.map((r) => r.name)
    } finally {
      await db.close()
    }
  }

  const LABEL_SQL = hotStatement('probe_label', `SELECT label FROM probe WHERE id = $1`)

  it('runs a hot statement under its name, with the same answers, inside and outside transactions', async () => {
    const names = await preparedNames(undefined, async (db) => {
      expect(await db.one(LABEL_SQL, [1])).toEqual({ label: '一' })
      expect(await db.one(LABEL_SQL, [2])).toEqual({ label: '二' })
      expect(await db.tx((q) => q.one(LABEL_SQL, [2]))).toEqual({ label: '二' })
      // a text that is not hot is not kept
      expect(await db.one(`SELECT label FROM probe WHERE id = $1 AND id > 0`, [1])).toEqual({ label: '一' })
    })
    expect(names).toEqual(['probe_label'])
  })

  it('prepares nothing when turned off (PG_PREPARED_STATEMENTS=0)', async () => {
    const names = await preparedNames(false, async (db) => {
      expect(await db.one(LABEL_SQL, [1])).toEqual({ label: '一' })
    })
    expect(names).toEqual([])
  })
})
