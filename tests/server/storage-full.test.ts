// A full disk: push and photo upload answer 507 in Chinese, nothing of the batch is applied or acknowledged (the
// phone keeps its outbox and its photos), and once space is freed the next push and upload succeed — same server
// process, no restart. On a real full disk (a 2 MiB tmpfs, when this process may mount one) and on a database
// capped with PRAGMA max_page_count, which fails inside a statement rather than at commit.
import { execFileSync } from 'node:child_process'
import { closeSync, mkdtempSync, openSync, rmSync, unlinkSync, writeSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { isStorageFull } from '../../src/server/http/storage-full'
import { openStorage } from '../../src/server/storage/open'
import type { Backend } from './helpers/backends'
import { Device, activityFields, newId } from './helpers/device'
import { type BranchFixture, setupBranch, startServer, type TestServer } from './helpers/harness'

const STORAGE_FULL_MESSAGE = /^服务器存储空间已满/

/** SQLite in `dir`, closed (not deleted) afterwards. */
function sqliteIn(dir: string): Backend {
  return {
    name: 'sqlite',
    async open() {
      const db = await openStorage({ dataDir: dir })
      return { db, env: { DATA_DIR: dir }, cleanup: async () => db.close() }
    },
  }
}

function mountTmpfs(dir: string, size: string): boolean {
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', dir], { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
}

/** Write a file until the file system says ENOSPC; returns its path (delete it to free the space). */
function fillDisk(dir: string): string {
  const file = join(dir, 'filler')
  const fd = openSync(file, 'w')
  try {
    for (const size of [256 * 1024, 4096, 1]) {
      const chunk = Buffer.alloc(size, 7)
      try {
        for (;;) writeSync(fd, chunk)
      } catch (err) {
        if ((err as { code?: string }).code !== 'ENOSPC') throw err
      }
    }
  } finally {
    closeSync(fd)
  }
  return file
}

/** A batch big enough to need fresh database pages: 12 activities with long summaries. */
function queueBigBatch(device: Device): string[] {
  const ids = Array.from({ length: 12 }, () => newId())
  for (const [i, id] of ids.entries()) device.put('activity', id, activityFields({ topic: `磁盘满时的记录${i}`, summary: '会议内容'.repeat(1200) }))
  return ids
}

async function storedActivityIds(ts: TestServer, branchId: string): Promise<Set<string>> {
  const rows = await ts.db.all<{ id: string }>(`SELECT id FROM records WHERE branch_id = $1 AND entity = 'activity'`, [branchId])
  return new Set(rows.map((r) => r.id))
}

function putPhoto(branch: BranchFixture, id: string, recordId: string) {
  const bytes = new Uint8Array(300 * 1024).map((_, i) => i % 253)
  return branch.secretary.request('PUT', `/api/photos/${id}?recordId=${recordId}`, bytes, { 'Content-Type': 'image/jpeg' })
}

/**
 * The scenario on a server whose storage `fill()` makes full and `free()` frees again.
 */
async function fullThenFreed(ts: TestServer, fill: () => Promise<void>, free: () => Promise<void>): Promise<void> {
  const branch = await setupBranch(ts)
  const device = new Device(branch.secretary)
  const photo = newId()
  const record = newId()
  device.put('activity', record, activityFields({ photoIds: [photo] }))
  expect((await device.push()).status).toBe(200)

  await fill()
  const ids = queueBigBatch(device)
  const refused = await device.push()
  expect(refused.status).toBe(507)
  expect(refused.body.error.code).toBe('storage_full')
  expect(refused.body.error.message).toMatch(STORAGE_FULL_MESSAGE)
  // nothing of the batch was stored or acknowledged: the device still holds all of it
  expect(device.outbox).toHaveLength(ids.length)
  const stored = await storedActivityIds(ts, branch.branchId)
  expect(ids.filter((id) => stored.has(id))).toEqual([])
  const photoRefused = await putPhoto(branch, photo, record)
  expect(photoRefused.status).toBe(507)
  expect(photoRefused.body.error.message).toMatch(STORAGE_FULL_MESSAGE)

  await free()
  const retried = await device.push()
  expect(retried.status).toBe(200)
  expect(retried.body.results.map((r: { status: string }) => r.status)).toEqual(ids.map(() => 'applied'))
  expect(device.outbox).toEqual([])
  const after = await storedActivityIds(ts, branch.branchId)
  expect(ids.every((id) => after.has(id))).toBe(true)
  expect((await putPhoto(branch, photo, record)).status).toBe(201)
}

describe('a full disk (SQLite on a 2 MiB tmpfs)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'zhibu-full-'))
  const mounted = mountTmpfs(dir, '2m')
  let ts: TestServer
  if (!mounted) console.warn('[storage-full] cannot mount a tmpfs here (not root?): the real-disk case is skipped')

  beforeAll(async () => {
    if (mounted) ts = await startServer(sqliteIn(dir))
  })
  afterAll(async () => {
    if (mounted) {
      await ts.close()
      execFileSync('umount', [dir])
    }
    rmSync(dir, { recursive: true, force: true })
  })

  it.runIf(mounted)('answers 507 to push and photo upload, loses nothing, and recovers once space is freed', async () => {
    let filler = ''
    await fullThenFreed(ts, async () => {
      // an empty WAL, so the next write needs fresh blocks on the disk
      await ts.db.run('PRAGMA wal_checkpoint(TRUNCATE)')
      filler = fillDisk(dir)
    }, async () => unlinkSync(filler))
  })
})

describe('a full database (SQLite with PRAGMA max_page_count)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'zhibu-capped-'))
  let ts: TestServer
  beforeAll(async () => {
    ts = await startServer(sqliteIn(dir))
  })
  afterAll(async () => {
    await ts.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('fails the whole batch, never one mutation as refused, and recovers when the cap is lifted', async () => {
    await fullThenFreed(ts, async () => {
      const row = await ts.db.one<{ page_count: number }>('PRAGMA page_count')
      await ts.db.run(`PRAGMA max_page_count = ${row!.page_count}`)
    }, async () => {
      await ts.db.run('PRAGMA max_page_count = 1073741823')
    })
  })
})

describe('what counts as a full disk', () => {
  it('SQLite, the OS and PostgreSQL (53100 disk_full), also as the cause of another error', () => {
    for (const code of ['SQLITE_FULL', 'ENOSPC', '53100']) expect(isStorageFull(Object.assign(new Error('x'), { code }))).toBe(true)
    expect(isStorageFull(new Error('wrapped', { cause: { code: '53100' } }))).toBe(true)
    for (const code of ['SQLITE_BUSY', '40001', '23505', undefined]) expect(isStorageFull(Object.assign(new Error('x'), { code }))).toBe(false)
    expect(isStorageFull(null)).toBe(false)
  })
})
