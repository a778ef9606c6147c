// Protocol tests over a real server on 127.0.0.1, for every available storage backend.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addDays, chinaDateOf } from '../../src/shared/dates'
import { PROTOCOL_VERSION } from '../../src/shared/sync/protocol'
import { BACKENDS } from './helpers/backends'
import { Device, activityFields, newId } from './helpers/device'
import { type BranchFixture, setupBranch, startServer, type TestServer } from './helpers/harness'

describe.each(BACKENDS)('sync protocol on $name', (backend) => {
  let ts: TestServer
  let branch: BranchFixture

  beforeAll(async () => {
    ts = await startServer(backend)
    branch = await setupBranch(ts)
  })
  afterAll(async () => ts.close())

  async function countActivities(): Promise<number> {
    const row = await ts.db.one<{ n: unknown }>(
      `SELECT COUNT(*) AS n FROM records WHERE branch_id = $1 AND entity = 'activity' AND deleted = 0`, [branch.branchId])
    return Number(row?.n)
  }

  it('a replayed push creates one record', async () => {
    const before = await countActivities()
    const d = new Device(branch.secretary)
    const id = newId()
    d.put('activity', id, activityFields())
    const batch = [...d.outbox]
    const first = await d.push()
    expect(first.body.results).toEqual([expect.objectContaining({ clientSeq: 1, status: 'applied' })])
    d.outbox = batch
    const replay = await d.push()
    expect(replay.status).toBe(200)
    expect(replay.body.results).toEqual([{ clientSeq: 1, status: 'duplicate' }])
    expect(await countActivities()).toBe(before + 1)
  })

  it('the same batch pushed twice at once (a resend while the first is in flight) applies once', async () => {
    const versionOf = async () => Number((await ts.db.one<{ version: unknown }>(`SELECT version FROM branches WHERE id = $1`, [branch.branchId]))?.version)
    const before = await countActivities()
    const beforeVersion = await versionOf()
    const d = new Device(branch.secretary)
    for (let i = 0; i < 40; i++) d.put('activity', newId(), activityFields())
    const batch = [...d.outbox]
    const body = { protocolVersion: PROTOCOL_VERSION, clientId: d.clientId, mutations: batch }
    const [a, b] = await Promise.all([branch.secretary.post('/api/sync/push', body), branch.secretary.post('/api/sync/push', body)])
    const statuses = [...a.body.results, ...b.body.results].map((r: { status: string }) => r.status)
    expect(statuses.filter((s) => s === 'applied')).toHaveLength(40)
    expect(statuses.filter((s) => s === 'duplicate')).toHaveLength(40)
    expect(await countActivities()).toBe(before + 40)
    expect(await versionOf()).toBe(beforeVersion + 40)
  })

  it('a gap is rejected for retry, then the resent batch applies', async () => {
    const d = new Device(branch.secretary)
    const ids = [newId(), newId(), newId()]
    for (const id of ids) d.put('activity', id, activityFields())
    const [m1, m2, m3] = d.outbox
    if (!m1 || !m2 || !m3) throw new Error('outbox')
    d.outbox = [m1]
    await d.push()
    d.outbox = [m3]
    const gap = await d.push()
    expect(gap.body.results[0]).toMatchObject({ clientSeq: 3, status: 'rejected', error: { code: 'sequence_gap', retry: true } })
    expect(gap.body.lastClientSeq).toBe(1)
    expect(d.outbox).toHaveLength(1)
    d.outbox = [m2, m3]
    const resent = await d.push()
    expect(resent.body.results.map((r: { status: string }) => r.status)).toEqual(['applied', 'applied'])
    const reader = new Device(branch.secretary)
    await reader.pull()
    for (const id of ids) expect(reader.local.get(`activity:${id}`)?.deleted).toBe(false)
  })

  it('a poison mutation is acknowledged with its error and does not block the next', async () => {
    const d = new Device(branch.secretary)
    const bad = newId()
    const good = newId()
    d.put('activity', bad, activityFields({ date: '1999-12-31' }))
    d.put('activity', good, activityFields())
    const res = await d.push()
    expect(res.body.results[0]).toMatchObject({ status: 'rejected', error: { code: 'invalid', retry: false } })
    expect(res.body.results[0].error.message).toMatch(/2000/)
    expect(res.body.results[1]).toMatchObject({ status: 'applied' })
    expect(d.outbox).toHaveLength(0)
  })

  it('rejects a date more than a year ahead, an unknown field and an over-long topic', async () => {
    const d = new Device(branch.secretary)
    d.put('activity', newId(), activityFields({ date: addDays(chinaDateOf(), 400) }))
    d.put('activity', newId(), activityFields({ secretField: 1 }))
    d.put('activity', newId(), activityFields({ topic: '长'.repeat(201) }))
    const res = await d.push()
    expect(res.body.results.map((r: { status: string }) => r.status)).toEqual(['rejected', 'rejected', 'rejected'])
  })

  it('two devices editing the same field: last arrival wins; different fields merge', async () => {
    const a = new Device(branch.secretary)
    const b = new Device(branch.secretary)
    const id = newId()
    a.put('activity', id, activityFields({ topic: '原主题', place: '原地点' }))
    await a.push()
    await a.pull()
    await b.pull()
    a.put('activity', id, { topic: 'A的主题', summary: 'A写的摘要' })
    b.put('activity', id, { topic: 'B的主题', place: 'B的地点' })
    await a.push()
    await b.push()
    const reader = new Device(branch.secretary)
    await reader.pull()
    const data = reader.local.get(`activity:${id}`)?.data
    expect(data).toMatchObject({ topic: 'B的主题', summary: 'A写的摘要', place: 'B的地点' })
    const audit = await branch.secretary.get('/api/audit?limit=500')
    expect(audit.status).toBe(200)
    const stale = audit.body.entries.filter((e: { recordId: string; kind: string }) => e.recordId === id && e.kind === 'stale_edit')
    expect(stale).toHaveLength(1)
    expect(stale[0].detail.fields).toEqual(['topic'])
    expect(stale[0].detail.previous).toEqual({ topic: 'A的主题' })
  })

  it('delete beats a concurrent edit, in either arrival order', async () => {
    for (const deleteFirst of [true, false]) {
      const a = new Device(branch.secretary)
      const b = new Device(branch.secretary)
      const id = newId()
      a.put('activity', id, activityFields())
      await a.push()
      await a.pull()
      await b.pull()
      a.del('activity', id)
      b.put('activity', id, { topic: '并发修改' })
      if (deleteFirst) {
        await a.push()
        const edit = await b.push()
        expect(edit.body.results[0]).toMatchObject({ status: 'rejected', error: { code: 'record_deleted', retry: false } })
      } else {
        await b.push()
        await a.push()
      }
      const reader = new Device(branch.secretary)
      await reader.pull()
      expect(reader.local.get(`activity:${id}`)).toMatchObject({ deleted: true, data: { id, deleted: true } })
    }
  })

  it('the device clock changes nothing (±1 year createdAt/updatedAt are display only)', async () => {
    const id = newId()
    const future = new Device(branch.secretary)
    const past = new Device(branch.secretary)
    const now = Date.now()
    const year = 366 * 24 * 3600_000
    future.put('activity', id, activityFields({ topic: '未来设备', updatedAt: new Date(now + year).toISOString() }))
    await future.push()
    await past.pull()
    past.put('activity', id, { topic: '过去设备', updatedAt: new Date(now - year).toISOString() })
    await past.push()
    const reader = new Device(branch.secretary)
    await reader.pull()
    const row = reader.local.get(`activity:${id}`)
    expect(row?.data.topic).toBe('过去设备')
    // versions come from the server's counter, never from the clock
    expect(row?.version).toBeGreaterThan(0)
  })

  it('stamps createdBy from the session, ignoring a forged author or branch', async () => {
    const member = await branch.addMember()
    const d = new Device(member.api)
    const id = newId()
    d.put('activity', id, activityFields({ createdBy: branch.secretaryId, branchId: 'someone-else' }))
    const res = await member.api.post('/api/sync/push', {
      protocolVersion: PROTOCOL_VERSION, clientId: d.clientId, branchId: 'forged-branch', mutations: d.outbox })
    expect(res.body.results[0].status).toBe('applied')
    const row = await ts.db.one<{ created_by: string; author_user_id: string; branch_id: string }>(
      `SELECT created_by, author_user_id, branch_id FROM records WHERE id = $1`, [id])
    expect(row).toMatchObject({ created_by: member.userId, author_user_id: member.userId, branch_id: branch.branchId })
  })

  it('concurrent pushes interleaved with pulls skip no rows', async () => {
    const writers = Array.from({ length: 4 }, () => new Device(branch.secretary))
    const reader = new Device(branch.secretary)
    await reader.pull()
    const created: string[] = []
    const writes = writers.map(async (w) => {
      for (let round = 0; round < 6; round++) {
        for (let i = 0; i < 3; i++) {
          const id = newId()
          created.push(id)
          w.put('activity', id, activityFields())
        }
        await w.push()
      }
    })
    let pulling = true
    const reads = (async () => {
      while (pulling) await reader.pull(2)
    })()
    await Promise.all(writes)
    pulling = false
    await reads
    await reader.pull(2)
    for (const id of created) expect(reader.local.has(`activity:${id}`), id).toBe(true)
  })

  it('pages with every limit from 1 to n while writes land return each row once, in version order', async () => {
    const writer = new Device(branch.secretary)
    for (let i = 0; i < 5; i++) writer.put('activity', newId(), activityFields())
    await writer.push()
    const total = (await new Device(branch.secretary).pull(1000), await countAllRows())
    for (const limit of [1, 2, 3, 7, total]) {
      const reader = new Device(branch.secretary)
      const versions: number[] = []
      let cursor = 0
      for (let page = 0; ; page++) {
        const res = await branch.secretary.get(`/api/sync/pull?protocolVersion=${PROTOCOL_VERSION}&cursor=${cursor}&limit=${limit}`)
        versions.push(...res.body.rows.map((r: { version: number }) => r.version))
        cursor = res.body.cursor
        if (page % 3 === 0) {
          writer.put('activity', newId(), activityFields())
          await writer.push()
        }
        if (!res.body.hasMore) break
      }
      expect([...versions].sort((x, y) => x - y)).toEqual(versions)
      expect(new Set(versions).size).toBe(versions.length)
      reader.cursor = cursor
      await reader.pull(limit)
      const all = (await branch.secretary.get(`/api/sync/pull?protocolVersion=${PROTOCOL_VERSION}&cursor=0&limit=1000`)).body
      const seen = new Set([...versions, ...[...reader.local.values()].map((r) => r.version)])
      for (const r of all.rows as { version: number }[]) expect(seen.has(r.version)).toBe(true)
    }
  })

  it('ranges up to the head, asked for all at once while writes land and records are overwritten, give each row once', async () => {
    const writer = new Device(branch.secretary)
    const ids = Array.from({ length: 12 }, () => newId())
    for (const id of ids) writer.put('activity', id, activityFields())
    await writer.push()
    // overwrite some: their old versions are gone, so the versions have holes
    for (const id of ids.slice(0, 4)) writer.put('activity', id, activityFields({ topic: '改过的' }))
    await writer.push()
    const base = `/api/sync/pull?protocolVersion=${PROTOCOL_VERSION}`
    const first = (await branch.secretary.get(`${base}&cursor=0&limit=3`)).body
    expect(first.head).toBeGreaterThan(first.cursor)
    const width = 3
    const ranges: [number, number][] = []
    for (let from = first.cursor; from < first.head; from += width) ranges.push([from, Math.min(from + width, first.head)])
    const pending = ranges.map(([from, to]) => branch.secretary.get(`${base}&cursor=${from}&limit=${width}&upTo=${to}`))
    writer.put('activity', newId(), activityFields({ topic: '范围读取时新增的' }))
    await writer.push()
    const pages = (await Promise.all(pending)).map((r) => r.body)
    const versions: number[] = [...first.rows.map((r: { version: number }) => r.version)]
    let cursor = first.cursor
    for (const [i, page] of pages.entries()) {
      expect(page.reset).toBe(false)
      // a range answered whole ends at its upper bound, holes or not; only the last may say there is more
      expect(page.cursor).toBe(ranges[i]![1])
      expect(page.hasMore).toBe(i < pages.length - 1)
      for (const r of page.rows as { version: number }[]) expect(r.version > ranges[i]![0] && r.version <= ranges[i]![1]).toBe(true)
      versions.push(...page.rows.map((r: { version: number }) => r.version))
      cursor = page.cursor
    }
    // then on from the last range's end, as a phone does: the write made meanwhile comes next
    const rest = (await branch.secretary.get(`${base}&cursor=${cursor}&limit=1000`)).body
    versions.push(...rest.rows.map((r: { version: number }) => r.version))
    const all = (await branch.secretary.get(`${base}&cursor=0&limit=1000`)).body.rows.map((r: { version: number }) => r.version)
    expect(versions).toEqual(all)
    // a range past the head ends at the head
    const past = (await branch.secretary.get(`${base}&cursor=${rest.cursor}&limit=5&upTo=${rest.cursor + 5}`)).body
    expect(past).toMatchObject({ cursor: rest.cursor, hasMore: false, rows: [] })
  })

  async function countAllRows(): Promise<number> {
    const row = await ts.db.one<{ n: unknown }>(`SELECT COUNT(*) AS n FROM records WHERE branch_id = $1`, [branch.branchId])
    return Number(row?.n)
  }

  it('answers reset when the epoch changed or the cursor is ahead of the server', async () => {
    const base = `/api/sync/pull?protocolVersion=${PROTOCOL_VERSION}&limit=10`
    const epochReset = await branch.secretary.get(`${base}&cursor=1&epoch=not-this-server`)
    expect(epochReset.body).toMatchObject({ reset: true, reason: 'epoch_changed' })
    const ahead = await branch.secretary.get(`${base}&cursor=99999999`)
    expect(ahead.body).toMatchObject({ reset: true, reason: 'cursor_ahead' })
    await ts.db.run(`UPDATE branches SET retained_from = 3 WHERE id = $1`, [branch.branchId])
    const old = await branch.secretary.get(`${base}&cursor=2`)
    expect(old.body).toMatchObject({ reset: true, reason: 'cursor_too_old' })
    await ts.db.run(`UPDATE branches SET retained_from = 0 WHERE id = $1`, [branch.branchId])
  })

  it('checks the protocol version', async () => {
    const old = await branch.secretary.post('/api/sync/push', { protocolVersion: 0, clientId: 'abcdefgh12', mutations: [] })
    expect(old.status).toBe(426)
    expect(old.body.error.code).toBe('protocol_too_old')
    const newer = await branch.secretary.get(`/api/sync/pull?protocolVersion=${PROTOCOL_VERSION + 1}&cursor=0`)
    expect(newer.status).toBe(409)
    expect(newer.body.error.code).toBe('protocol_too_new')
  })

  it('limits batch size and body shape', async () => {
    const d = new Device(branch.secretary)
    for (let i = 0; i < 501; i++) d.put('activity', newId(), activityFields())
    const big = await d.push()
    expect(big.status).toBe(400)
    expect(big.body.error.message).toMatch(/500/)
    const junk = await branch.secretary.post('/api/sync/push', '{"protocolVersion": 1, "clientId": ')
    expect(junk.status).toBe(400)
    expect(junk.body.error).toMatchObject({ code: 'invalid_json', message: expect.any(String) })
  })
})
