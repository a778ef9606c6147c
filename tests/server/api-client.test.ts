// The client reads every answer with the route's response schema: an answer of the wrong shape is an error
// that names the route and the field, never data. A tiny server on 127.0.0.1 answers what each test says.
import { createServer, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { countPendingChanges, createActivity, listAllActivities, useDatabase } from '@client/db'
import { readSession, saveSession } from '@client/db/session'
import { listBranchAccounts, listInvites, refreshAccount } from '@client/sync/accountApi'
import { syncOnce } from '@client/sync/engine'
import { NetworkError, ServerError, type ServerClient, UnexpectedResponseError } from '@client/sync/http'
import { fetchRollUpReport } from '@client/sync/reportApi'
import type { MeResponse } from '@shared/sync/account'
import { themeDayFields } from '../unit/db/helpers'

interface Canned { status: number; body: string; type?: string }

const ME: MeResponse = {
  user: { id: 'user-0001', username: 'zhang', displayName: '张书记', role: 'secretary', memberId: null },
  branch: { id: 'branch-0001', name: '第一党支部' },
  committee: null,
}
const TOKEN = 'T'.repeat(43)

let server: Server
let client: ServerClient
let answers: Record<string, Canned> = {}
const seen: { path: string; authorization: string | undefined }[] = []

const json = (body: unknown, status = 200): Canned => ({ status, body: JSON.stringify(body) })

beforeAll(async () => {
  server = createServer((req: IncomingMessage, res) => {
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname
    seen.push({ path, authorization: req.headers.authorization })
    const answer = answers[path] ?? json({ error: { code: 'not_found', message: '未找到' } }, 404)
    req.resume()
    res.writeHead(answer.status, { 'Content-Type': answer.type ?? 'application/json' }).end(answer.body)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  client = { baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, fetch: globalThis.fetch }
})
afterAll(async () => { await new Promise((resolve) => server.close(resolve)) })

let dbCounter = 0
beforeEach(async () => {
  answers = {}
  seen.length = 0
  useDatabase(`api-client-${process.pid}-${++dbCounter}`)
  await saveSession(TOKEN, ME)
})

describe('the client against answers of the wrong shape', () => {
  it('refuses an account answer that does not match, and keeps the stored account', async () => {
    answers['/api/me'] = json({ ...ME, user: { ...ME.user, id: 42 } })
    const failure = await refreshAccount(client).catch((e: unknown) => e)
    expect(failure).toBeInstanceOf(UnexpectedResponseError)
    expect((failure as Error).message).toMatch(/\/api\/me/)
    expect((failure as Error).message).toMatch(/user\.id/)
    expect((failure as Error).message).toMatch(/[\u4e00-\u9fa5]/)
    expect((await readSession())?.me).toEqual(ME)
    expect(seen).toEqual([{ path: '/api/me', authorization: `Bearer ${TOKEN}` }])
  })

  it('takes a matching answer, without fields the contract does not name', async () => {
    const renamed = { ...ME, branch: { id: 'branch-0001', name: '第一党支部（新）' } }
    answers['/api/me'] = json({ ...renamed, secret: 'not for the client' })
    expect(await refreshAccount(client)).toEqual(renamed)
    expect((await readSession())?.me).toEqual(renamed)
  })

  it('keeps the outbox when the push answer does not match', async () => {
    await createActivity(themeDayFields({ topic: '待同步的记录' }))
    answers['/api/sync/push'] = json({ protocolVersion: 1, epoch: 'e1', lastClientSeq: 1, results: [{ clientSeq: 1, status: 'done' }] })
    const failure = await syncOnce(client).catch((e: unknown) => e)
    expect(failure).toBeInstanceOf(UnexpectedResponseError)
    expect((failure as Error).message).toMatch(/\/api\/sync\/push/)
    expect(await countPendingChanges()).toBe(1)
  })

  it('stores nothing of a pull page that does not match', async () => {
    const good = { entity: 'activity', id: 'activity-0001', version: 1, deleted: false, redacted: false,
      data: { id: 'activity-0001', ...themeDayFields({ topic: '服务器上的记录' }) } }
    const page = { reset: false, protocolVersion: 1, epoch: 'e1', branchId: 'branch-0001', cursor: 2, hasMore: false }
    answers['/api/sync/pull'] = json({ ...page, rows: [good, { ...good, id: 'activity-0002', entity: 'meeting' }] })
    const failure = await syncOnce(client).catch((e: unknown) => e)
    expect(failure).toBeInstanceOf(UnexpectedResponseError)
    expect((failure as Error).message).toMatch(/\/api\/sync\/pull/)
    expect((failure as Error).message).toMatch(/rows\.1\.entity/)
    expect(await listAllActivities()).toEqual([])
    // a record that is not an object: an array, null, text
    for (const data of [[], null, '服务器上的记录']) {
      answers['/api/sync/pull'] = json({ ...page, rows: [good, { ...good, id: 'activity-0002', data }] })
      const refused = await syncOnce(client).catch((e: unknown) => e)
      expect(refused).toBeInstanceOf(UnexpectedResponseError)
      expect((refused as Error).message).toMatch(/rows\.1\.data/)
      expect(await listAllActivities()).toEqual([])
    }
    // the same page without the bad row is taken
    answers['/api/sync/pull'] = json({ ...page, rows: [good] })
    expect(await syncOnce(client)).toMatchObject({ status: 'ok', pulled: 1 })
    expect((await listAllActivities()).map((r) => r.topic)).toEqual(['服务器上的记录'])
  })

  it('refuses a report answer that does not match', async () => {
    answers['/api/report'] = json({ year: 2026, scope: 'branch', figures: 'none' })
    await expect(fetchRollUpReport(2026, client)).rejects.toThrow(UnexpectedResponseError)
  })

  it('tells a server error, a non-JSON answer and no answer apart', async () => {
    answers['/api/branch/accounts'] = json({ error: { code: 'internal', message: '服务器出错，请稍后重试' } }, 500)
    const failure = await listBranchAccounts(client).catch((e: unknown) => e)
    expect(failure).toBeInstanceOf(ServerError)
    expect(failure).toMatchObject({ status: 500, code: 'internal', message: '服务器出错，请稍后重试' })

    answers['/api/invites'] = { status: 200, body: '<html>portal login</html>', type: 'text/html' }
    await expect(listInvites(client)).rejects.toThrow(NetworkError)
    answers['/api/invites'] = { status: 502, body: 'Bad Gateway', type: 'text/plain' }
    await expect(listInvites(client)).rejects.toThrow(NetworkError)
    answers['/api/invites'] = json({ message: 'not our error shape' }, 503)
    await expect(listInvites(client)).rejects.toThrow(NetworkError)

    const closed = createServer()
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve))
    const port = (closed.address() as AddressInfo).port
    await new Promise((resolve) => closed.close(resolve))
    await expect(listInvites({ baseUrl: `http://127.0.0.1:${port}`, fetch: globalThis.fetch })).rejects.toThrow(NetworkError)
  })
})
