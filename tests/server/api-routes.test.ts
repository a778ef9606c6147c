// Every route of the app is either on the public allow-list below or answers 401 without a session; and every
// API route the app serves is one entry of the shared contract (src/shared/api/index.ts), and back.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { API } from '../../src/shared/api'
import { BACKENDS } from './helpers/backends'
import { newId } from './helpers/device'
import { startServer, type TestServer } from './helpers/harness'

/** The only routes that answer without a session. Adding one here is a decision, not an accident. */
const PUBLIC_ROUTES = new Set([
  'GET /api/health',
  'POST /api/auth/signin',
  'POST /api/auth/join',
  'GET /api/invites/preview',
  'GET /*', // the built PWA (static files and the SPA fallback)
])

interface Route { method: string; path: string }

/** Endpoints only: middleware is registered under the method ALL. */
function endpoints(ts: TestServer): Route[] {
  const seen = new Map<string, Route>()
  for (const r of ts.app.routes) if (r.method !== 'ALL') seen.set(`${r.method} ${r.path}`, { method: r.method, path: r.path })
  return [...seen.values()]
}

const withParams = (path: string) => path.replace(/:[A-Za-z]+/g, () => newId())

describe.each(BACKENDS)('routes and the session on $name', (backend) => {
  let ts: TestServer
  beforeAll(async () => { ts = await startServer(backend) })
  afterAll(async () => ts.close())

  it('answers 401 without a session on every route outside the public allow-list', async () => {
    const protectedRoutes = endpoints(ts).filter((r) => !PUBLIC_ROUTES.has(`${r.method} ${r.path}`))
    expect(protectedRoutes.length).toBeGreaterThanOrEqual(15)
    expect(protectedRoutes).toContainEqual({ method: 'POST', path: '/api/sync/push' })
    for (const route of protectedRoutes) {
      const name = `${route.method} ${route.path}`
      const hasBody = route.method !== 'GET'
      const sessions: Record<string, string>[] = [{}, { Authorization: `Bearer ${'A'.repeat(43)}` }]
      for (const session of sessions) {
        const headers: Record<string, string> = hasBody ? { ...session, 'Content-Type': 'application/json' } : session
        const res = await fetch(ts.url + withParams(route.path), { method: route.method, headers, body: hasBody ? '{}' : undefined })
        expect(res.status, name).toBe(401)
        expect((await res.json()).error.code, name).toMatch(/^(unauthenticated|session_revoked)$/)
      }
    }
  })

  it('answers the public routes without a session', async () => {
    expect((await fetch(`${ts.url}/api/health`)).status).toBe(200)
    for (const [method, path] of [['POST', '/api/auth/signin'], ['POST', '/api/auth/join'], ['GET', '/api/invites/preview']] as const) {
      const res = await fetch(ts.url + path, method === 'POST' ? { method, headers: { 'Content-Type': 'application/json' }, body: '{}' } : {})
      expect(res.status, `${method} ${path}`).toBe(400) // refused for its content, not for the missing session
    }
  })

  it('serves exactly the routes of the shared contract', () => {
    const served = endpoints(ts).filter((r) => r.path.startsWith('/api/')).map((r) => `${r.method} ${r.path}`).sort()
    const contract = Object.values(API).map((r) => `${r.method.toUpperCase()} ${r.path}`).sort()
    expect(served).toEqual(contract)
  })
})
