// The embedded database's connection settings (src/server/storage/sqlite.ts): every commit fsynced (WAL + FULL),
// foreign keys enforced, and a page cache that holds a branch's records, read back from the connection itself.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { SQLITE_CACHE_KIB, SqliteDb } from '../../src/server/storage/sqlite'

describe('SQLite connection settings', () => {
  let dir = ''
  afterEach(() => { if (dir) rmSync(dir, { recursive: true, force: true }) })

  it('journals to a WAL, fsyncs every commit, enforces foreign keys and caches 64 MB of pages', async () => {
    dir = mkdtempSync(join(tmpdir(), 'zhibu-sqlite-settings-'))
    const db = new SqliteDb(join(dir, 'probe.sqlite'))
    try {
      const read = async (name: string) => Object.values(await db.one<Record<string, unknown>>(`PRAGMA ${name}`) ?? {})[0]
      expect(await read('journal_mode')).toBe('wal')
      expect(await read('synchronous')).toBe(2) // FULL
      expect(await read('foreign_keys')).toBe(1)
      expect(SQLITE_CACHE_KIB).toBeGreaterThanOrEqual(32_768)
      expect(await read('cache_size')).toBe(-SQLITE_CACHE_KIB) // negative: KiB, not pages
    } finally {
      await db.close()
    }
  })
})
