// Two phones, one branch server: a member logs three activities with no signal, comes back online, and the
// secretary's list shows them without a reload. The app is served BY the branch server (same-origin /api), so this
// spec starts its own server on a free port and uses absolute URLs (not the vite preview baseURL).
import { test, expect, chromium, type Browser, type BrowserContext, type Page } from '@playwright/test'
import { type ChildProcess, execFileSync, spawn } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { CHROMIUM_ARGS, addRoster, listRow, waitForServiceWorker } from './support/app'

const SHOTS = 'docs/screenshots'
/** Test hook documented in src/client/sync/README.md: a short sync timer instead of 30 s. */
const FAST_SYNC = () => localStorage.setItem('branch-log:sync-interval-ms', '1500')

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer()
    s.once('error', reject)
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port
      s.close(() => resolve(port))
    })
  })
}

async function startBranchServer(env: NodeJS.ProcessEnv, origin: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], { env, stdio: ['ignore', 'pipe', 'pipe'] })
  let log = ''
  child.stdout?.on('data', (d: Buffer) => { log += d.toString() })
  child.stderr?.on('data', (d: Buffer) => { log += d.toString() })
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(`${origin}/api/health`)).ok) return child
    } catch { /* not up yet */ }
    await new Promise((r) => setTimeout(r, 200))
  }
  child.kill('SIGKILL')
  throw new Error(`branch server did not start:\n${log}`)
}

async function phoneContext(browser: Browser, origin: string): Promise<BrowserContext> {
  const context = await browser.newContext({
    baseURL: origin, viewport: { width: 360, height: 780 }, isMobile: true, hasTouch: true, locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  })
  await context.addInitScript(FAST_SYNC)
  return context
}

async function checkLayoutAndShoot(page: Page, name: string) {
  const overflow = await page.evaluate(() => Math.max(document.documentElement.scrollWidth, document.body.scrollWidth) - 360)
  expect(overflow, `${name} scrolls sideways`).toBeLessThanOrEqual(0)
  const small = await page.evaluate(() => [...document.querySelectorAll('main button, main a.btn, main .chip, main select, main input')]
    .filter((el) => { const r = el.getBoundingClientRect(); return r.width > 0 && r.height > 0 && r.height < 44 })
    .map((el) => `${el.tagName} ${(el.textContent ?? '').trim().slice(0, 12)}`))
  expect(small, `${name} has tap targets under 44 px`).toEqual([])
  mkdirSync(SHOTS, { recursive: true })
  await page.evaluate(() => window.scrollTo(0, 0))
  await page.screenshot({ path: `${SHOTS}/${name}.png` })
}

async function logActivity(page: Page, topic: string) {
  await page.goto('/log')
  await page.locator('button[data-type="themeDay"]').click()
  await page.locator('input[name="topic"]').fill(topic)
  await page.getByTestId('save-activity').click()
  await expect(listRow(page, topic)).toBeVisible()
}

test('member logs offline, comes back online; the secretary sees it without reloading', async () => {
  test.setTimeout(120_000)
  const port = await freePort()
  const origin = `http://127.0.0.1:${port}`
  const dataDir = mkdtempSync(join(tmpdir(), 'zhibu-e2e-'))
  const env = { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, PUBLIC_ORIGIN: origin }
  const server = await startBranchServer(env, origin)
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS })
  try {
    const out = execFileSync(process.execPath,
      ['--import', 'tsx', 'src/server/cli.ts', 'create-branch', '--name', '城东社区第一党支部', '--secretary', '张书记'],
      { env, encoding: 'utf8' })
    const setupLink = /https?:\/\/\S+\/join\?code=\S+/.exec(out)?.[0]
    expect(setupLink, out).toBeTruthy()

    // The secretary opens the one-time link, sets a login, enters the roster and invites 李明.
    const secretaryContext = await phoneContext(browser, origin)
    const sec = await secretaryContext.newPage()
    await sec.goto(setupLink as string)
    await expect(sec.getByTestId('join-branch')).toHaveText('城东社区第一党支部')
    await sec.locator('input[name="username"]').fill('zhangshuji')
    await sec.locator('input[name="password"]').fill('secret-pass-1')
    await sec.getByTestId('join-submit').click()
    await expect(sec.getByTestId('signed-in')).toContainText('张书记')
    await addRoster(sec, '张书记', ['李明', '王芳'])
    await expect(sec.getByTestId('pending-badge')).toHaveCount(0, { timeout: 15_000 })
    await sec.goto('/account')
    await sec.getByTestId('create-invite').click()
    const code = (await sec.getByTestId('invite-code').textContent())?.trim() ?? ''
    expect(code.length).toBeGreaterThanOrEqual(6)
    await expect(sec.getByTestId('invite-link')).toContainText(`/join?code=${code}`)
    await checkLayoutAndShoot(sec, 'account')

    // The member joins with the invite, picks themself from the roster, and the branch's roster arrives.
    const memberContext = await phoneContext(browser, origin)
    const mem = await memberContext.newPage()
    await mem.goto(`/join?code=${code}`)
    await expect(mem.getByTestId('join-branch')).toHaveText('城东社区第一党支部')
    await mem.getByRole('button', { name: '李明', exact: true }).click()
    await mem.locator('input[name="username"]').fill('liming')
    await mem.locator('input[name="password"]').fill('member-pass-1')
    await checkLayoutAndShoot(mem, 'join')
    await mem.getByTestId('join-submit').click()
    await expect(mem.getByTestId('signed-in')).toContainText('李明')
    await expect(mem.getByTestId('last-sync')).not.toHaveText('尚未同步')
    await waitForServiceWorker(mem)

    // The secretary watches the month list.
    await sec.goto('/activities')

    // No signal: three activities.
    await memberContext.setOffline(true)
    const topics = ['离线记录一：学习讨论', '离线记录二：志愿服务', '离线记录三：主题党日']
    for (const topic of topics) await logActivity(mem, topic)
    await expect(mem.getByTestId('pending-badge')).toHaveText('3 项待同步')

    // Back online: the member's phone pushes on its own, the secretary's list fills in without a reload.
    await memberContext.setOffline(false)
    await expect(mem.getByTestId('pending-badge')).toHaveCount(0, { timeout: 20_000 })
    for (const topic of topics) await expect(listRow(sec, topic)).toBeVisible({ timeout: 20_000 })
    await mem.goto('/account')
    await expect(mem.getByTestId('account-pending')).toContainText('0 项待同步')

    await memberContext.close()
    await secretaryContext.close()
  } finally {
    await browser.close()
    server.kill('SIGTERM')
    await new Promise((r) => server.once('exit', r))
    rmSync(dataDir, { recursive: true, force: true })
  }
})
