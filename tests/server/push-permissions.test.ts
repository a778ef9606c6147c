// Who may change what, on the server: push asks mayChange (src/shared/permissions.ts) with the author the stored
// row names. A refusal is answered for that mutation (code forbidden, retry false) and changes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createCommittee } from '../../src/server/services/accounts'
import { PERMISSION_MESSAGES } from '../../src/shared/permissions'
import { BACKENDS } from './helpers/backends'
import { Device, activityFields, newId } from './helpers/device'
import { type BranchFixture, setupBranch, startServer, type TestServer, uniqueName } from './helpers/harness'

type Api = BranchFixture['secretary']

describe.each(BACKENDS)('permissions on push, on $name', (backend) => {
  let ts: TestServer
  let branch: BranchFixture
  const committeeName = uniqueName('党委')

  beforeAll(async () => {
    ts = await startServer(backend)
    branch = await setupBranch(ts, committeeName)
  })
  afterAll(async () => ts.close())

  async function snapshot(): Promise<string> {
    return JSON.stringify(await ts.db.all(
      `SELECT entity, id, version, deleted, data FROM records WHERE branch_id = $1 ORDER BY version`, [branch.branchId]))
  }

  async function topicOf(id: string): Promise<unknown> {
    const row = await ts.db.one<{ data: string; deleted: unknown }>(`SELECT data, deleted FROM records WHERE id = $1`, [id])
    if (!row) return undefined
    return Number(row.deleted) === 1 ? 'deleted' : (JSON.parse(row.data) as { topic: string }).topic
  }

  /** A member account tied to a new roster entry (once the roster has entries, joining picks one). */
  async function joinMember() {
    const rosterId = newId()
    const sd = new Device(branch.secretary)
    sd.put('member', rosterId, { name: uniqueName('党员'), role: 'member', group: '', active: true, order: 1 })
    expect((await sd.push()).body.results[0].status).toBe('applied')
    return { ...(await branch.addMember(rosterId)), rosterId }
  }

  /** An activity entered by `api`'s account, synced. */
  async function recordOf(api: Api, topic: string): Promise<string> {
    const id = newId()
    const d = new Device(api)
    d.put('activity', id, activityFields({ topic }))
    expect((await d.push()).body.results[0].status).toBe('applied')
    return id
  }

  /** A device of `api` that has pulled the branch (so its changes carry the versions it saw). */
  async function deviceOf(api: Api): Promise<Device> {
    const d = new Device(api)
    await d.pull()
    return d
  }

  const forbidden = (message: string) => ({ status: 'rejected', error: { code: 'forbidden', message, retry: false } })

  it('a member editing or deleting another’s activity is refused, and nothing changes', async () => {
    const owner = await joinMember()
    const other = await joinMember()
    const id = await recordOf(owner.api, '张三的记录')
    const before = await snapshot()
    const d = await deviceOf(other.api)
    d.put('activity', id, { topic: '篡改' })
    d.del('activity', id)
    const res = await d.push()
    expect(res.status).toBe(200)
    expect(res.body.results).toMatchObject([
      forbidden(PERMISSION_MESSAGES.activityAuthorOrSecretary), forbidden(PERMISSION_MESSAGES.activityAuthorOrSecretary)])
    expect(await snapshot()).toBe(before)
  })

  it('a member also may not edit another’s 谈心谈话 they only see redacted', async () => {
    const owner = await joinMember()
    const other = await joinMember()
    const id = newId()
    const od = new Device(owner.api)
    od.put('activity', id, activityFields({ types: ['heartTalk'], topic: '谈心',
      talk: { talker: '王五', target: '赵六', pair: 'memberMember', mode: '当面', personCount: 1 } }))
    await od.push()
    const before = await snapshot()
    const d = await deviceOf(other.api)
    d.put('activity', id, { summary: '改写' })
    expect((await d.push()).body.results[0]).toMatchObject(forbidden(PERMISSION_MESSAGES.activityAuthorOrSecretary))
    expect(await snapshot()).toBe(before)
  })

  it('a member edits and deletes their own activity', async () => {
    const owner = await joinMember()
    const id = await recordOf(owner.api, '原主题')
    const d = await deviceOf(owner.api)
    d.put('activity', id, { topic: '自己改的' })
    expect((await d.push()).body.results[0].status).toBe('applied')
    expect(await topicOf(id)).toBe('自己改的')
    d.del('activity', id)
    expect((await d.push()).body.results[0].status).toBe('applied')
    expect(await topicOf(id)).toBe('deleted')
  })

  it('a member tied to a roster entry owns the records entered under it (createdBy is the roster id)', async () => {
    const linked = await joinMember()
    const id = await recordOf(linked.api, '名册成员的记录')
    const row = await ts.db.one<{ created_by: string }>(`SELECT created_by FROM records WHERE id = $1`, [id])
    expect(row?.created_by).toBe(linked.rosterId)
    const d = await deviceOf(linked.api)
    d.put('activity', id, { topic: '名册成员改的' })
    expect((await d.push()).body.results[0].status).toBe('applied')
  })

  it('a member changing the roster or the settings is refused', async () => {
    const member = await joinMember()
    const rosterId = member.rosterId
    const before = await snapshot()
    const d = await deviceOf(member.api)
    d.put('member', newId(), { name: '新人', role: 'member', group: '', active: true, order: 3 })
    d.put('member', rosterId, { name: '改名' })
    d.del('member', rosterId)
    d.put('settings', branch.branchId, { branchName: '改名支部', defaultPlace: '', groups: [], rules: [] })
    const res = await d.push()
    expect(res.body.results).toMatchObject([
      forbidden(PERMISSION_MESSAGES.rosterSecretaryOnly), forbidden(PERMISSION_MESSAGES.rosterSecretaryOnly),
      forbidden(PERMISSION_MESSAGES.rosterSecretaryOnly), forbidden(PERMISSION_MESSAGES.settingsSecretaryOnly)])
    expect(await snapshot()).toBe(before)
  })

  it('the secretary edits and deletes anyone’s activity, and changes roster and settings', async () => {
    const owner = await joinMember()
    const edited = await recordOf(owner.api, '党员的记录')
    const removed = await recordOf(owner.api, '要删除的记录')
    const d = await deviceOf(branch.secretary)
    d.put('activity', edited, { topic: '书记改的' })
    d.del('activity', removed)
    d.put('member', newId(), { name: uniqueName('吴'), role: 'member', group: '', active: true, order: 5 })
    d.put('settings', branch.branchId, { branchName: '甲支部', defaultPlace: '党员活动室', groups: [], rules: [] })
    const res = await d.push()
    expect(res.body.results.map((r: { status: string }) => r.status)).toEqual(['applied', 'applied', 'applied', 'applied'])
    expect(await topicOf(edited)).toBe('书记改的')
    expect(await topicOf(removed)).toBe('deleted')
  })

  it('a committee account’s push is refused and stores nothing', async () => {
    const setup = await createCommittee(ts.db, { name: committeeName, account: '党委账号' })
    const joined = await ts.api.post('/api/auth/join', { code: setup.code, username: uniqueName('c'), password: 'committee-pass' })
    expect(joined.status).toBe(201)
    const committee = ts.api.withToken(joined.body.token)
    const before = await snapshot()
    const d = new Device(committee)
    d.put('activity', newId(), activityFields())
    const res = await d.push()
    expect(res.status).toBe(403)
    expect(res.body.error).toMatchObject({ code: 'forbidden', message: PERMISSION_MESSAGES.committeeReadOnly })
    expect(await snapshot()).toBe(before)
  })
})
