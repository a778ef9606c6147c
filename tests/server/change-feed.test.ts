// GET /api/sync/events (routes/events.ts): an open phone is told its branch's version at once and after every
// push that moves it, never another branch's; accounts of no branch and callers without a session are refused;
// a shutting-down server ends the streams instead of waiting for phones to hang up.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createCommittee } from '../../src/server/services/accounts'
import { MAX_STREAMS_PER_ADDRESS } from '../../src/server/routes/events'
import { BACKENDS } from './helpers/backends'
import { spawnServer } from './helpers/child-server'
import { Device, activityFields, newId } from './helpers/device'
import { listenForVersions, waitFor } from './helpers/events'
import { type BranchFixture, setupBranch, startServer, type TestServer, uniqueName } from './helpers/harness'

async function branchVersion(ts: TestServer, branchId: string): Promise<number> {
  return Number((await ts.db.one<{ version: unknown }>(`SELECT version FROM branches WHERE id = $1`, [branchId]))!.version)
}

describe.each(BACKENDS)('the change feed on $name', (backend) => {
  let ts: TestServer
  let a: BranchFixture
  let b: BranchFixture

  beforeAll(async () => {
    ts = await startServer(backend)
    a = await setupBranch(ts)
    b = await setupBranch(ts)
  })
  afterAll(async () => { await ts.close() })

  it("tells an open phone its branch's version now and after each push, and nothing of another branch", async () => {
    const listener = listenForVersions(ts.url, a.secretary.token)
    try {
      const before = await branchVersion(ts, a.branchId)
      await waitFor(() => listener.versions.length > 0, 'the version when the stream opens')
      expect(listener.status()).toBe(200)
      expect(listener.versions).toEqual([before])

      const other = new Device(b.secretary)
      other.put('activity', newId(), activityFields())
      expect((await other.push()).status).toBe(200)
      const mine = new Device(a.secretary)
      mine.put('activity', newId(), activityFields())
      mine.put('activity', newId(), activityFields())
      expect((await mine.push()).status).toBe(200)
      const after = await branchVersion(ts, a.branchId)
      expect(after).toBeGreaterThan(before)
      await waitFor(() => listener.versions.includes(after), 'the version after the push')
      // never an older one than the last sent, never another branch's
      expect(listener.versions).toEqual([...listener.versions].sort((x, y) => x - y))
      expect(listener.versions.every((v) => v === before || v === after)).toBe(true)
      // a push that changes nothing (the same outbox again) tells nobody anything
      const count = listener.versions.length
      const again = new Device(a.secretary)
      expect((await again.push()).status).toBe(200)
      await new Promise((resolve) => setTimeout(resolve, 200))
      expect(listener.versions).toHaveLength(count)
    } finally {
      listener.close()
    }
  })

  it(`holds at most ${MAX_STREAMS_PER_ADDRESS} streams from one address; the next phone is told to poll`, async () => {
    const open = Array.from({ length: MAX_STREAMS_PER_ADDRESS }, () => listenForVersions(ts.url, a.secretary.token))
    try {
      await waitFor(() => open.every((l) => l.versions.length > 0), 'every stream to open')
      const refused = listenForVersions(ts.url, a.secretary.token)
      await refused.ended
      expect(refused.status()).toBe(429)
      open.pop()!.close()
      const next = listenForVersions(ts.url, a.secretary.token)
      try {
        await waitFor(() => next.status() === 200, 'a stream once one closed', 5000)
      } finally {
        next.close()
      }
    } finally {
      for (const l of open) l.close()
    }
  })

  it('refuses a caller without a session and an account of no branch', async () => {
    const nobody = listenForVersions(ts.url)
    await nobody.ended
    expect(nobody.status()).toBe(401)
    const name = uniqueName('党委')
    const setup = await createCommittee(ts.db, { name, account: '党委账号' })
    const joined = await ts.api.post('/api/auth/join', { code: setup.code, username: uniqueName('c'), password: 'committee-pass' })
    const committee = listenForVersions(ts.url, joined.body.token as string)
    await committee.ended
    expect(committee.status()).toBe(403)
  })
})

describe('a server stopping with phones listening', () => {
  const dir = mkdtempSync(join(tmpdir(), 'zhibu-feed-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('ends their streams and exits at once instead of waiting for them', async () => {
    const server = await spawnServer({ DATA_DIR: dir })
    try {
      const { createBranch } = await import('../../src/server/services/accounts')
      const { openStorage } = await import('../../src/server/storage/open')
      const db = await openStorage({ dataDir: dir })
      const branch = await createBranch(db, { name: uniqueName('支部'), secretary: '张书记' })
      await db.close()
      const joined = await fetch(`${server.url}/api/auth/join`, {
        method: 'POST', headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ code: branch.code, username: uniqueName('sec'), password: 'secret-pass-1' }),
      })
      const { token } = await joined.json() as { token: string }
      const listener = listenForVersions(server.url, token)
      await waitFor(() => listener.versions.length > 0, 'the stream to open')
      const stopping = Date.now()
      server.proc.kill('SIGTERM')
      const exit = await server.exited
      await listener.ended
      expect(exit.code).toBe(0)
      expect(Date.now() - stopping).toBeLessThan(5000)
    } finally {
      server.proc.kill('SIGKILL')
    }
  }, 30_000)
})
