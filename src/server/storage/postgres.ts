// PostgreSQL via a pg Pool. Several server processes may share one database: all state lives here.
import pg from 'pg'
import type { Db, Queryable, Row, SqlValue } from './db'

// int8 (BIGINT, COUNT) as JS numbers: versions and counts stay far below 2^53.
pg.types.setTypeParser(20, (v: string) => Number(v))

class PgQueryable implements Queryable {
  constructor(private readonly client: pg.Pool | pg.PoolClient) {}
  async all<T extends Row>(sql: string, params?: readonly SqlValue[]): Promise<T[]> {
    const res = await this.client.query(sql, params ? [...params] : [])
    return res.rows as T[]
  }
  async one<T extends Row>(sql: string, params?: readonly SqlValue[]): Promise<T | undefined> {
    const rows = await this.all<T>(sql, params)
    return rows[0]
  }
  async run(sql: string, params?: readonly SqlValue[]): Promise<number> {
    const res = await this.client.query(sql, params ? [...params] : [])
    return res.rowCount ?? 0
  }
}

export interface PostgresOptions {
  connectionString: string
  /** schema to use (tests isolate themselves in a fresh schema) */
  schema?: string
  max?: number
}

export class PostgresDb implements Db {
  readonly dialect = 'postgres' as const
  readonly pool: pg.Pool
  private readonly q: PgQueryable
  private readonly options: PostgresOptions
  private readonly listeners = new Set<pg.Client>()

  constructor(options: PostgresOptions) {
    this.options = options
    this.pool = new pg.Pool({
      connectionString: options.connectionString,
      max: options.max ?? 10,
      ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
    })
    this.q = new PgQueryable(this.pool)
  }

  all<T extends Row>(sql: string, params?: readonly SqlValue[]): Promise<T[]> {
    return this.q.all<T>(sql, params)
  }
  one<T extends Row>(sql: string, params?: readonly SqlValue[]): Promise<T | undefined> {
    return this.q.one<T>(sql, params)
  }
  run(sql: string, params?: readonly SqlValue[]): Promise<number> {
    return this.q.run(sql, params)
  }

  async tx<T>(fn: (q: Queryable) => Promise<T>): Promise<T> {
    // Deadlocks and serialization failures are retried a few times; our lock order (branch row first) makes
    // them unlikely.
    for (let attempt = 0; ; attempt++) {
      const client = await this.pool.connect()
      try {
        await client.query('BEGIN')
        const result = await fn(new PgQueryable(client))
        await client.query('COMMIT')
        client.release()
        return result
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined)
        client.release()
        const code = (err as { code?: string }).code
        if ((code === '40P01' || code === '40001') && attempt < 3) continue
        throw err
      }
    }
  }

  /**
   * LISTEN on `channel` over a connection of its own (outside the pool: it stays open), calling `onPayload` for
   * each NOTIFY from any process. A lost connection is opened again after a pause; notices sent meanwhile are
   * missed, which only means phones learn of those changes at their next poll.
   */
  async listen(channel: string, onPayload: (payload: string) => void): Promise<void> {
    const connect = async (): Promise<void> => {
      const client = new pg.Client({
        connectionString: this.options.connectionString,
        ...(this.options.schema ? { options: `-c search_path=${this.options.schema}` } : {}),
      })
      this.listeners.add(client)
      client.on('notification', (n) => { if (n.channel === channel && n.payload) onPayload(n.payload) })
      client.on('error', () => {
        this.listeners.delete(client)
        void client.end().catch(() => undefined)
        if (!this.closed) setTimeout(() => { void connect().catch(() => undefined) }, 5_000).unref()
      })
      await client.connect()
      await client.query(`LISTEN ${channel}`)
    }
    await connect()
  }

  private closed = false

  async close(): Promise<void> {
    this.closed = true
    await Promise.all([...this.listeners].map((c) => c.end().catch(() => undefined)))
    await this.pool.end()
  }
}
