// PostgreSQL via a pg Pool. Several server processes may share one database: all state lives here.
import pg from 'pg'
import type { Db, Queryable, Row, SqlValue } from './db'
import { hotStatementName } from './db'

// int8 (BIGINT, COUNT) as JS numbers: versions and counts stay far below 2^53.
pg.types.setTypeParser(20, (v: string) => Number(v))

class PgQueryable implements Queryable {
  constructor(private readonly client: pg.Pool | pg.PoolClient, private readonly prepared: boolean) {}
  /** A hot statement (db.ts) goes by its name, so each connection parses and plans it once. */
  private query(sql: string, params: readonly SqlValue[] | undefined) {
    const values = params ? [...params] : []
    const name = this.prepared ? hotStatementName(sql) : undefined
    return name ? this.client.query({ name, text: sql, values }) : this.client.query(sql, values)
  }
  async all<T extends Row>(sql: string, params?: readonly SqlValue[]): Promise<T[]> {
    const res = await this.query(sql, params)
    return res.rows as T[]
  }
  async one<T extends Row>(sql: string, params?: readonly SqlValue[]): Promise<T | undefined> {
    const rows = await this.all<T>(sql, params)
    return rows[0]
  }
  async run(sql: string, params?: readonly SqlValue[]): Promise<number> {
    const res = await this.query(sql, params)
    return res.rowCount ?? 0
  }
}

export interface PostgresOptions {
  connectionString: string
  /** schema to use (tests isolate themselves in a fresh schema) */
  schema?: string
  max?: number
  /**
   * Hot statements as named prepared statements (default on). Off for a pooler that hands each transaction a
   * different server connection and does not track prepared statements (PgBouncer before 1.21 in transaction
   * mode; 1.21+ with max_prepared_statements set is fine).
   */
  preparedStatements?: boolean
}

export class PostgresDb implements Db {
  readonly dialect = 'postgres' as const
  readonly pool: pg.Pool
  private readonly q: PgQueryable
  private readonly options: PostgresOptions
  private readonly listeners = new Set<pg.Client>()

  private readonly prepared: boolean

  constructor(options: PostgresOptions) {
    this.options = options
    this.prepared = options.preparedStatements ?? true
    this.pool = new pg.Pool({
      connectionString: options.connectionString,
      max: options.max ?? 10,
      ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
    })
    this.q = new PgQueryable(this.pool, this.prepared)
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
        const result = await fn(new PgQueryable(client, this.prepared))
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
   * each NOTIFY from any process. A lost connection (or one that could not be opened) is tried again with a
   * growing pause; notices sent meanwhile are missed, which only means phones learn of those changes at their
   * next poll. Resolves once listening, or after the first failed try (it keeps trying).
   */
  listen(channel: string, onPayload: (payload: string) => void): Promise<void> {
    let failures = 0
    let first: (() => void) | null = null
    const started = new Promise<void>((resolve) => { first = resolve })
    const settleFirst = () => { first?.(); first = null }
    const retry = () => {
      if (this.closed) return
      failures++
      setTimeout(() => { void connect() }, Math.min(60_000, 1_000 * 2 ** Math.min(failures, 6))).unref()
    }
    const connect = async (): Promise<void> => {
      if (this.closed) return
      const client = new pg.Client({
        connectionString: this.options.connectionString,
        keepAlive: true,
        ...(this.options.schema ? { options: `-c search_path=${this.options.schema}` } : {}),
      })
      let lost = false
      const drop = () => {
        if (lost) return
        lost = true
        this.listeners.delete(client)
        void client.end().catch(() => undefined)
        retry()
      }
      client.on('notification', (n) => { if (n.channel === channel && n.payload) onPayload(n.payload) })
      client.on('error', drop)
      client.on('end', drop)
      this.listeners.add(client)
      try {
        await client.connect()
        await client.query(`LISTEN ${channel}`)
        if (this.closed) { lost = true; this.listeners.delete(client); await client.end().catch(() => undefined); return }
        failures = 0
      } catch (err) {
        if (!lost) console.error(`LISTEN ${channel}: ${String(err)}; trying again`)
        drop()
      } finally {
        settleFirst()
      }
    }
    void connect()
    return started
  }

  private closed = false

  async close(): Promise<void> {
    this.closed = true
    const listening = [...this.listeners]
    this.listeners.clear()
    await Promise.all(listening.map((c) => c.end().catch(() => undefined)))
    await this.pool.end()
  }
}
