// Backup and restore of the whole server database (docs/deploy.md, "Backups").
//  - SQLite: SQLite's online backup API (better-sqlite3 `backup()`), safe while the server runs: the copy is one
//    consistent snapshot. Restore replaces DATA_DIR/zhibu.sqlite with the file (the server must be stopped).
//  - PostgreSQL: `pg_dump --format=custom` and `pg_restore --clean`; both run against DATABASE_URL.
// Every restore gives the server a new epoch: phones see it on their next sync, re-send everything the restored
// server may lack, and download again (src/client/sync/engine.ts, pullAll), so nothing acknowledged is lost.
import Database from 'better-sqlite3'
import { execFile } from 'node:child_process'
import { copyFileSync, existsSync, renameSync, rmSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { rotateEpoch } from './migrations'
import { openStorage, type StorageConfig } from './open'

const run = promisify(execFile)

export const SQLITE_FILE_NAME = 'zhibu.sqlite'

export class BackupError extends Error {}

function sqlitePath(config: StorageConfig): string {
  return join(config.dataDir, SQLITE_FILE_NAME)
}

function pgArgs(config: StorageConfig): string[] {
  return ['--dbname', config.databaseUrl as string, ...(config.pgSchema ? ['--schema', config.pgSchema] : [])]
}

/** Write a backup of the database to `file`. Returns its size in bytes. */
export async function backupDatabase(config: StorageConfig, file: string): Promise<number> {
  if (config.databaseUrl) {
    await run('pg_dump', ['--format=custom', '--no-owner', '--no-privileges', '--file', file, ...pgArgs(config)])
  } else {
    const source = sqlitePath(config)
    if (!existsSync(source)) throw new BackupError(`没有找到数据库文件 ${source}`)
    const db = new Database(source, { readonly: true, fileMustExist: true })
    try {
      await db.backup(file)
    } finally {
      db.close()
    }
  }
  return statSync(file).size
}

/** Check that `file` is an intact SQLite database written by this server. */
function checkSqliteBackup(file: string): void {
  let db: Database.Database
  try {
    db = new Database(file, { readonly: true, fileMustExist: true })
  } catch {
    throw new BackupError('备份文件无法打开，不是本系统的数据库备份')
  }
  try {
    const integrity = db.pragma('integrity_check', { simple: true })
    if (integrity !== 'ok') throw new BackupError('备份文件已损坏，未恢复')
    const epoch = db.prepare(`SELECT value FROM meta WHERE key = 'epoch'`).get()
    if (!epoch) throw new BackupError('备份文件中没有本系统的数据，未恢复')
  } catch (err) {
    if (err instanceof BackupError) throw err
    throw new BackupError('备份文件不是本系统的数据库备份，未恢复')
  } finally {
    db.close()
  }
}

/**
 * Replace the database with the backup in `file` and give the server a new epoch. For SQLite the server must be
 * stopped first; a bad file changes nothing. Returns the new epoch.
 */
export async function restoreDatabase(config: StorageConfig, file: string): Promise<string> {
  if (!existsSync(file)) throw new BackupError(`没有找到备份文件 ${file}`)
  if (config.databaseUrl) {
    await run('pg_restore', ['--clean', '--if-exists', '--no-owner', '--no-privileges', '--single-transaction',
      ...pgArgs(config), file])
  } else {
    checkSqliteBackup(file)
    const target = sqlitePath(config)
    const staged = `${target}.restoring`
    copyFileSync(file, staged)
    for (const suffix of ['-wal', '-shm']) rmSync(target + suffix, { force: true })
    renameSync(staged, target)
  }
  const db = await openStorage(config)
  try {
    return await rotateEpoch(db)
  } finally {
    await db.close()
  }
}
