// Accounts people can manage: password rules, changing a password, a secretary's one-time reset link, signing out
// everywhere, idle expiry and rotation of sessions, usernames that cannot impersonate others.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { changePassword, createPasswordReset, signOutEverywhere } from '../../src/server/services/account-security'
import { resolveSession, rotateSession, ROTATION_GRACE_MS, SESSION_IDLE_MS } from '../../src/server/services/sessions'
import { BACKENDS } from './helpers/backends'
import { setupBranch, startServer, uniqueName, type BranchFixture, type TestServer } from './helpers/harness'

describe.each(BACKENDS)('account security ($name)', (backend) => {
  let ts: TestServer
  let a: BranchFixture
  let clock = Date.UTC(2026, 10, 20, 2, 0, 0)

  beforeAll(async () => {
    ts = await startServer(backend, { now: () => clock })
    a = await setupBranch(ts)
  })
  afterAll(async () => ts?.close())

  async function join(username: string, password: string) {
    const invite = await a.secretary.post('/api/invites', {})
    return ts.api.post('/api/auth/join', { code: invite.body.code, username, password })
  }

  it('refuses weak passwords and lookalike usernames at join, creating nothing', async () => {
    const users = async () => Number((await ts.db.one<{ n: unknown }>(`SELECT COUNT(*) AS n FROM users`))?.n)
    const before = await users()
    const name = uniqueName('u')
    const cases: [string, string, RegExp][] = [
      [name, '        ', /密码/],
      [name, 'aaaaaaaa', /同一个字符/],
      [name, '12345678', /密码/],
      [name, 'password1', /太常见/],
      // long enough whatever the process id makes the name, so it is refused for holding the name, not for length
      [name, `${name}-pass`, /登录名/],
      ['pаvel01', 'good-pass-words', /只能用汉字、英文字母/], // Cyrillic а
      [`zhang\u200bsan`, 'good-pass-words', /不可见字符/],
    ]
    for (const [username, password, message] of cases) {
      const res = await join(username, password)
      expect([res.status, res.body.error.message]).toEqual([400, expect.stringMatching(message)])
    }
    expect(await users()).toBe(before)
    // full-width letters are the same name as ASCII after NFKC
    const ok = await join('ｗａｎｇ' + name, 'good-pass-words')
    expect([ok.status, ok.body.user.username]).toEqual([201, 'wang' + name])
  })

  it('changing the password needs the old one and signs out the other devices', async () => {
    const member = await a.addMember()
    const username = member.session.user.username as string
    const other = await ts.api.post('/api/auth/signin', { username, password: 'member-pass-1' })
    const p = await resolveSession(ts.db, member.session.token, clock)
    await expect(changePassword(ts.db, p, { oldPassword: 'wrong-one-1', newPassword: 'new-pass-words' }, clock))
      .rejects.toMatchObject({ status: 401 })
    await expect(changePassword(ts.db, p, { oldPassword: 'member-pass-1', newPassword: '11111111' }, clock))
      .rejects.toMatchObject({ status: 400 })
    await changePassword(ts.db, p, { oldPassword: 'member-pass-1', newPassword: 'new-pass-words' }, clock)
    expect((await member.api.get('/api/me')).status).toBe(200)
    expect((await ts.api.withToken(other.body.token).get('/api/me')).status).toBe(401)
    expect((await ts.api.post('/api/auth/signin', { username, password: 'member-pass-1' })).status).toBe(401)
    expect((await ts.api.post('/api/auth/signin', { username, password: 'new-pass-words' })).status).toBe(200)
  })

  it('a reset link from the secretary sets a new password once and ends the old sessions', async () => {
    const member = await a.addMember()
    const secretary = await resolveSession(ts.db, a.secretary.token as string, clock)
    const reset = await createPasswordReset(ts.db, secretary, member.userId, clock)
    expect(reset.link).toBe(`/join?code=${reset.code}`)
    const username = member.session.user.username as string
    const used = await ts.api.post('/api/auth/join', { code: reset.code, username, password: 'fresh-pass-words' })
    expect(used.status).toBe(201)
    expect(used.body.user.id).toBe(member.userId)
    expect((await member.api.get('/api/me')).status).toBe(401)
    expect((await ts.api.post('/api/auth/signin', { username, password: 'fresh-pass-words' })).status).toBe(200)
    const again = await ts.api.post('/api/auth/join', { code: reset.code, username, password: 'other-pass-words' })
    expect(again.status).toBe(410)
    const memberPrincipal = await resolveSession(ts.db, used.body.token, clock)
    await expect(createPasswordReset(ts.db, memberPrincipal, a.secretaryId, clock)).rejects.toMatchObject({ status: 403 })
  })

  it('sign out everywhere ends every session of the account', async () => {
    const member = await a.addMember()
    const username = member.session.user.username as string
    const second = await ts.api.post('/api/auth/signin', { username, password: 'member-pass-1' })
    const p = await resolveSession(ts.db, member.session.token, clock)
    expect(await signOutEverywhere(ts.db, p, clock)).toBe(2)
    expect((await member.api.get('/api/me')).status).toBe(401)
    expect((await ts.api.withToken(second.body.token).get('/api/me')).status).toBe(401)
  })

  it('a session unused for 60 days ends; one in use does not; a rotated token replaces the old after a grace', async () => {
    const member = await a.addMember()
    const idle = await ts.api.post('/api/auth/signin', { username: member.session.user.username, password: 'member-pass-1' })
    clock += SESSION_IDLE_MS - 2 * 60 * 60_000
    expect((await member.api.get('/api/me')).status).toBe(200)
    clock += 3 * 60 * 60_000
    expect((await ts.api.withToken(idle.body.token).get('/api/me')).status).toBe(401)
    expect((await member.api.get('/api/me')).status).toBe(200)
    const p = await resolveSession(ts.db, member.session.token, clock)
    const fresh = await rotateSession(ts.db, p, clock)
    expect((await ts.api.withToken(fresh).get('/api/me')).status).toBe(200)
    expect((await member.api.get('/api/me')).status).toBe(200)
    clock += ROTATION_GRACE_MS + 1
    expect((await member.api.get('/api/me')).status).toBe(401)
    expect((await ts.api.withToken(fresh).get('/api/me')).status).toBe(200)
  })
})

describe.each(BACKENDS)('account security over HTTP ($name)', (backend) => {
  let ts: TestServer
  let a: BranchFixture
  beforeAll(async () => {
    ts = await startServer(backend)
    a = await setupBranch(ts)
  })
  afterAll(async () => ts?.close())

  it('change password, rotate, sign out everywhere and the secretary reset link', async () => {
    const member = await a.addMember()
    const username = member.session.user.username as string
    const weak = await member.api.post('/api/me/password', { oldPassword: 'member-pass-1', newPassword: 'aaaaaaaa' })
    expect([weak.status, weak.body.error.message]).toEqual([400, expect.stringMatching(/同一个字符/)])
    expect((await member.api.post('/api/me/password', { oldPassword: 'member-pass-1', newPassword: 'brand-new-words' })).status).toBe(204)
    expect((await ts.api.post('/api/auth/signin', { username, password: 'brand-new-words' })).status).toBe(200)

    const rotated = await member.api.post('/api/auth/rotate')
    expect([rotated.status, rotated.body.user.id]).toEqual([200, member.userId])
    const fresh = ts.api.withToken(rotated.body.token)
    expect((await fresh.get('/api/me')).status).toBe(200)

    expect((await member.api.post(`/api/branch/accounts/${a.secretaryId}/reset-password`)).status).toBe(403)
    const reset = await a.secretary.post(`/api/branch/accounts/${member.userId}/reset-password`)
    expect(reset.status).toBe(201)
    expect(reset.body.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:\\d+/join\\?code=${reset.body.code}$`))

    expect((await fresh.post('/api/auth/signout-all')).status).toBe(204)
    expect((await fresh.get('/api/me')).status).toBe(401)
    expect((await member.api.get('/api/me')).status).toBe(401)
  })

  it('sign-in refuses a body that is not JSON (a cross-site form cannot post one)', async () => {
    const res = await ts.api.post('/api/auth/signin', JSON.stringify({ username: 'abc', password: 'x' }), { 'Content-Type': 'text/plain' })
    expect([res.status, res.body.error.code]).toEqual([400, 'invalid_content_type'])
  })
})
