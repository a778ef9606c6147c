// 回收站 on the server (and 备注 for same-name members): a 'restore' brings a deleted record back under its own id with its author kept, allowed to
// whoever may delete it (src/shared/permissions.ts); other devices pull it as a live record again.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PERMISSION_MESSAGES } from '../../src/shared/permissions'
import { BACKENDS } from './helpers/backends'
import { Device, activityFields, newId } from './helpers/device'
import { type BranchFixture, setupBranch, startServer, type TestServer, uniqueName } from './helpers/harness'

type Api = BranchFixture['secretary']

describe.each(BACKENDS)('restore after delete, on $name', (backend) => {
  let ts: TestServer
  let branch: BranchFixture

  beforeAll(async () => {
    ts = await startServer(backend)
    branch = await setupBranch(ts)
  })
  afterAll(async () => ts.close())

  async function stored(id: string) {
    const row = await ts.db.one<{ data: string; deleted: unknown; created_by: string; author_user_id: string | null }>(
      `SELECT data, deleted, created_by, author_user_id FROM records WHERE branch_id = $1 AND id = $2`, [branch.branchId, id])
    if (!row) return undefined
    return { deleted: Number(row.deleted) === 1, topic: (JSON.parse(row.data) as { topic?: string }).topic,
      createdBy: row.created_by, authorUserId: row.author_user_id }
  }

  async function joinMember() {
    const rosterId = newId()
    const sd = new Device(branch.secretary)
    sd.put('member', rosterId, { name: uniqueName('党员'), role: 'member', group: '', active: true, order: 1 })
    expect((await sd.push()).body.results[0].status).toBe('applied')
    return { ...(await branch.addMember(rosterId)), rosterId }
  }

  /** An activity entered by `api` and then deleted by `deleter`, both synced. */
  async function deletedRecord(api: Api, deleter: Api, topic: string) {
    const id = newId()
    const fields = activityFields({ topic })
    const d = new Device(api)
    d.put('activity', id, fields)
    expect((await d.push()).body.results[0].status).toBe('applied')
    const dd = new Device(deleter)
    await dd.pull()
    dd.del('activity', id)
    expect((await dd.push()).body.results[0].status).toBe('applied')
    expect((await stored(id))?.deleted).toBe(true)
    return { id, fields }
  }

  it('the author restores their deleted record: same id, same author, and other devices pull it live again', async () => {
    const member = await joinMember()
    const watcher = new Device(branch.secretary)
    const { id, fields } = await deletedRecord(member.api, member.api, '删了又恢复的')
    await watcher.pull()
    expect(watcher.local.get(`activity:${id}`)?.deleted).toBe(true)
    const d = new Device(member.api)
    await d.pull()
    d.restore('activity', id, { ...fields, deleted: false })
    const res = await d.push()
    expect(res.body.results[0]).toMatchObject({ status: 'applied' })
    expect(await stored(id)).toEqual({ deleted: false, topic: '删了又恢复的', createdBy: member.rosterId, authorUserId: member.userId })
    await watcher.pull()
    expect(watcher.local.get(`activity:${id}`)).toMatchObject({ deleted: false, data: { topic: '删了又恢复的' } })
    // the secretary's audit trail names the restore after the delete
    const audit = await branch.secretary.get('/api/audit?limit=500')
    expect((audit.body.entries as { recordId: string; kind: string; userId: string }[])
      .filter((e) => e.recordId === id).map((e) => [e.kind, e.userId])).toEqual([['delete', member.userId], ['restore', member.userId]])
    // and its author may still edit it
    d.put('activity', id, { topic: '恢复后改的' })
    expect((await d.push()).body.results[0].status).toBe('applied')
    expect((await stored(id))?.topic).toBe('恢复后改的')
  })

  it('the secretary restores a member’s record: the member stays its author', async () => {
    const member = await joinMember()
    const { id, fields } = await deletedRecord(member.api, branch.secretary, '书记恢复的')
    const d = new Device(branch.secretary)
    await d.pull()
    d.restore('activity', id, fields)
    expect((await d.push()).body.results[0].status).toBe('applied')
    expect(await stored(id)).toMatchObject({ deleted: false, topic: '书记恢复的', createdBy: member.rosterId, authorUserId: member.userId })
  })

  it('another member may not restore it; a plain edit does not bring it back either', async () => {
    const owner = await joinMember()
    const other = await joinMember()
    const { id, fields } = await deletedRecord(owner.api, owner.api, '别人不能恢复的')
    const d = new Device(other.api)
    await d.pull()
    d.restore('activity', id, fields)
    const refused = await d.push()
    expect(refused.body.results[0]).toMatchObject({ status: 'rejected',
      error: { code: 'forbidden', message: PERMISSION_MESSAGES.activityAuthorOrSecretary, retry: false } })
    const od = new Device(owner.api)
    await od.pull()
    od.put('activity', id, fields)
    expect((await od.push()).body.results[0]).toMatchObject({ status: 'rejected', error: { code: 'record_deleted' } })
    expect((await stored(id))?.deleted).toBe(true)
  })

  it('a restore must carry the whole record: one without its topic is refused with a Chinese message naming it', async () => {
    const { id, fields } = await deletedRecord(branch.secretary, branch.secretary, '缺主题的恢复')
    const d = new Device(branch.secretary)
    await d.pull()
    const { topic: _t, ...withoutTopic } = fields
    d.restore('activity', id, withoutTopic)
    const res = await d.push()
    expect(res.body.results[0]).toMatchObject({ status: 'rejected', error: { code: 'invalid' } })
    expect(res.body.results[0].error.message).toContain('主题')
    expect((await stored(id))?.deleted).toBe(true)
  })

  it('two members called 王芳 are told apart by 备注 in the invite’s roster list', async () => {
    const first = newId()
    const second = newId()
    const sd = new Device(branch.secretary)
    sd.put('member', first, { name: '王芳', role: 'member', group: '', active: true, order: 50 })
    sd.put('member', second, { name: '王芳', note: '第二党小组', role: 'member', group: '', active: true, order: 51 })
    expect((await sd.push()).body.results.map((r: { status: string }) => r.status)).toEqual(['applied', 'applied'])
    const invite = await branch.secretary.post('/api/invites', {})
    const preview = await ts.api.get(`/api/invites/preview?code=${invite.body.code}`)
    expect(preview.body.roster).toContainEqual({ id: first, name: '王芳' })
    expect(preview.body.roster).toContainEqual({ id: second, name: '王芳（第二党小组）' })
  })
})
