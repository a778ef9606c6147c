// A real server on 127.0.0.1 (port 0) over a real database, plus small HTTP helpers.
import { serve } from '@hono/node-server'
import type { AddressInfo } from 'node:net'
import { createApp, type AppDeps } from '../../../src/server/app'
import type { Db } from '../../../src/server/storage/db'
import { createBranch } from '../../../src/server/services/accounts'
import type { SessionResponse } from '../../../src/shared/sync/account'
import type { Backend } from './backends'

export interface Reply<T = any> { // eslint-disable-line @typescript-eslint/no-explicit-any
  status: number
  body: T
  headers: Headers
}

export class Api {
  constructor(readonly base: string, readonly token?: string) {}
  withToken(token: string): Api {
    return new Api(this.base, token)
  }
  async request(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Reply> {
    const h: Record<string, string> = { ...headers }
    if (this.token) h.Authorization = `Bearer ${this.token}`
    let payload: BodyInit | undefined
    if (body instanceof Uint8Array) payload = body as unknown as BodyInit
    else if (typeof body === 'string') {
      payload = body
      h['Content-Type'] ??= 'application/json'
    } else if (body !== undefined) {
      payload = JSON.stringify(body)
      h['Content-Type'] ??= 'application/json'
    }
    const res = await fetch(this.base + path, { method, headers: h, body: payload })
    const text = await res.text()
    let parsed: unknown = text
    try {
      parsed = text ? JSON.parse(text) : null
    } catch { /* not JSON */ }
    return { status: res.status, body: parsed, headers: res.headers }
  }
  get(path: string) { return this.request('GET', path) }
  post(path: string, body?: unknown, headers?: Record<string, string>) { return this.request('POST', path, body, headers) }
  del(path: string) { return this.request('DELETE', path) }
}

export interface TestServer {
  db: Db
  /** the application behind `url`, e.g. to list its routes */
  app: ReturnType<typeof createApp>
  url: string
  api: Api
  close(): Promise<void>
}

export async function startServer(backend: Backend, deps: Partial<AppDeps> = {}): Promise<TestServer> {
  const { db, cleanup } = await backend.open()
  const app = createApp({ db, log: () => undefined, distDir: '/nonexistent', ...deps })
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' })
  await new Promise<void>((resolve) => server.once('listening', () => resolve()))
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return {
    db,
    app,
    url,
    api: new Api(url),
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()))
      await cleanup()
    },
  }
}

let counter = 0
export function uniqueName(prefix: string): string {
  counter += 1
  return `${prefix}${process.pid}x${counter}`
}

export interface BranchFixture {
  branchId: string
  secretary: Api
  secretaryId: string
  /** a new member account joined through an invite, optionally tied to a roster entry */
  addMember(memberId?: string): Promise<{ api: Api; userId: string; session: SessionResponse }>
}

export async function setupBranch(ts: TestServer, committee?: string): Promise<BranchFixture> {
  const setup = await createBranch(ts.db, { name: uniqueName('支部'), committee, secretary: '张书记' })
  const joined = await ts.api.post('/api/auth/join', { code: setup.code, username: uniqueName('sec'), password: 'secret-pass-1' })
  if (joined.status !== 201) throw new Error(`secretary join failed: ${JSON.stringify(joined.body)}`)
  const secretary = ts.api.withToken(joined.body.token)
  return {
    branchId: setup.id,
    secretary,
    secretaryId: joined.body.user.id,
    async addMember(memberId?: string) {
      // an invite for that roster entry: the account is tied to it at once (no confirmation needed)
      const invite = await secretary.post('/api/invites', memberId ? { memberId } : {})
      if (invite.status !== 201) throw new Error(`invite failed: ${JSON.stringify(invite.body)}`)
      const res = await ts.api.post('/api/auth/join', {
        code: invite.body.code, username: uniqueName('m'), password: 'member-pass-1',
      })
      if (res.status !== 201) throw new Error(`join failed: ${JSON.stringify(res.body)}`)
      return { api: ts.api.withToken(res.body.token), userId: res.body.user.id, session: res.body }
    },
  }
}
