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
  close(): Promise<void>
}

export function num(value: unknown): number {
  return typeof value === 'number' ? value : Number(value)
}
