import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { Db } from './db'
import { migrate } from './migrations'
import { PostgresDb } from './postgres'
import { SqliteDb } from './sqlite'

export interface StorageConfig {
  dataDir: string
  databaseUrl?: string
  /** PostgreSQL schema (tests) */
  pgSchema?: string
  /** PostgreSQL: hot statements as named prepared statements (default on; postgres.ts) */
  preparedStatements?: boolean
}

/** PostgreSQL when a URL is given, else the embedded database file DATA_DIR/zhibu.sqlite. Migrated on open. */
export async function openStorage(config: StorageConfig): Promise<Db> {
  let db: Db
  if (config.databaseUrl) {
    db = new PostgresDb({ connectionString: config.databaseUrl, schema: config.pgSchema, preparedStatements: config.preparedStatements })
  } else {
    mkdirSync(config.dataDir, { recursive: true })
    db = new SqliteDb(join(config.dataDir, 'zhibu.sqlite'))
  }
  await migrate(db)
  return db
}
