// Conflicts that are real: an edit is logged as stale_edit only when it is based on a version older than a write
// by ANOTHER device; a device's own successive edits (all based on the version it last pulled) are not conflicts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { BACKENDS } from './helpers/backends'
import { Device, activityFields, newId } from './helpers/device'
import { type BranchFixture, setupBranch, startServer, type TestServer } from './helpers/harness'

interface Entry { kind: string; recordId: string; clientId: string; baseVersion: number | null; detail: { fields?: string[]; previous?: Record<string, unknown> } }

describe.each(BACKENDS)('stale edits on $name', (backend) => {
  let ts: TestServer
  let branch: BranchFixture

  beforeAll(async () => {
    ts = await startServer(backend)
    branch = await setupBranch(ts)
  })
  afterAll(async () => ts.close())

  async function staleEntries(recordId: string): Promise<Entry[]> {
    const res = await branch.secretary.get('/api/audit?limit=500')
    expect(res.status).toBe(200)
    return (res.body.entries as Entry[]).filter((e) => e.recordId === recordId && e.kind === 'stale_edit')
  }

  /** A synced record, and a device of `api` that has pulled it. */
  async function synced(api = branch.secretary): Promise<{ id: string; device: Device }> {
    const id = newId()
    const creator = new Device(branch.secretary)
    creator.put('activity', id, activityFields({ topic: '原主题', place: '原地点' }))
    await creator.push()
    const device = new Device(api)
    await device.pull()
    return { id, device }
  }

  it('two edits of a synced record on one phone before it syncs are no conflict', async () => {
    const { id, device } = await synced()
    device.put('activity', id, { topic: '第一次修改' })
    device.put('activity', id, { topic: '第二次修改', summary: '补充' })
    expect(device.outbox.map((m) => m.baseVersion)).toEqual([device.seen.get(`activity:${id}`), device.seen.get(`activity:${id}`)])
    const res = await device.push()
    expect(res.body.results.map((r: { status: string }) => r.status)).toEqual(['applied', 'applied'])
    expect(await staleEntries(id)).toEqual([])
  })

  it('own successive edits pushed one by one without pulling are no conflict either', async () => {
    const member = await branch.addMember()
    const { id, device } = await synced(member.api)
    // the member's own record, so the member may edit it
    const own = newId()
    const d = new Device(member.api)
    d.put('activity', own, activityFields({ topic: '我的记录' }))
    await d.push()
    await device.pull()
    for (const topic of ['一改', '二改', '三改']) {
      device.put('activity', own, { topic })
      expect((await device.push()).body.results[0].status).toBe('applied')
    }
    expect(await staleEntries(own)).toEqual([])
    expect(id).toBeTruthy()
  })

  it('an edit based on a version older than another device’s write is logged once, naming the fields it overwrote', async () => {
    const { id, device: mine } = await synced()
    const other = new Device(branch.secretary)
    await other.pull()
    other.put('activity', id, { topic: '另一台设备的主题', summary: '另一台设备的摘要' })
    await other.push()
    mine.put('activity', id, { topic: '我的主题', place: '我的地点' })
    mine.put('activity', id, { place: '我又改了地点' })
    expect((await mine.push()).body.results.map((r: { status: string }) => r.status)).toEqual(['applied', 'applied'])
    const entries = await staleEntries(id)
    expect(entries).toHaveLength(1)
    expect(entries[0]).toMatchObject({ clientId: mine.clientId, detail: { fields: ['topic'], previous: { topic: '另一台设备的主题' } } })
    // last arrival wins per field; the other device's summary stays
    const reader = new Device(branch.secretary)
    await reader.pull()
    expect(reader.local.get(`activity:${id}`)?.data).toMatchObject({ topic: '我的主题', place: '我又改了地点', summary: '另一台设备的摘要' })
  })

  it('an edit that merges with another device’s write of other fields is logged, overwriting nothing', async () => {
    const { id, device: mine } = await synced()
    const other = new Device(branch.secretary)
    await other.pull()
    other.put('activity', id, { summary: '另一台设备的摘要' })
    await other.push()
    mine.put('activity', id, { place: '我的地点' })
    await mine.push()
    expect((await staleEntries(id)).map((e) => e.detail.fields)).toEqual([[]])
  })

  it('the same account on two phones: the other phone’s write is still another device’s', async () => {
    const { id, device: phoneA } = await synced()
    const phoneB = new Device(branch.secretary)
    await phoneB.pull()
    phoneB.put('activity', id, { topic: '手机B' })
    await phoneB.push()
    phoneA.put('activity', id, { topic: '手机A' })
    await phoneA.push()
    expect((await staleEntries(id)).map((e) => e.detail.fields)).toEqual([['topic']])
  })

  it('field versions stored before devices were recorded (bare numbers) count as another device’s writes', async () => {
    const { id, device } = await synced()
    const row = await ts.db.one<{ version: unknown }>(`SELECT version FROM records WHERE id = $1`, [id])
    const version = Number(row?.version)
    // as the server wrote field versions before they named the device, with a later write of topic
    await ts.db.run(`UPDATE records SET field_versions = $1 WHERE id = $2`, [JSON.stringify({ topic: version, place: version - 1 }), id])
    device.seen.set(`activity:${id}`, version - 1)
    device.put('activity', id, { topic: '基于旧版本', place: '也改地点' })
    expect((await device.push()).body.results[0].status).toBe('applied')
    expect((await staleEntries(id)).map((e) => e.detail.fields)).toEqual([['topic']])
    // and the write is stored in the new form, naming this device
    const after = await ts.db.one<{ field_versions: string }>(`SELECT field_versions FROM records WHERE id = $1`, [id])
    expect(JSON.parse(after!.field_versions)).toMatchObject({ topic: { clientId: device.clientId }, place: { clientId: device.clientId } })
  })
})
