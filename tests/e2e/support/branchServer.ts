// The real branch server as a child process on a free port, serving the built app and the API same-origin.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { get as httpGet } from 'node:http'
import { get as httpsGet } from 'node:https'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, BrowserContext } from '@playwright/test'

/** Test hook documented in src/client/sync/README.md: a short sync timer instead of 30 s. */
const FAST_SYNC = () => localStorage.setItem('branch-log:sync-interval-ms', '1500')

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer()
    s.once('error', reject)
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port
      s.close(() => resolve(port))
    })
  })
}

export interface BranchServer {
  origin: string
  /** run the server's CLI against the same data; returns the one-time link it prints */
  cliLink(args: string[]): string
  stop(): Promise<void>
}

/** Is the server on 127.0.0.1:port answering its health route (over TLS when `tls`, any certificate)? */
function healthy(port: number, tls: boolean): Promise<boolean> {
  return new Promise((resolve) => {
    const options = { host: '127.0.0.1', port, path: '/api/health', rejectUnauthorized: false, timeout: 2_000 }
    const req = (tls ? httpsGet : httpGet)(options, (res) => {
      res.resume()
      resolve(res.statusCode === 200)
    })
    req.on('error', () => resolve(false))
    req.on('timeout', () => req.destroy())
  })
}

/**
 * `extraEnv`: more server variables (TLS_CERT/TLS_KEY make it serve HTTPS). `host`: the host name the browser
 * uses for it (map it to 127.0.0.1 with Chromium's --host-resolver-rules); default 127.0.0.1.
 */
export async function startBranchServer(extraEnv: Record<string, string> = {}, options: { host?: string } = {}): Promise<BranchServer> {
  const port = await freePort()
  const tls = Boolean(extraEnv.TLS_CERT)
  const origin = `${tls ? 'https' : 'http'}://${options.host ?? '127.0.0.1'}:${port}`
  const dataDir = mkdtempSync(join(tmpdir(), 'zhibu-e2e-'))
  const env = { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, PUBLIC_ORIGIN: origin, ...extraEnv }
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], { env, stdio: ['ignore', 'pipe', 'pipe'] })
  let log = ''
  child.stdout?.on('data', (d: Buffer) => { log += d.toString() })
  child.stderr?.on('data', (d: Buffer) => { log += d.toString() })
  let up = false
  for (let i = 0; i < 100 && !up; i++) {
    up = await healthy(port, tls)
    if (!up) await new Promise((r) => setTimeout(r, 200))
  }
  if (!up) {
    child.kill('SIGKILL')
    throw new Error(`branch server did not start:\n${log}`)
  }
  return {
    origin,
    cliLink(args) {
      const out = execFileSync(process.execPath, ['--import', 'tsx', 'src/server/cli.ts', ...args], { env, encoding: 'utf8' })
      const link = /https?:\/\/\S+\/join\?code=\S+/.exec(out)?.[0]
      if (!link) throw new Error(`no link in CLI output:\n${out}`)
      return link
    },
    async stop() {
      child.kill('SIGTERM')
      await new Promise((r) => child.once('exit', r))
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

export async function phoneContext(browser: Browser, origin: string): Promise<BrowserContext> {
  const context = await browser.newContext({
    baseURL: origin, viewport: { width: 360, height: 780 }, isMobile: true, hasTouch: true, locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  })
  await context.addInitScript(FAST_SYNC)
  return context
}
