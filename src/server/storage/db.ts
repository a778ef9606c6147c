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
