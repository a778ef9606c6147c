// Embedded default: better-sqlite3, one file under DATA_DIR.
// journal_mode=WAL with synchronous=FULL: every commit is fsynced before the push is acknowledged, so an
// acknowledged push survives a power cut, not only a process crash (NORMAL+WAL may lose the last commits on power
// loss). The cost is one fsync per push transaction, which is fine at branch scale.
import Database from 'better-sqlite3'
import type { Db, Queryable, Row, SqlValue } from './db'

interface Translated {
  sql: string
  /** for each `?` in order, the index of the $n parameter it stands for */
  order: number[]
}

/** SQLite's page cache per connection, in KiB (the server has one connection). */
export const SQLITE_CACHE_KIB = 65_536

const translations = new Map<string, Translated>()

/** `$n` placeholders become `?` (SQLite numbered parameters do not bind positionally); row locks are dropped. */
function translate(sql: string): Translated {
  let hit = translations.get(sql)
  if (!hit) {
    const order: number[] = []
    const out = sql.replace(/\$(\d+)/g, (_m, n: string) => {
      order.push(Number(n) - 1)
      return '?'
    }).replace(/\s+FOR UPDATE/gi, '')
    hit = { sql: out, order }
    translations.set(sql, hit)
  }
  return hit
}

class SqliteQueryable implements Queryable {
  private readonly statements = new Map<string, Database.Statement>()
  constructor(protected readonly raw: Database.Database) {}
  private prepare(sql: string, params: readonly SqlValue[] | undefined) {
    const t = translate(sql)
    let stmt = this.statements.get(t.sql)
    if (!stmt) {
      stmt = this.raw.prepare(t.sql)
      if (this.statements.size < 500) this.statements.set(t.sql, stmt)
    }
    return { stmt, args: t.order.map((i) => params?.[i] ?? null) }
  }
  async all<T extends Row>(sql: string, params?: readonly SqlValue[]): Promise<T[]> {
    const { stmt, args } = this.prepare(sql, params)
    return stmt.all(...args) as T[]
  }
  async one<T extends Row>(sql: string, params?: readonly SqlValue[]): Promise<T | undefined> {
    const { stmt, args } = this.prepare(sql, params)
    if (stmt.reader) return stmt.get(...args) as T | undefined
    stmt.run(...args)
    return undefined
  }
  async run(sql: string, params?: readonly SqlValue[]): Promise<number> {
    const { stmt, args } = this.prepare(sql, params)
    if (stmt.reader) return stmt.all(...args).length
    return stmt.run(...args).changes
  }
}

export class SqliteDb implements Db {
  readonly dialect = 'sqlite' as const
  private readonly raw: Database.Database
  private readonly q: SqliteQueryable
  /** One connection: transactions and reads are queued so no reader sees another request's open transaction. */
  private queue: Promise<unknown> = Promise.resolve()

  constructor(file: string) {
    this.raw = new Database(file)
    this.raw.pragma('journal_mode = WAL')
    this.raw.pragma('synchronous = FULL')
    this.raw.pragma('foreign_keys = ON')
    this.raw.pragma('busy_timeout = 5000')
    // 64 MB of page cache instead of SQLite's 2 MB: a record is about one 4 kB page, so the default holds ~500 of
    // them and every pull page of 1,000 went back to the file (measured: 6.7 → 5.3 ms per page of 10,000 records).
    this.raw.pragma(`cache_size = -${SQLITE_CACHE_KIB}`)
    this.q = new SqliteQueryable(this.raw)
  }

  private exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.queue.then(fn, fn)
    this.queue = next.catch(() => undefined)
    return next
  }

  all<T extends Row>(sql: string, params?: readonly SqlValue[]): Promise<T[]> {
    return this.exclusive(() => this.q.all<T>(sql, params))
  }
  one<T extends Row>(sql: string, params?: readonly SqlValue[]): Promise<T | undefined> {
    return this.exclusive(() => this.q.one<T>(sql, params))
  }
  run(sql: string, params?: readonly SqlValue[]): Promise<number> {
    return this.exclusive(() => this.q.run(sql, params))
  }

  tx<T>(fn: (q: Queryable) => Promise<T>): Promise<T> {
    return this.exclusive(async () => {
      this.raw.exec('BEGIN IMMEDIATE')
      try {
        const result = await fn(this.q)
        this.raw.exec('COMMIT')
        return result
      } catch (err) {
        if (this.raw.inTransaction) this.raw.exec('ROLLBACK')
        throw err
      }
    })
  }

  /** DDL for migrations */
  exec(sql: string): void {
    this.raw.exec(sql)
  }

  async close(): Promise<void> {
    await this.queue
    this.raw.close()
  }
}
