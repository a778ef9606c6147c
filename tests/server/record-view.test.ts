// Each record is stored with its view as a pull sends it (services/records.ts `storedView`, migration 9), and pull
// pages are put together from those stored views (services/pull.ts). What a view holds is pinned under its format
// number; a stored view of another format, or none, is made again from the record, so an answer never depends on
// whether the row was written before or after a change to the view.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PROTOCOL_VERSION, type SyncRow } from '../../src/shared/sync/protocol'
import { recordView, type RecordViewRow, VIEW_FORMAT } from '../../src/server/services/records'
import { PullPageCache } from '../../src/server/services/pull-page-cache'
import { BACKENDS } from './helpers/backends'
import { Device, activityFields, newId } from './helpers/device'
import { type Api, type BranchFixture, setupBranch, startServer, type TestServer } from './helpers/harness'

const AT = Date.UTC(2025, 5, 8, 2)

function row(over: Partial<RecordViewRow>): RecordViewRow {
  return {
    entity: 'activity', id: 'a1', version: 3, deleted: 0, data: '{}', created_by: '张书记', author_user_id: 'u1',
    heart_talk: 0, created_at: AT, updated_at: AT + 60_000, ...over,
  }
}

describe('the record view', () => {
  it(`is pinned under format ${VIEW_FORMAT}: a change to what recordView makes must raise VIEW_FORMAT`, () => {
    const views = [
      // an activity without its own times or 补录 mark: the server's fill them in
      row({ data: JSON.stringify({ topic: '主题党日', date: '2025-06-08' }) }),
      // its own times and marks stay; id, deleted and createdBy are the server's
      row({ data: JSON.stringify({ topic: '补录', createdAt: '2025-01-01T00:00:00.000Z', backfilled: true, id: 'x', createdBy: '某人' }) }),
      row({ deleted: 1, data: JSON.stringify({ topic: '已删' }) }),
      row({ entity: 'member', id: 'm1', data: JSON.stringify({ name: '王芳', order: 1 }) }),
      row({ entity: 'settings', id: 'b1', data: JSON.stringify({ groups: ['第一党小组'] }) }),
    ].map(recordView)
    expect({ format: VIEW_FORMAT, views }).toEqual({
      format: 1,
      views: [
        { topic: '主题党日', date: '2025-06-08', id: 'a1', createdAt: '2025-06-08T02:00:00.000Z', updatedAt: '2025-06-08T02:01:00.000Z',
          deleted: false, createdBy: '张书记', backfilled: false },
        { topic: '补录', createdAt: '2025-01-01T00:00:00.000Z', backfilled: true, id: 'a1', createdBy: '张书记',
          updatedAt: '2025-06-08T02:01:00.000Z', deleted: false },
        { id: 'a1', deleted: true },
        { name: '王芳', order: 1, id: 'm1', createdAt: '2025-06-08T02:00:00.000Z', updatedAt: '2025-06-08T02:01:00.000Z', deleted: false },
        { groups: ['第一党小组'], id: 'b1' },
      ],
    })
  })
})

describe.each(BACKENDS)('stored views on $name', (backend) => {
  let ts: TestServer
  let branch: BranchFixture
  const ids = [newId(), newId(), newId()]

  async function pullAll(api: Api): Promise<Map<string, SyncRow>> {
    const res = await api.get(`/api/sync/pull?protocolVersion=${PROTOCOL_VERSION}&cursor=0&limit=100`)
    expect(res.status).toBe(200)
    return new Map((res.body.rows as SyncRow[]).map((r) => [r.id, r]))
  }

  beforeAll(async () => {
    // the rows are edited behind the server's back here: no page kept from before may answer for them
    ts = await startServer(backend, { pullPageCache: new PullPageCache(0) })
    branch = await setupBranch(ts)
    const d = new Device(branch.secretary)
    d.put('activity', ids[0]!, activityFields({ topic: '第一次' }))
    d.put('activity', ids[1]!, activityFields({ topic: '第二次' }))
    d.put('activity', ids[2]!, activityFields({ topic: '要删的' }))
    expect((await d.push()).status).toBe(200)
    await d.pull()
    d.put('activity', ids[0]!, { topic: '第一次（改）' })
    d.del('activity', ids[2]!)
    expect((await d.push()).status).toBe(200)
  })
  afterAll(async () => { await ts?.close() })

  it('are written with every record, as the pull sends them, and a pull sends what is stored', async () => {
    const sent = await pullAll(branch.secretary)
    const stored = await ts.db.all<{ id: string; view_json: string; view_format: unknown }>(
      `SELECT id, view_json, view_format FROM records WHERE branch_id = $1 AND entity = 'activity'`, [branch.branchId])
    expect(stored).toHaveLength(3)
    for (const s of stored) {
      expect(Number(s.view_format)).toBe(VIEW_FORMAT)
      expect(JSON.parse(s.view_json)).toEqual(sent.get(s.id)!.data)
    }
    expect(sent.get(ids[0]!)!.data.topic).toBe('第一次（改）')
    expect(sent.get(ids[2]!)).toMatchObject({ deleted: true, data: { id: ids[2], deleted: true } })

    // a stored view is sent as it is
    const marked = { ...sent.get(ids[1]!)!.data, topic: '库里存的样子' }
    await ts.db.run(`UPDATE records SET view_json = $1 WHERE branch_id = $2 AND id = $3`, [JSON.stringify(marked), branch.branchId, ids[1]!])
    expect((await pullAll(branch.secretary)).get(ids[1]!)!.data.topic).toBe('库里存的样子')
  })

  it('of another format, made for another version of the row, or none, are made again from the record', async () => {
    await ts.db.run(`UPDATE records SET view_format = $1 WHERE branch_id = $2 AND id = $3`, [VIEW_FORMAT + 1, branch.branchId, ids[1]!])
    await ts.db.run(`UPDATE records SET view_json = NULL, view_format = NULL WHERE branch_id = $1 AND id = $2`, [branch.branchId, ids[2]!])
    // a server from before migration 9 edits a record (during a staggered upgrade): its stored view is of the old row
    const head = Number((await ts.db.one<{ version: unknown }>(`SELECT version FROM branches WHERE id = $1`, [branch.branchId]))!.version)
    const current = await ts.db.one<{ data: string }>(`SELECT data FROM records WHERE branch_id = $1 AND id = $2`, [branch.branchId, ids[0]!])
    await ts.db.run(`UPDATE records SET data = $1, version = $2 WHERE branch_id = $3 AND id = $4`,
      [JSON.stringify({ ...JSON.parse(current!.data), topic: '旧版服务器改的' }), head + 1, branch.branchId, ids[0]!])
    await ts.db.run(`UPDATE branches SET version = $1 WHERE id = $2`, [head + 1, branch.branchId])
    const sent = await pullAll(branch.secretary)
    expect(sent.get(ids[1]!)!.data.topic).toBe('第二次')
    expect(sent.get(ids[0]!)).toMatchObject({ version: head + 1, data: { topic: '旧版服务器改的' } })
    expect(sent.get(ids[2]!)).toMatchObject({ deleted: true, data: { id: ids[2], deleted: true } })
    expect([...sent.values()].every((r) => r.redacted === false)).toBe(true)
  })
})
