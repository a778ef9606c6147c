// Who may read and write what: each refusal has the right status and changes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createCommittee } from '../../src/server/services/accounts'
import { PROTOCOL_VERSION } from '../../src/shared/sync/protocol'
import { BACKENDS } from './helpers/backends'
import { Device, activityFields, newId } from './helpers/device'
import { type BranchFixture, setupBranch, startServer, type TestServer, uniqueName } from './helpers/harness'

const pullPath = (extra = '') => `/api/sync/pull?protocolVersion=${PROTOCOL_VERSION}&cursor=0&limit=1000${extra}`

describe.each(BACKENDS)('access control on $name', (backend) => {
  let ts: TestServer
  let a: BranchFixture
  let b: BranchFixture
  const committeeName = uniqueName('党委')

  beforeAll(async () => {
    ts = await startServer(backend)
    a = await setupBranch(ts, committeeName)
    b = await setupBranch(ts)
  })
  afterAll(async () => ts.close())

  async function snapshot(branchId: string): Promise<string> {
    const rows = await ts.db.all(`SELECT entity, id, version, deleted, data FROM records WHERE branch_id = $1 ORDER BY version`, [branchId])
    return JSON.stringify(rows)
  }

  it('refuses requests without a session or with a revoked one', async () => {
    expect((await ts.api.get(pullPath())).status).toBe(401)
    const member = await a.addMember()
    expect((await member.api.post('/api/auth/signout')).status).toBe(204)
    const after = await member.api.get(pullPath())
    expect(after.status).toBe(401)
    expect(after.body.error.code).toBe('session_revoked')
    const forged = await ts.api.withToken('A'.repeat(43)).get('/api/me')
    expect(forged.status).toBe(401)
  })

  it('never shows another branch’s data, and a forged branch id is refused', async () => {
    const d = new Device(b.secretary)
    d.put('activity', newId(), activityFields({ topic: 'B支部的活动' }))
    await d.push()
    const rows = (await a.secretary.get(pullPath())).body.rows as { data: { topic?: string } }[]
    expect(rows.some((r) => r.data.topic === 'B支部的活动')).toBe(false)
    const forged = await a.secretary.get(pullPath(`&branchId=${b.branchId}`))
    expect(forged.status).toBe(403)
  })

  it('a member cannot edit or delete another member’s record, nor touch the roster or settings', async () => {
    const owner = await a.addMember()
    const other = await a.addMember()
    const id = newId()
    const od = new Device(owner.api)
    od.put('activity', id, activityFields({ topic: '我的记录' }))
    await od.push()
    const before = await snapshot(a.branchId)
    const xd = new Device(other.api)
    xd.put('activity', id, { topic: '篡改' })
    xd.del('activity', id)
    xd.put('member', newId(), { name: '王五', role: 'member', group: '', active: true, order: 1 })
    xd.put('settings', newId(), { branchName: 'x', defaultPlace: '', groups: [], rules: [] })
    const res = await xd.push()
    expect(res.status).toBe(200)
    expect(res.body.results.map((r: { status: string; error?: { code: string } }) => [r.status, r.error?.code])).toEqual([
      ['rejected', 'forbidden'], ['rejected', 'forbidden'], ['rejected', 'forbidden'], ['rejected', 'forbidden']])
    expect(await snapshot(a.branchId)).toBe(before)
    // the secretary may edit it
    const sd = new Device(a.secretary)
    sd.put('activity', id, { topic: '书记修改' })
    expect((await sd.push()).body.results[0].status).toBe('applied')
  })

  it('谈心谈话 content is visible only to its author and the secretary', async () => {
    const author = await a.addMember()
    const reader = await a.addMember()
    const id = newId()
    const d = new Device(author.api)
    d.put('activity', id, activityFields({
      types: ['heartTalk'], topic: '谈心：工作压力', summary: '谈话要点：家庭困难',
      talk: { talker: '张书记', target: '李四', pair: 'committeeMember', mode: '当面', personCount: 2 },
    }))
    expect((await d.push()).body.results[0].status).toBe('applied')
    const find = async (api: typeof author.api) =>
      ((await api.get(pullPath())).body.rows as { id: string; redacted: boolean; data: Record<string, any> }[]) // eslint-disable-line @typescript-eslint/no-explicit-any
        .find((r) => r.id === id)
    const own = await find(author.api)
    expect(own?.redacted).toBe(false)
    expect(own?.data.summary).toBe('谈话要点：家庭困难')
    const sec = await find(a.secretary)
    expect(sec?.data.talk.target).toBe('李四')
    const other = await find(reader.api)
    expect(other?.redacted).toBe(true)
    expect(other?.data).toMatchObject({ types: ['heartTalk'], summary: '', talk: { target: '', talker: '', personCount: 2 } })
    expect(JSON.stringify(other)).not.toContain('家庭困难')
    expect(JSON.stringify(other)).not.toContain('工作压力')
  })

  it('a committee account reads its branches only and cannot write', async () => {
    const setup = await createCommittee(ts.db, { name: committeeName, account: '党委账号' })
    const joined = await ts.api.post('/api/auth/join', { code: setup.code, username: uniqueName('c'), password: 'committee-pass' })
    expect(joined.status).toBe(201)
    const committee = ts.api.withToken(joined.body.token)
    expect(joined.body.committee.branches.map((x: { id: string }) => x.id)).toContain(a.branchId)
    expect((await committee.get(pullPath(`&branchId=${a.branchId}`))).status).toBe(200)
    expect((await committee.get(pullPath(`&branchId=${b.branchId}`))).status).toBe(403)
    expect((await committee.get(pullPath())).status).toBe(403)
    const d = new Device(committee)
    d.put('activity', newId(), activityFields())
    expect((await d.push()).status).toBe(403)
  })

  it('a removed member is told to wipe the branch data and cannot sign in', async () => {
    const username = uniqueName('gone')
    const invite = await a.secretary.post('/api/invites', {})
    const joined = await ts.api.post('/api/auth/join', { code: invite.body.code, username, password: 'member-pass-1' })
    const member = ts.api.withToken(joined.body.token)
    const before = await snapshot(a.branchId)
    expect((await member.get('/api/me')).status).toBe(200)
    const removed = await a.secretary.del(`/api/branch/accounts/${joined.body.user.id}`)
    expect(removed.status).toBe(204)
    const pull = await member.get(pullPath())
    expect(pull.status).toBe(403)
    expect(pull.body.error.code).toBe('membership_revoked')
    const d = new Device(member)
    d.put('activity', newId(), activityFields())
    expect((await d.push()).status).toBe(403)
    expect(await snapshot(a.branchId)).toBe(before)
    const signIn = await ts.api.post('/api/auth/signin', { username, password: 'member-pass-1' })
    expect(signIn.status).toBe(403)
  })

  it('only the secretary manages invites and accounts', async () => {
    const member = await a.addMember()
    expect((await member.api.post('/api/invites', {})).status).toBe(403)
    expect((await member.api.get('/api/branch/accounts')).status).toBe(403)
    expect((await member.api.get('/api/audit')).status).toBe(403)
    expect((await member.api.del(`/api/branch/accounts/${a.secretaryId}`)).status).toBe(403)
    // a secretary cannot remove an account of another branch
    expect((await b.secretary.del(`/api/branch/accounts/${member.userId}`)).status).toBe(404)
  })

  it('expired, revoked and used invites are refused and create no account', async () => {
    const count = async () => Number((await ts.db.one<{ n: unknown }>(`SELECT COUNT(*) AS n FROM users`))?.n)
    const users = await count()
    const revoked = await a.secretary.post('/api/invites', {})
    expect((await a.secretary.del(`/api/invites/${revoked.body.id}`)).status).toBe(204)
    const r1 = await ts.api.post('/api/auth/join', { code: revoked.body.code, username: uniqueName('x'), password: 'member-pass-1' })
    expect([r1.status, r1.body.error.code]).toEqual([410, 'invite_revoked'])
    const expired = await a.secretary.post('/api/invites', { expiresInHours: 1 })
    await ts.db.run(`UPDATE invites SET expires_at = $1 WHERE id = $2`, [Date.now() - 1000, expired.body.id])
    const r2 = await ts.api.post('/api/auth/join', { code: expired.body.code, username: uniqueName('x'), password: 'member-pass-1' })
    expect([r2.status, r2.body.error.code]).toEqual([410, 'invite_expired'])
    const once = await a.secretary.post('/api/invites', { maxUses: 1 })
    expect((await ts.api.post('/api/auth/join', { code: once.body.code, username: uniqueName('x'), password: 'member-pass-1' })).status).toBe(201)
    const r3 = await ts.api.post('/api/auth/join', { code: once.body.code, username: uniqueName('x'), password: 'member-pass-1' })
    expect([r3.status, r3.body.error.code]).toEqual([410, 'invite_used'])
    expect(await count()).toBe(users + 1)
    const unknown = await ts.api.post('/api/auth/join', { code: 'NOSUCHCODE', username: uniqueName('x'), password: 'member-pass-1' })
    expect(unknown.status).toBe(404)
  })

  it('rate-limits failed sign-ins per account, across the shared database', async () => {
    const member = await a.addMember()
    const username = member.session.user.username as string
    for (let i = 0; i < 5; i++) {
      expect((await ts.api.post('/api/auth/signin', { username, password: 'wrong-password' })).status).toBe(401)
    }
    const limited = await ts.api.post('/api/auth/signin', { username, password: 'member-pass-1' })
    expect(limited.status).toBe(429)
    expect(limited.body.error.message).toMatch(/[\u4e00-\u9fa5]/)
    const other = await a.addMember()
    const ok = await ts.api.post('/api/auth/signin', { username: other.session.user.username, password: 'member-pass-1' })
    expect(ok.status).toBe(200)
    expect(ok.body.token).toBeTruthy()
  })
  it('joining ties the account to a roster entry once; the invite shows a QR code', async () => {
    const rosterId = newId()
    const sd = new Device(a.secretary)
    sd.put('member', rosterId, { name: '赵六', role: 'member', group: '', active: true, order: 3 })
    expect((await sd.push()).body.results[0].status).toBe('applied')
    const invite = await a.secretary.post('/api/invites', { maxUses: 5 })
    expect(invite.body.qrSvg).toMatch(/^<svg/)
    expect(invite.body.link).toBe(`/join?code=${invite.body.code}`)
    const preview = await ts.api.get(`/api/invites/preview?code=${invite.body.code}`)
    expect(preview.body.roster).toContainEqual({ id: rosterId, name: '赵六' })
    const noPick = await ts.api.post('/api/auth/join', { code: invite.body.code, username: uniqueName('z'), password: 'member-pass-1' })
    expect(noPick.body.error.code).toBe('roster_entry_required')
    // choosing oneself from the roster waits for the secretary's confirmation before the account is tied
    const joined = await ts.api.post('/api/auth/join', { code: invite.body.code, username: uniqueName('z'), password: 'member-pass-1', memberId: rosterId })
    expect(joined.status).toBe(201)
    expect(joined.body.user).toMatchObject({ memberId: null, pendingMemberId: rosterId, displayName: '赵六', role: 'member' })
    const impostor = await ts.api.post('/api/auth/join', { code: invite.body.code, username: uniqueName('z'), password: 'member-pass-1', memberId: rosterId })
    expect(impostor.body.user).toMatchObject({ memberId: null, pendingMemberId: rosterId })
    const member = ts.api.withToken(joined.body.token)
    expect((await member.post(`/api/branch/accounts/${joined.body.user.id}/confirm-member`, { accept: true })).status).toBe(403)
    const pending = (await a.secretary.get('/api/branch/accounts')).body.accounts
      .filter((x: { pendingMemberId: string | null }) => x.pendingMemberId === rosterId)
    expect(pending).toHaveLength(2)
    expect((await a.secretary.post(`/api/branch/accounts/${impostor.body.user.id}/confirm-member`, { accept: false })).status).toBe(204)
    expect((await a.secretary.post(`/api/branch/accounts/${joined.body.user.id}/confirm-member`, { accept: true })).status).toBe(204)
    expect((await member.get('/api/me')).body.user).toMatchObject({ memberId: rosterId, pendingMemberId: null })
    expect((await ts.api.withToken(impostor.body.token).get('/api/me')).body.user).toMatchObject({ memberId: null, pendingMemberId: null })
    // the person is taken now: nobody else can be confirmed as them
    const again = await ts.api.post('/api/auth/join', { code: invite.body.code, username: uniqueName('z'), password: 'member-pass-1', memberId: rosterId })
    expect([again.status, again.body.error.code]).toEqual([409, 'roster_entry_taken'])
    // an invite made for a roster entry ties the account at once, and only to that person
    const qianId = newId()
    sd.put('member', qianId, { name: '孙八', role: 'member', group: '', active: true, order: 5 })
    await sd.push()
    const forQian = await a.secretary.post('/api/invites', { memberId: qianId })
    const forPreview = await ts.api.get(`/api/invites/preview?code=${forQian.body.code}`)
    expect(forPreview.body).toMatchObject({ forMember: { id: qianId, name: '孙八' }, roster: [{ id: qianId, name: '孙八' }] })
    const wrongPick = await ts.api.post('/api/auth/join', { code: forQian.body.code, username: uniqueName('q'), password: 'member-pass-1', memberId: rosterId })
    expect(wrongPick.body.error.code).toBe('invite_for_other_member')
    const qian = await ts.api.post('/api/auth/join', { code: forQian.body.code, username: uniqueName('q'), password: 'member-pass-1' })
    expect(qian.body.user).toMatchObject({ memberId: qianId, displayName: '孙八' })
    // a linked member cannot re-point the account to another (unclaimed) person of the roster
    const otherId = newId()
    sd.put('member', otherId, { name: '钱七', role: 'member', group: '', active: true, order: 4 })
    await sd.push()
    const repoint = await ts.api.withToken(joined.body.token).post('/api/me/member', { memberId: otherId })
    expect([repoint.status, repoint.body.error?.code]).toEqual([409, 'already_linked'])
    // createdBy of the member's records is the roster id
    const md = new Device(ts.api.withToken(joined.body.token))
    const id = newId()
    md.put('activity', id, activityFields())
    await md.push()
    const rows = (await a.secretary.get(pullPath())).body.rows as { id: string; data: { createdBy: string } }[]
    expect(rows.find((r) => r.id === id)?.data.createdBy).toBe(rosterId)
  })
})
