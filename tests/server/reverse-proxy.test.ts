// The tested deployment behind a reverse proxy: deploy/Caddyfile in front of the branch server (TRUST_PROXY=1).
// Caddy serves HTTPS (its internal CA here; automatic certificates in production), redirects HTTP to HTTPS, and
// the server's rate limits count the address Caddy saw, not an X-Forwarded-For a client made up.
import { spawn, type ChildProcess, spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { request as httpRequest } from 'node:http'
import { request as httpsRequest } from 'node:https'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { BACKENDS } from './helpers/backends'
import { startServer, type TestServer } from './helpers/harness'

const hasCaddy = spawnSync('caddy', ['version']).status === 0
const HOST = 'branch.test'

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer()
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number }
      s.close(() => resolve(port))
    })
  })
}

interface Answer { status: number; headers: Record<string, string | string[] | undefined>; body: string }

function send(tls: boolean, port: number, method: string, path: string, headers: Record<string, string> = {}, body?: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const options = { host: '127.0.0.1', port, method, path, servername: HOST, rejectUnauthorized: false,
      headers: { Host: `${HOST}:${port}`, ...headers } }
    const req = (tls ? httpsRequest : httpRequest)(options, (res) => {
      let text = ''
      res.setEncoding('utf8')
      res.on('data', (d: string) => { text += d })
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }))
    })
    req.on('error', reject)
    req.end(body)
  })
}

describe.skipIf(!hasCaddy)('behind Caddy (deploy/Caddyfile)', () => {
  let ts: TestServer
  let caddy: ChildProcess
  let httpsPort = 0
  let httpPort = 0
  const home = mkdtempSync(join(tmpdir(), 'zhibu-caddy-'))

  beforeAll(async () => {
    ts = await startServer(BACKENDS[0]!, { trustProxy: true })
    httpsPort = await freePort()
    httpPort = await freePort()
    caddy = spawn('caddy', ['run', '--config', 'deploy/Caddyfile', '--adapter', 'caddyfile'], {
      env: {
        PATH: process.env.PATH ?? '', HOME: home, XDG_DATA_HOME: join(home, 'data'), XDG_CONFIG_HOME: join(home, 'config'),
        ZHIBU_DOMAIN: `${HOST}:${httpsPort}`, ZHIBU_PORT: new URL(ts.url).port, ZHIBU_CADDY_TLS: 'tls internal',
        ZHIBU_CADDY_GLOBAL: `admin off\nhttp_port ${httpPort}\nhttps_port ${httpsPort}\nskip_install_trust`,
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    })
    let log = ''
    caddy.stderr?.on('data', (d: Buffer) => { log += d.toString() })
    for (let i = 0; i < 100; i++) {
      try {
        if ((await send(true, httpsPort, 'GET', '/api/health')).status === 200) return
      } catch { /* not up yet */ }
      await new Promise((r) => setTimeout(r, 200))
    }
    throw new Error(`caddy did not start:\n${log}`)
  }, 60_000)
  afterAll(async () => {
    caddy?.kill('SIGTERM')
    await ts?.close()
    rmSync(home, { recursive: true, force: true })
  })

  it('serves the API over HTTPS and redirects plain HTTP', async () => {
    const health = await send(true, httpsPort, 'GET', '/api/health')
    expect(health.status).toBe(200)
    expect(JSON.parse(health.body)).toMatchObject({ status: 'ok' })
    const plain = await send(false, httpPort, 'GET', '/api/health')
    expect([301, 302, 307, 308]).toContain(plain.status)
    expect(String(plain.headers.location)).toMatch(/^https:\/\/branch\.test/)
  })

  it('rate limits count the address Caddy saw, not a forged X-Forwarded-For', async () => {
    const body = JSON.stringify({ username: 'nobody-here', password: 'wrong-password' })
    const res = await send(true, httpsPort, 'POST', '/api/auth/signin',
      { 'Content-Type': 'application/json', 'X-Forwarded-For': '6.6.6.6' }, body)
    expect(res.status).toBe(401)
    const keys = (await ts.db.all<{ key: string }>(`SELECT key FROM rate_limits WHERE key LIKE 'signin:addr:%'`)).map((r) => r.key)
    expect(keys).toContain('signin:addr:127.0.0.1')
    expect(keys.some((k) => k.includes('6.6.6.6'))).toBe(false)
  })
})
