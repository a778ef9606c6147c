// The HTTP shell: static PWA with the right caching, security headers, compression, errors, limits, photos.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { BACKENDS } from './helpers/backends'
import { Device, activityFields, newId } from './helpers/device'
import { type BranchFixture, setupBranch, startServer, type TestServer } from './helpers/harness'

const dist = mkdtempSync(join(tmpdir(), 'zhibu-dist-'))
mkdirSync(join(dist, 'assets'))
writeFileSync(join(dist, 'index.html'), '<!doctype html><title>支部纪实</title><script type="module" src="/assets/index-abc123.js"></script>')
writeFileSync(join(dist, 'assets', 'index-abc123.js'), `console.log(${JSON.stringify('x'.repeat(5000))})`)
writeFileSync(join(dist, 'sw.js'), 'self.addEventListener("install", () => {})')
writeFileSync(join(dist, 'manifest.webmanifest'), '{"name":"支部纪实"}')

describe.each(BACKENDS)('http shell on $name', (backend) => {
  let ts: TestServer
  let branch: BranchFixture
  beforeAll(async () => {
    ts = await startServer(backend, { distDir: dist })
    branch = await setupBranch(ts)
  })
  afterAll(async () => {
    await ts.close()
  })

  it('serves hashed assets immutably and entry points with no-cache', async () => {
    const asset = await fetch(`${ts.url}/assets/index-abc123.js`)
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable')
    expect(asset.headers.get('content-type')).toMatch(/javascript/)
    for (const path of ['/', '/index.html', '/sw.js', '/manifest.webmanifest']) {
      const res = await fetch(ts.url + path)
      expect(res.status, path).toBe(200)
      expect(res.headers.get('cache-control'), path).toBe('no-cache')
    }
  })

  it('falls back to index.html for app routes, but 404s missing assets and unknown API routes', async () => {
    const spa = await fetch(`${ts.url}/activities/123`)
    expect(spa.status).toBe(200)
    expect(await spa.text()).toContain('支部纪实')
    expect((await fetch(`${ts.url}/assets/gone-000.js`)).status).toBe(404)
    const api = await branch.secretary.get('/api/nope')
    expect(api.status).toBe(404)
    expect(api.body).toEqual({ error: { code: 'not_found', message: '未找到' } })
    // Without a session an unknown API path is refused like a protected one: the server does not tell them apart.
    expect((await fetch(`${ts.url}/api/nope`)).status).toBe(401)
    expect((await fetch(`${ts.url}/..%2f..%2fetc/passwd`)).status).not.toBe(500)
    const malformed = await fetch(`${ts.url}/%E0%A4%A`)
    expect(malformed.status).toBe(400)
    expect((await malformed.json()).error.code).toBe('bad_path')
  })

  it('sends security headers with no inline script allowed', async () => {
    const res = await fetch(`${ts.url}/`)
    const csp = res.headers.get('content-security-policy') ?? ''
    expect(csp).toContain("script-src 'self'")
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/)
    expect(csp).toContain("frame-ancestors 'none'")
    expect(res.headers.get('x-content-type-options')).toBe('nosniff')
    expect(res.headers.get('x-frame-options')).toBe('DENY')
  })

  it('compresses large responses', async () => {
    const res = await fetch(`${ts.url}/assets/index-abc123.js`, { headers: { 'Accept-Encoding': 'gzip' } })
    expect(res.headers.get('content-encoding')).toBe('gzip')
  })

  it('answers health', async () => {
    const res = await ts.api.get('/api/health')
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ status: 'ok', storage: backend.name })
  })

  it('limits body size with the JSON error shape', async () => {
    const res = await ts.api.post('/api/auth/signin', { username: 'abc', password: 'x'.repeat(100_000) })
    expect(res.status).toBe(413)
    expect(res.body.error.code).toBe('too_large')
  })

  it('stores photos idempotently, size-capped, readable in the branch only', async () => {
    const id = newId()
    const record = newId()
    const d = new Device(branch.secretary)
    d.put('activity', record, activityFields({ photoIds: [id] }))
    expect((await d.push()).status).toBe(200)
    const bytes = new Uint8Array(2048).map((_, i) => i % 251)
    const put = () => branch.secretary.request('PUT', `/api/photos/${id}?recordId=${record}`, bytes, { 'Content-Type': 'image/jpeg' })
    expect((await put()).status).toBe(201)
    expect((await put()).status).toBe(200)
    const other = await branch.secretary.request('PUT', `/api/photos/${id}?recordId=${record}`, new Uint8Array([1, 2, 3]), { 'Content-Type': 'image/jpeg' })
    expect(other.status).toBe(409)
    const got = await fetch(`${ts.url}/api/photos/${id}`, { headers: { Authorization: `Bearer ${branch.secretary.token}` } })
    expect(new Uint8Array(await got.arrayBuffer())).toEqual(bytes)
    const big = await branch.secretary.request('PUT', `/api/photos/${newId()}?recordId=${record}`, new Uint8Array(5 * 1024 * 1024 + 1), { 'Content-Type': 'image/jpeg' })
    expect(big.status).toBe(413)
    const elsewhere = await setupBranch(ts)
    expect((await elsewhere.secretary.get(`/api/photos/${id}`)).status).toBe(404)
  })
})

afterAll(() => rmSync(dist, { recursive: true, force: true }))
