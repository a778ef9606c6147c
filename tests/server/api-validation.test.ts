// Requests that do not match the shared schemas are refused by the validator middleware with 400, the one
// error shape and a Chinese message — never a 5xx, never an English default.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PROTOCOL_VERSION } from '../../src/shared/sync/protocol'
import { BACKENDS } from './helpers/backends'
import { newId } from './helpers/device'
import { type BranchFixture, type Reply, setupBranch, startServer, type TestServer } from './helpers/harness'

const CHINESE = /[\u4e00-\u9fa5]/

function expectRefused(res: Reply, code: string, message?: RegExp) {
  expect(res.status, JSON.stringify(res.body)).toBe(400)
  expect(res.body.error.code).toBe(code)
  expect(res.body.error.message).toMatch(CHINESE)
  expect(res.body.error.message).not.toMatch(/Invalid input/i)
  if (message) expect(res.body.error.message).toMatch(message)
}

describe.each(BACKENDS)('request validation on $name', (backend) => {
  let ts: TestServer
  let branch: BranchFixture
  beforeAll(async () => {
    ts = await startServer(backend)
    branch = await setupBranch(ts)
  })
  afterAll(async () => ts.close())

  it('refuses a body that is not JSON, or not declared as JSON', async () => {
    expectRefused(await ts.api.post('/api/auth/signin', '{"username": "abc",'), 'invalid_json', /JSON/)
    expectRefused(await branch.secretary.post('/api/invites', 'maxUses=2'), 'invalid_json')
    const plain = await ts.api.post('/api/auth/signin', JSON.stringify({ username: 'abcdef', password: 'x' }), { 'Content-Type': 'text/plain' })
    expectRefused(plain, 'invalid_content_type', /JSON/)
    const none = await branch.secretary.request('POST', '/api/sync/push', new TextEncoder().encode('{}'))
    expectRefused(none, 'invalid_content_type')
  })

  it('refuses a body of the wrong shape, naming the field', async () => {
    expectRefused(await ts.api.post('/api/auth/signin', { username: 5, password: 'x' }), 'invalid_request', /username/)
    expectRefused(await ts.api.post('/api/auth/signin', []), 'invalid_request')
    expectRefused(await ts.api.post('/api/auth/join', { code: 'ABCDEFGH', username: 'newuser', password: 'short' }), 'invalid_request', /密码至少8位/)
    expectRefused(await branch.secretary.post('/api/invites', { maxUses: 0 }), 'invalid_request', /maxUses/)
    expectRefused(await branch.secretary.post('/api/invites', { expiresInHours: '24' }), 'invalid_request', /expiresInHours/)
    expectRefused(await branch.secretary.post('/api/me/member', {}), 'invalid_request', /memberId/)
    const push = await branch.secretary.post('/api/sync/push', { protocolVersion: PROTOCOL_VERSION, clientId: 'short', mutations: [] })
    expectRefused(push, 'invalid_request', /编号无效/)
  })

  it('refuses query strings and path parameters of the wrong shape', async () => {
    const pull = (q: string) => branch.secretary.get(`/api/sync/pull?protocolVersion=${PROTOCOL_VERSION}&${q}`)
    expectRefused(await pull('cursor=abc'), 'invalid_request', /参数必须是非负整数（cursor）/)
    expectRefused(await pull('cursor=-1'), 'invalid_request', /cursor/)
    expectRefused(await pull('limit=5000'), 'invalid_request', /limit/)
    expectRefused(await pull('cursor=1&cursor=2'), 'invalid_request', /cursor/)
    expectRefused(await pull('branchId=x'), 'invalid_request', /编号无效/)
    expectRefused(await branch.secretary.get('/api/audit?after=later'), 'invalid_request', /after/)
    expectRefused(await branch.secretary.del('/api/invites/no!such'), 'invalid_request', /编号无效（id）/)
    expectRefused(await branch.secretary.get('/api/photos/x'), 'invalid_request', /编号无效/)
    expectRefused(await ts.api.get('/api/invites/preview'), 'invalid_request', /邀请码无效/)
  })

  it('still answers an old client by its protocol version before the shape, and a good request passes', async () => {
    const old = await branch.secretary.post('/api/sync/push', { protocolVersion: 0, clientId: 1, mutations: 'x' })
    expect([old.status, old.body.error.code]).toEqual([426, 'protocol_too_old'])
    const page = await branch.secretary.get(`/api/sync/pull?protocolVersion=${PROTOCOL_VERSION}&cursor=0&limit=10`)
    expect(page.status).toBe(200)
    expect((await branch.secretary.get('/api/audit?after=0&limit=9999')).status).toBe(200) // limit is capped, not refused
    expect((await branch.secretary.del(`/api/invites/${newId()}`)).status).toBe(404)
  })
})
