// The real server's answers, route by route, are what the shared response schemas describe: the schemas the
// client checks every answer with (src/shared/api/index.ts) accept what the server really sends.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { API, type RouteName } from '../../src/shared/api'
import { PROTOCOL_VERSION } from '../../src/shared/sync/protocol'
import { createCommittee } from '../../src/server/services/accounts'
import { BACKENDS } from './helpers/backends'
import { Device, activityFields, newId } from './helpers/device'
import { type Reply, setupBranch, startServer, type TestServer, uniqueName } from './helpers/harness'

describe.each(BACKENDS)('answers match the contract on $name', (backend) => {
  let ts: TestServer
  const answers = new Map<RouteName, Reply>()

  beforeAll(async () => {
    ts = await startServer(backend)
    const committeeName = uniqueName('党委')
    const branch = await setupBranch(ts, committeeName)
    const year = Number(new Date().toISOString().slice(0, 4))
    const sec = branch.secretary
    const record = newId()
    const rosterId = newId()
    const invite = await sec.post('/api/invites', { maxUses: 2 })
    answers.set('createInvite', invite)
    answers.set('invitePreview', await ts.api.get(`/api/invites/preview?code=${invite.body.code}`))
    const joined = await ts.api.post('/api/auth/join', { code: invite.body.code, username: uniqueName('m'), password: 'member-pass-1' })
    answers.set('join', joined)
    const member = ts.api.withToken(joined.body.token)
    const d = new Device(sec)
    d.put('member', rosterId, { name: '赵六', role: 'member', group: '', active: true, order: 1 })
    d.put('activity', record, activityFields({ types: ['heartTalk'], topic: '谈心', talk: { talker: '张书记', target: '赵六', pair: 'committeeMember', mode: '当面', personCount: 2 } }))
    d.put('activity', newId(), activityFields({ types: ['heartTalk'], topic: '另一次谈心', talk: { talker: '张书记', target: '李四', pair: 'committeeMember', mode: '当面', personCount: 2 } }))
    answers.set('push', await d.push())
    expect(answers.get('push')!.body.results.map((r: { status: string }) => r.status)).toEqual(['applied', 'applied', 'applied'])
    d.del('activity', record)
    await d.push()
    answers.set('claimMember', await member.post('/api/me/member', { memberId: rosterId }))
    answers.set('signIn', await ts.api.post('/api/auth/signin', { username: joined.body.user.username, password: 'member-pass-1' }))
    // the member reads the secretary's other 谈心谈话 redacted, and the deleted one as a tombstone
    answers.set('pull', await member.get(`/api/sync/pull?protocolVersion=${PROTOCOL_VERSION}&cursor=0`))

    answers.set('health', await ts.api.get('/api/health'))
    answers.set('me', await sec.get('/api/me'))
    answers.set('listInvites', await sec.get('/api/invites'))
    answers.set('branchAccounts', await sec.get('/api/branch/accounts'))
    answers.set('audit', await sec.get('/api/audit'))
    const photoId = newId()
    const photoRecord = newId()
    d.put('activity', photoRecord, activityFields({ photoIds: [photoId] }))
    await d.push()
    answers.set('putPhoto', await sec.request('PUT', `/api/photos/${photoId}?recordId=${photoRecord}`, new Uint8Array([0xff, 0xd8, 0xff, 1, 2, 3]), { 'Content-Type': 'image/jpeg' }))
    answers.set('report', await sec.get(`/api/report?year=${year}`))
    answers.set('resetPassword', await sec.post(`/api/branch/accounts/${joined.body.user.id}/reset-password`))
    answers.set('rotateSession', await member.post('/api/auth/rotate'))

    const setup = await createCommittee(ts.db, { name: committeeName, account: '党委账号' })
    const committee = await ts.api.post('/api/auth/join', { code: setup.code, username: uniqueName('c'), password: 'committee-pass' })
    const c = ts.api.withToken(committee.body.token)
    answers.set('committeeReport', await c.get(`/api/committee/report?year=${year}`))
    // submit and review: a submission, the committee's list, a return with its opinion, the branch's history
    const document = { title: '述职报告', sections: [{ heading: null, paragraphs: ['全年召开支委会12次。'] }], closing: ['述职人：张书记'] }
    answers.set('submitReview', await sec.post('/api/review/submit', {
      id: newId(), branchId: branch.branchId, year, document, figures: [{ key: 'type.committeeMeeting', label: '支委会', unit: '次', value: 12 }],
    }))
    answers.set('committeeReviews', await c.get(`/api/committee/reviews?year=${year}`))
    answers.set('decideReview', await c.post('/api/committee/reviews/decide', { branchId: branch.branchId, year, version: 1, decision: 'return', opinion: '请补充' }))
    answers.set('review', await sec.get(`/api/review?year=${year}`))
    // the committee's roll-up has no branch, no compliance
    const rollUp = await c.get(`/api/report?year=${year}`)
    expect(API.report.response.safeParse(rollUp.body).success).toBe(true)
    expect(rollUp.body.scope).toBe('committee')
  })
  afterAll(async () => ts.close())

  it('every JSON route answers in the shape of its response schema', () => {
    const jsonRoutes = (Object.keys(API) as RouteName[]).filter((name) => API[name].response !== null && API[name].response !== 'bytes' && API[name].response !== 'events')
    for (const name of jsonRoutes) {
      const reply = answers.get(name)
      expect(reply, `${name} was not exercised`).toBeDefined()
      expect(reply!.status, name).toBeLessThan(300)
      const schema = API[name].response
      if (schema === null || schema === 'bytes' || schema === 'events') continue
      const parsed = schema.safeParse(reply!.body)
      expect(parsed.success ? [] : parsed.error.issues, name).toEqual([])
    }
    const rows = answers.get('pull')!.body.rows as { redacted: boolean; deleted: boolean }[]
    expect(rows.some((r) => r.redacted)).toBe(true)
    expect(rows.some((r) => r.deleted)).toBe(true)
    expect(answers.get('audit')!.body.entries.length).toBeGreaterThan(0)
  })
})
