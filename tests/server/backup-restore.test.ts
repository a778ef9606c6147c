// Server backup and restore, end to end: a backup taken while phones sync, more records acknowledged after it, the
// server restored from the backup — the phones then re-send what the restored server lacks and lose nothing.
import { serve } from '@hono/node-server'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { afterAll, describe, expect, it } from 'vitest'
import { createActivity, listActivitiesOfMonth, useDatabase } from '@client/db'
import { saveSession } from '@client/db/session'
import { syncOnce } from '@client/sync/engine'
import type { MeResponse } from '@shared/sync/account'
import { createApp } from '../../src/server/app'
import { backupDatabase, BackupError, restoreDatabase } from '../../src/server/storage/backup'
import type { StorageConfig } from '../../src/server/storage/open'
import { openStorage } from '../../src/server/storage/open'
import { readEpoch } from '../../src/server/storage/migrations'
import { themeDayFields } from '../unit/db/helpers'
import { PG_URL } from './helpers/backends'
import { Api, setupBranch, type TestServer } from './helpers/harness'

const dirs: string[] = []
afterAll(() => { for (const d of dirs) rmSync(d, { recursive: true, force: true }) })
const tempDir = () => { const d = mkdtempSync(join(tmpdir(), 'zhibu-backup-')); dirs.push(d); return d }

async function sqliteConfig(): Promise<StorageConfig> {
  return { dataDir: tempDir() }
}

async function postgresConfig(): Promise<StorageConfig> {
  const schema = `b_${process.pid}_${Math.random().toString(36).slice(2, 8)}`
  const admin = new pg.Client({ connectionString: PG_URL })
  await admin.connect()
  await admin.query(`CREATE SCHEMA ${schema}`)
  await admin.end()
  return { dataDir: '', databaseUrl: PG_URL, pgSchema: schema }
}

async function startOn(config: StorageConfig): Promise<TestServer> {
  const db = await openStorage(config)
  const app = createApp({ db, log: () => undefined, distDir: '/nonexistent' })
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' })
  await new Promise<void>((resolve) => server.once('listening', () => resolve()))
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return {
    db, url, app, api: new Api(url),
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()))
      await db.close()
    },
  }
}

const cases = [{ name: 'sqlite', config: sqliteConfig }, ...(PG_URL ? [{ name: 'postgres', config: postgresConfig }] : [])]

describe.each(cases)('server backup and restore ($name)', ({ config: makeConfig }) => {
  it('after a restore, phones re-send what the server lacks: 0 lost, 0 duplicated', async () => {
    const config = await makeConfig()
    let ts = await startOn(config)
    const branch = await setupBranch(ts)
    const member = await branch.addMember()
    const phones = { secretary: `bk-sec-${Math.random()}`, member: `bk-mem-${Math.random()}` }
    const onPhone = async (phone: string, token: string) => {
      useDatabase(phone)
      await saveSession(token, (await ts.api.withToken(token).get('/api/me')).body as MeResponse)
    }
    const sync = async () => expect(await syncOnce({ baseUrl: ts.url, fetch: globalThis.fetch })).toMatchObject({ status: 'ok' })
    const topics = (n: number, prefix: string) => Array.from({ length: n }, (_, i) => `${prefix}${i + 1}`)

    await onPhone(phones.member, member.session.token)
    for (const topic of topics(3, '备份前')) await createActivity(themeDayFields({ topic }))
    await sync()
    const backupFile = join(tempDir(), 'server.backup')
    expect(await backupDatabase(config, backupFile)).toBeGreaterThan(0)
    const epochBefore = await readEpoch(ts.db)

    for (const topic of topics(2, '备份后')) await createActivity(themeDayFields({ topic }))
    await sync()
    await onPhone(phones.secretary, branch.secretary.token as string)
    await createActivity(themeDayFields({ topic: '书记备份后记的' }))
    await sync()

    await ts.close()
    const epochAfter = await restoreDatabase(config, backupFile)
    expect(epochAfter).not.toBe(epochBefore)
    ts = await startOn(config)
    const count = async () => Number((await ts.db.one<{ n: unknown }>(
      `SELECT COUNT(*) AS n FROM records WHERE entity = 'activity' AND deleted = 0`))?.n)
    expect(await count()).toBe(3)

    await onPhone(phones.member, member.session.token)
    await sync()
    await onPhone(phones.secretary, branch.secretary.token as string)
    await sync()
    await onPhone(phones.member, member.session.token)
    await sync()

    const rows = await ts.db.all<{ data: string }>(`SELECT data FROM records WHERE entity = 'activity' AND deleted = 0`)
    const serverTopics = rows.map((r) => (JSON.parse(r.data) as { topic: string }).topic).sort()
    const expected = [...topics(3, '备份前'), ...topics(2, '备份后'), '书记备份后记的'].sort()
    expect(serverTopics).toEqual(expected)
    for (const phone of [phones.member, phones.secretary]) {
      useDatabase(phone)
      const onDevice = (await listActivitiesOfMonth(2026, 11)).map((r) => r.topic).sort()
      expect(onDevice).toEqual(expected)
    }
    await ts.close()
  })

  it('a file that is not a backup is refused and changes nothing', async () => {
    const config = await makeConfig()
    if (config.databaseUrl) return // pg_restore refuses it on its own; the SQLite check is ours
    const ts = await startOn(config)
    await setupBranch(ts)
    await ts.close()
    const bogus = join(tempDir(), 'not-a-backup.sqlite')
    writeFileSync(bogus, 'hello')
    await expect(restoreDatabase(config, bogus)).rejects.toBeInstanceOf(BackupError)
    const again = await startOn(config)
    expect(Number((await again.db.one<{ n: unknown }>(`SELECT COUNT(*) AS n FROM branches`))?.n)).toBe(1)
    await again.close()
  })
})
