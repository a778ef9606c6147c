// Two phones, one branch server: a member logs three activities with no signal, comes back online, and the
// secretary's list shows them without a reload. The app is served BY the branch server (same-origin /api), so this
// spec starts its own server on a free port and uses absolute URLs (not the vite preview baseURL).
import { test, expect, chromium, type Page } from '@playwright/test'
import { mkdirSync } from 'node:fs'
import { CHROMIUM_ARGS, addRoster, listRow, waitForServiceWorker } from './support/app'
import { phoneContext, startBranchServer } from './support/branchServer'

const SHOTS = 'docs/screenshots'

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
  const server = await startBranchServer()
  const origin = server.origin
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS })
  try {
    const setupLink = server.cliLink(['create-branch', '--name', '城东社区第一党支部', '--secretary', '张书记'])

    // The secretary opens the one-time link, sets a login, enters the roster and invites 李明.
    const secretaryContext = await phoneContext(browser, origin)
    const sec = await secretaryContext.newPage()
    await sec.goto(setupLink)
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
    await server.stop()
  }
})

test('with the sync timer at 10 minutes, a record saved on one phone shows on the other in seconds (change feed)', async () => {
  test.setTimeout(90_000)
  const server = await startBranchServer()
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS })
  try {
    const setupLink = server.cliLink(['create-branch', '--name', '城南社区党支部', '--secretary', '张书记'])
    const slowTimer = () => localStorage.setItem('branch-log:sync-interval-ms', String(10 * 60_000))
    const phoneA = await phoneContext(browser, server.origin)
    const phoneB = await phoneContext(browser, server.origin)
    for (const phone of [phoneA, phoneB]) await phone.addInitScript(slowTimer)
    const a = await phoneA.newPage()
    await a.goto(setupLink)
    await a.locator('input[name="username"]').fill('zhangshuji')
    await a.locator('input[name="password"]').fill('secret-pass-1')
    await a.getByTestId('join-submit').click()
    await expect(a.getByTestId('signed-in')).toContainText('张书记')

    // The same secretary on a second phone, watching the month list.
    const b = await phoneB.newPage()
    await b.goto('/signin')
    await b.locator('input[name="username"]').fill('zhangshuji')
    await b.locator('input[name="password"]').fill('secret-pass-1')
    await b.locator('form button[type="submit"]').click()
    await expect(b.getByTestId('signed-in')).toContainText('张书记')
    await expect(b.getByTestId('last-sync')).not.toHaveText('尚未同步')
    await b.goto('/activities')
    await b.waitForTimeout(1500) // the list is open and the feed connected before the other phone saves

    await logActivity(a, '支委会：研究发展党员工作')
    const saved = Date.now()
    await expect(listRow(b, '支委会：研究发展党员工作')).toBeVisible({ timeout: 15_000 })
    // far sooner than the 10-minute timer: the other phone was told
    expect(Date.now() - saved).toBeLessThan(15_000)
  } finally {
    await browser.close()
    await server.stop()
  }
})
