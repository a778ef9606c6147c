// Two real server processes over one PostgreSQL schema, as a province deployment runs them: phones of one branch
// push through both at once, and a phone pulls alternating between them while the writes land. Nothing may be lost,
// duplicated or skipped: every row arrives once, in version order, and the versions the puller sees have no gaps.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createBranch } from '../../src/server/services/accounts'
import { join } from '../../src/server/services/auth'
import { PROTOCOL_VERSION, type PushResponse, type SyncRow } from '../../src/shared/sync/protocol'
import { BACKENDS, type Backend } from './helpers/backends'
import { type ChildServer, spawnServer } from './helpers/child-server'
import { Device, activityFields, newId } from './helpers/device'
import { Api, uniqueName } from './helpers/harness'
import { listenForVersions, waitFor } from './helpers/events'

const postgres: Backend | undefined = BACKENDS.find((b) => b.name === 'postgres')

describe.skipIf(!postgres)('two server processes over one PostgreSQL', () => {
  let servers: ChildServer[] = []
  let token = ''
  let cleanup: () => Promise<void> = async () => undefined

  beforeAll(async () => {
    const opened = await postgres!.open()
    cleanup = opened.cleanup
    const branch = await createBranch(opened.db, { name: uniqueName('支部'), secretary: '张书记' })
    token = (await join(opened.db, { code: branch.code, username: uniqueName('sec'), password: 'secret-pass-1' }, '127.0.0.1')).token
    await opened.db.close()
    servers = await Promise.all([spawnServer(opened.env), spawnServer(opened.env)])
  }, 60_000)

  afterAll(async () => {
    for (const s of servers) s.proc.kill('SIGKILL')
    await Promise.all(servers.map((s) => s.exited))
    await cleanup()
  })

  const api = (i: number) => new Api(servers[i % servers.length]!.url, token)

  it('pushes to one branch through both and a puller alternating between them: 0 lost, 0 duplicated, no skipped version', async () => {
    const writers = Array.from({ length: 6 }, () => new Device(api(0)))
    const created: string[] = []
    const applied: number[] = []
    const writes = writers.map(async (w, wi) => {
      for (let round = 0; round < 8; round++) {
        for (let i = 0; i < 1 + ((wi + round) % 3); i++) {
          const id = newId()
          created.push(id)
          w.put('activity', id, activityFields({ topic: `第${round}轮的活动` }))
        }
        w.api = api(wi + round)
        const sent = w.outbox.map((m) => m.clientSeq)
        const res = await w.push()
        expect(res.status).toBe(200)
        const body = res.body as PushResponse
        expect(body.results.map((r) => r.status)).toEqual(sent.map(() => 'applied'))
        for (const r of body.results) applied.push(r.version!)
      }
    })

    // The puller switches process on every page.
    const puller = new Device(api(0))
    const pages: SyncRow[][] = []
    let page = 0
    const pullOnce = async () => {
      const res = await api(page++).get(`/api/sync/pull?protocolVersion=${PROTOCOL_VERSION}&cursor=${puller.cursor}&limit=3` +
        (puller.epoch ? `&epoch=${puller.epoch}` : ''))
      expect(res.status).toBe(200)
      expect(res.body.reset).toBe(false)
      pages.push(res.body.rows as SyncRow[])
      puller.applyRows(res.body.rows as SyncRow[])
      puller.cursor = res.body.cursor
      puller.epoch = res.body.epoch
      return res.body.hasMore as boolean
    }
    let writing = true
    const reads = (async () => {
      while (writing) await pullOnce()
    })()
    await Promise.all(writes)
    writing = false
    await reads
    while (await pullOnce()) { /* the rest */ }

    const received = pages.flat()
    const versions = received.map((r) => r.version)
    // each row once, in version order, with no version missing from the first to the last
    expect(new Set(received.map((r) => `${r.entity}:${r.id}`)).size).toBe(received.length)
    expect(versions).toEqual([...versions].sort((a, b) => a - b))
    expect(versions).toEqual(Array.from({ length: versions.length }, (_, i) => versions[0]! + i))
    // every pushed record arrived, and every version a push was answered with is one the puller saw
    const ids = new Set(received.filter((r) => r.entity === 'activity').map((r) => r.id))
    expect(created.filter((id) => !ids.has(id))).toEqual([])
    expect(ids.size).toBe(created.length)
    expect(new Set(applied).size).toBe(applied.length)
    for (const v of applied) expect(versions).toContain(v)
    // a fresh pull through the other process agrees
    const fresh = new Device(api(1))
    await fresh.pull(50)
    expect(fresh.liveActivities().map((r) => r.id).sort()).toEqual([...ids].sort())
  }, 120_000)

  it('a batch resent through the other process is answered duplicate and stored once', async () => {
    const device = new Device(api(0))
    const recordIds = [newId(), newId(), newId()]
    for (const id of recordIds) device.put('activity', id, activityFields({ topic: '换了进程重发' }))
    const batch = { protocolVersion: PROTOCOL_VERSION, clientId: device.clientId, mutations: device.outbox }
    const [first, second] = await Promise.all([api(0).post('/api/sync/push', batch), api(1).post('/api/sync/push', batch)])
    const statuses = [first, second].map((r) => (r.body as PushResponse).results.map((x) => x.status))
    // one of the two applied all three, the other found them already there
    expect(statuses.flat().filter((s) => s === 'applied')).toHaveLength(3)
    expect(statuses.flat().filter((s) => s === 'duplicate')).toHaveLength(3)
    const again = await api(1).post('/api/sync/push', batch)
    expect((again.body as PushResponse).results.map((x) => x.status)).toEqual(['duplicate', 'duplicate', 'duplicate'])
    const reader = new Device(api(1))
    await reader.pull(100)
    for (const id of recordIds) expect(reader.liveActivities().filter((r) => r.id === id)).toHaveLength(1)
  }, 60_000)

  it('a phone listening on one process is told of a push through the other (LISTEN/NOTIFY)', async () => {
    const listener = listenForVersions(servers[1]!.url, token)
    try {
      await waitFor(() => listener.versions.length > 0, 'the stream to open')
      const opened = listener.versions[0]!
      const writer = new Device(api(0))
      writer.put('activity', newId(), activityFields({ topic: '另一个进程收到的' }))
      expect((await writer.push()).status).toBe(200)
      await waitFor(() => listener.versions.some((v) => v > opened), 'the version from the other process')
      const pulled = new Device(api(1))
      await pulled.pull(1000)
      expect(listener.versions.at(-1)).toBe(pulled.cursor)
    } finally {
      listener.close()
    }
  }, 30_000)
})
