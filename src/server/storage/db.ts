// The storage adapter: a small SQL executor both backends implement. Services write portable SQL with $1..$n
// placeholders; each adapter translates what differs (placeholders, row locks, integer types).
export type SqlValue = string | number | null | Buffer
export type Row = Record<string, unknown>

export interface Queryable {
  all<T extends Row = Row>(sql: string, params?: readonly SqlValue[]): Promise<T[]>
  one<T extends Row = Row>(sql: string, params?: readonly SqlValue[]): Promise<T | undefined>
  /** returns the number of rows changed */
  run(sql: string, params?: readonly SqlValue[]): Promise<number>
}

export interface Db extends Queryable {
  readonly dialect: 'sqlite' | 'postgres'
  /**
   * Run `fn` in one transaction: committed when it resolves, rolled back when it throws. SQL containing
   * `FOR UPDATE` takes a row lock on PostgreSQL; SQLite serialises writers anyway (BEGIN IMMEDIATE).
   */
  tx<T>(fn: (q: Queryable) => Promise<T>): Promise<T>
  /**
   * Notices from every process sharing the database (PostgreSQL LISTEN/NOTIFY); absent on SQLite, whose one
   * file is served by one process.
   */
  listen?(channel: string, onPayload: (payload: string) => void): Promise<void>
  close(): Promise<void>
}

/** Statements run on (nearly) every request, by SQL text → their name. See `hotStatement`. */
const hotStatements = new Map<string, string>()
const hotNames = new Map<string, string>()

/**
 * Mark `sql` as run on nearly every request: PostgreSQL then keeps it parsed and planned on each pooled connection
 * (a named prepared statement) instead of parsing and planning it every time; SQLite keeps every statement prepared
 * anyway. `sql` must be a fixed text (values only as $n), the same each time under the same `name`. Returns `sql`.
 */
export function hotStatement(name: string, sql: string): string {
  const known = hotNames.get(name)
  if (known === undefined) {
    hotNames.set(name, sql)
    hotStatements.set(sql, name)
  } else if (known !== sql) {
    throw new Error(`hot statement ${name} was given two texts`)
  }
  return sql
}

/** The name `sql` was marked hot under, if it was. */
export function hotStatementName(sql: string): string | undefined {
  return hotStatements.get(sql)
}

export function num(value: unknown): number {
  return typeof value === 'number' ? value : Number(value)
}

/**
 * Undoing a savepoint failed: the whole transaction is gone (SQLite rolls it back by itself on SQLITE_FULL, for one),
 * so nothing more may run in it. `cause` is the error that made the savepoint be undone.
 */
export class TransactionLostError extends Error {
  constructor(cause: unknown, readonly undoError: unknown) {
    super(`transaction lost: ${cause instanceof Error ? cause.message : String(cause)}`, { cause })
  }
}

/**
 * Run `fn` inside a savepoint of the open transaction `q`: whatever it wrote is undone when it throws (the error is
 * rethrown) or when `keep(result)` is false; otherwise it stays part of the transaction. If the savepoint cannot be
 * undone, TransactionLostError is thrown: the caller must fail the whole transaction.
 */
export async function withSavepoint<T>(q: Queryable, fn: () => Promise<T>, keep: (result: T) => boolean = () => true): Promise<T> {
  await q.run('SAVEPOINT one_change')
  let result: T
  try {
    result = await fn()
  } catch (err) {
    try {
      await q.run('ROLLBACK TO SAVEPOINT one_change')
      await q.run('RELEASE SAVEPOINT one_change')
    } catch (undoError) {
      throw new TransactionLostError(err, undoError)
    }
    throw err
  }
  if (!keep(result)) await q.run('ROLLBACK TO SAVEPOINT one_change')
  await q.run('RELEASE SAVEPOINT one_change')
  return result
}
