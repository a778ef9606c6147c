// Every record rule (src/shared/model/rules.ts) holds on the server: a push that breaks one is refused for that
// mutation alone, with a Chinese message naming what is wrong, and changes nothing stored.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addDays, chinaDateOf } from '../../src/shared/dates'
import { PROTOCOL_VERSION } from '../../src/shared/sync/protocol'
import { BACKENDS } from './helpers/backends'
import { Device, activityFields, newId } from './helpers/device'
import { type BranchFixture, setupBranch, startServer, type TestServer } from './helpers/harness'

interface Result { status: string; error?: { code: string; message: string; retry: boolean } }

describe.each(BACKENDS)('record rules on push, on $name', (backend) => {
  let ts: TestServer
  let branch: BranchFixture
  let member1: string
  let member2: string

  beforeAll(async () => {
    ts = await startServer(backend)
    branch = await setupBranch(ts)
    member1 = newId()
    member2 = newId()
  })
  afterAll(async () => ts.close())

  async function stored(id: string) {
    return ts.db.one<{ data: string; version: unknown; created_by: string; author_user_id: string | null; deleted: unknown }>(
      `SELECT data, version, created_by, author_user_id, deleted FROM records WHERE branch_id = $1 AND id = $2`, [branch.branchId, id])
  }

  /** Push one mutation made by `make` on a fresh device of the secretary; answer its result. */
  async function pushOne(make: (d: Device) => void): Promise<Result> {
    const d = new Device(branch.secretary)
    make(d)
    const res = await d.push()
    expect(res.status).toBe(200)
    return res.body.results[0] as Result
  }

  const refused = (message: string | RegExp) => ({ status: 'rejected', error: { code: 'invalid', retry: false, message: expect.stringMatching(message) } })

  function sheet(leave: string[], absent: string[]) {
    return { expected: [member1, member2], leave: leave.map((memberId) => ({ memberId, reason: '出差' })), absent, observers: '' }
  }

  it('refuses inconsistent attendance: 请假/缺席 not among 应到, or a person both', async () => {
    const outsider = newId()
    const notExpected = newId()
    expect(await pushOne((d) => d.put('activity', notExpected, activityFields({ attendance: sheet([], [outsider]) }))))
      .toMatchObject(refused('请假或缺席的人员须在应到名单中'))
    const both = newId()
    expect(await pushOne((d) => d.put('activity', both, activityFields({ attendance: sheet([member1], [member1]) }))))
      .toMatchObject(refused('同一人不能既请假又缺席'))
    expect(await stored(notExpected)).toBeUndefined()
    expect(await stored(both)).toBeUndefined()
    const fine = newId()
    expect(await pushOne((d) => d.put('activity', fine, activityFields({ attendance: sheet([member1], [member2]) })))).toMatchObject({ status: 'applied' })
  })

  it('an edit that makes stored attendance inconsistent is refused and leaves the record as it was', async () => {
    const id = newId()
    const d = new Device(branch.secretary)
    d.put('activity', id, activityFields({ attendance: sheet([member1], []) }))
    await d.push()
    await d.pull()
    const before = await stored(id)
    d.put('activity', id, { topic: '改过的主题', attendance: { expected: [member2], leave: [{ memberId: member1, reason: '' }], absent: [], observers: '' } })
    expect((await d.push()).body.results[0]).toMatchObject(refused('请假或缺席的人员须在应到名单中'))
    expect(await stored(id)).toEqual(before)
  })

  it('in a branch with 党小组, a 党小组会 without its group or with an unknown group is refused', async () => {
    const grouped = await setupBranch(ts)
    const d = new Device(grouped.secretary)
    d.put('settings', grouped.branchId, { branchName: '丁支部', defaultPlace: '', groups: ['第一党小组', '第二党小组'], rules: [] })
    const none = newId()
    const unknown = newId()
    const named = newId()
    d.put('activity', none, activityFields({ types: ['groupMeeting'], topic: '党小组会' }))
    d.put('activity', unknown, activityFields({ types: ['groupMeeting'], topic: '党小组会', partyGroup: '第九党小组' }))
    d.put('activity', named, activityFields({ types: ['groupMeeting'], topic: '党小组会', partyGroup: '第二党小组' }))
    const res = await d.push()
    expect(res.body.results).toMatchObject([
      { status: 'applied' }, refused('请选择党小组'), refused('党小组“第九党小组”不在支部设置的党小组中'), { status: 'applied' }])
    // a branch without groups logs a 党小组会 without one
    expect(await pushOne((x) => x.put('activity', newId(), activityFields({ types: ['groupMeeting'], topic: '党小组会' }))))
      .toMatchObject({ status: 'applied' })
  })

  it('志愿服务 names its members: fewer 参与人次 than named, or a member twice, is refused; older records still apply', async () => {
    const volunteer = (over: Record<string, unknown>) => activityFields({ types: ['volunteer'], topic: '社区服务', volunteer: { participants: 3, hours: 6, beneficiaries: 20, ...over } })
    expect(await pushOne((d) => d.put('activity', newId(), volunteer({})))).toMatchObject({ status: 'applied' })
    const named = newId()
    expect(await pushOne((d) => d.put('activity', named, volunteer({ memberIds: [member1, member2] })))).toMatchObject({ status: 'applied' })
    expect(JSON.parse((await stored(named))!.data)).toMatchObject({ volunteer: { participants: 3, memberIds: [member1, member2] } })
    const tooFew = newId()
    expect(await pushOne((d) => d.put('activity', tooFew, volunteer({ participants: 1, memberIds: [member1, member2] }))))
      .toMatchObject(refused('参与人次不能少于点名的参加党员人数（2人）'))
    expect(await pushOne((d) => d.put('activity', newId(), volunteer({ memberIds: [member1, member1] })))).toMatchObject(refused('参加党员中有重复的人员'))
    expect(await stored(tooFew)).toBeUndefined()
  })

  it('refuses a date more than one year after today’s China date, or before 2000', async () => {
    const today = chinaDateOf()
    expect(await pushOne((d) => d.put('activity', newId(), activityFields({ date: addDays(today, 367) })))).toMatchObject(refused('日期不能晚于一年以后'))
    expect(await pushOne((d) => d.put('activity', newId(), activityFields({ date: '1999-12-31' })))).toMatchObject(refused('日期不能早于2000年'))
    expect(await pushOne((d) => d.put('activity', newId(), activityFields({ date: addDays(today, 300) })))).toMatchObject({ status: 'applied' })
  })

  it('refuses text over its limit, naming the field', async () => {
    expect(await pushOne((d) => d.put('activity', newId(), activityFields({ summary: '字'.repeat(5001) })))).toMatchObject(refused('内容摘要最多5000字，现在5001字'))
    expect(await pushOne((d) => d.put('member', newId(), { name: '名'.repeat(31), role: 'member', group: '', active: true, order: 1 })))
      .toMatchObject(refused('姓名最多30字，现在31字'))
    expect(await pushOne((d) => d.put('activity', newId(), activityFields({ topic: 7 })))).toMatchObject(refused('主题无效'))
  })

  it('refuses a type without the fields it needs (党课 without 讲课信息)', async () => {
    expect(await pushOne((d) => d.put('activity', newId(), activityFields({ types: ['partyLecture'] })))).toMatchObject(refused('党课须填写党课信息'))
  })

  it('ignores the fields only the server sets', async () => {
    const member = await branch.addMember()
    const d = new Device(member.api)
    const id = newId()
    d.put('activity', id, activityFields({ topic: '自己的记录', id: newId(), createdBy: branch.secretaryId, authorUserId: branch.secretaryId,
      deleted: true, version: 999_999, branchId: newId(), serverVersion: 5 }))
    expect((await d.push()).body.results[0]).toMatchObject({ status: 'applied', version: expect.any(Number) })
    const row = await stored(id)
    expect(row).toMatchObject({ created_by: member.userId, author_user_id: member.userId, deleted: expect.anything() })
    expect(Number(row?.deleted)).toBe(0)
    expect(Number(row?.version)).toBeLessThan(999_999)
    const data = JSON.parse(row!.data) as Record<string, unknown>
    for (const key of ['id', 'createdBy', 'authorUserId', 'deleted', 'version', 'branchId', 'serverVersion']) expect(data).not.toHaveProperty(key)
    // and the record reads back as the member's
    const reader = new Device(branch.secretary)
    await reader.pull()
    expect(reader.local.get(`activity:${id}`)?.data).toMatchObject({ id, createdBy: member.userId, deleted: false })
  })

  it('refuses an unknown field for that mutation alone, also one named after an Object.prototype member', async () => {
    const d = new Device(branch.secretary)
    const ids = [newId(), newId(), newId(), newId()]
    d.put('activity', ids[0]!, activityFields())
    d.put('activity', ids[1]!, activityFields({ secretField: 1 }))
    d.put('activity', ids[2]!, activityFields({ constructor: 'x' }))
    d.put('activity', ids[3]!, activityFields())
    const body = JSON.stringify({ protocolVersion: PROTOCOL_VERSION, clientId: d.clientId, mutations: d.outbox })
      // an own "__proto__" key, as JSON.parse makes it
      .replace('"secretField":1', '"__proto__":{"topic":"x"}')
    const res = await branch.secretary.post('/api/sync/push', body)
    expect(res.status).toBe(200)
    expect(res.body.results).toMatchObject([{ status: 'applied' }, refused('未知字段：__proto__'), refused('未知字段：constructor'), { status: 'applied' }])
    expect(await stored(ids[1]!)).toBeUndefined()
    expect(await stored(ids[2]!)).toBeUndefined()
    expect(await stored(ids[3]!)).toBeDefined()
  })

  it('settings are one record per branch, under the branch’s id', async () => {
    expect(await pushOne((d) => d.put('settings', newId(), { branchName: '甲', defaultPlace: '', groups: [], rules: [] })))
      .toMatchObject(refused('支部设置的记录编号无效'))
  })
})
