// Account security on phones, against a real branch server: the secretary confirms the roster name a member chose,
// the member changes the password (the member's other phone is signed out), and 退出所有设备 on the first phone
// signs out the other one too, while local records stay.
import { test, expect, chromium, type Locator, type Page } from '@playwright/test'
import { mkdirSync } from 'node:fs'
import { CHROMIUM_ARGS, addRoster } from './support/app'
import { phoneContext, startBranchServer } from './support/branchServer'

const SHOTS = 'docs/screenshots'

async function checkLayoutAndShoot(page: Page, name: string, shown: Locator) {
  const overflow = await page.evaluate(() => Math.max(document.documentElement.scrollWidth, document.body.scrollWidth) - 360)
  expect(overflow, `${name} scrolls sideways`).toBeLessThanOrEqual(0)
  const small = await page.evaluate(() => [...document.querySelectorAll('main button, main a.btn, main select, main input')]
    .filter((el) => { const r = el.getBoundingClientRect(); return r.width > 0 && r.height > 0 && r.height < 44 })
    .map((el) => `${el.tagName} ${(el.textContent ?? '').trim().slice(0, 12)}`))
  expect(small, `${name} has tap targets under 44 px`).toEqual([])
  mkdirSync(SHOTS, { recursive: true })
  await shown.scrollIntoViewIfNeeded()
  await page.screenshot({ path: `${SHOTS}/${name}.png` })
}

async function signIn(page: Page, username: string, password: string) {
  await page.goto('/signin')
  await page.locator('input[name="username"]').fill(username)
  await page.locator('input[name="password"]').fill(password)
  await page.locator('form button[type="submit"]').click()
  await expect(page.getByTestId('signed-in')).toContainText('李明')
}

test('roster claim confirmed, password changed, 退出所有设备 signs out the other phone', async () => {
  test.setTimeout(150_000)
  const server = await startBranchServer()
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS })
  try {
    const setupLink = server.cliLink(['create-branch', '--name', '城西社区党支部', '--secretary', '张书记'])
    const sec = await (await phoneContext(browser, server.origin)).newPage()
    await sec.goto(setupLink)
    await sec.locator('input[name="username"]').fill('zhangshuji')
    await sec.locator('input[name="password"]').fill('secret-pass-1')
    await sec.getByTestId('join-submit').click()
    await expect(sec.getByTestId('signed-in')).toContainText('张书记')
    await addRoster(sec, '张书记', ['李明', '王芳'])
    await expect(sec.getByTestId('pending-badge')).toHaveCount(0, { timeout: 15_000 })
    await sec.goto('/account')
    await sec.getByTestId('create-invite').click()
    const code = (await sec.getByTestId('invite-code').textContent())?.trim() ?? ''

    // 李明 joins with the branch-wide invite and picks himself: the choice waits for the secretary.
    const phoneA = await (await phoneContext(browser, server.origin)).newPage()
    await phoneA.goto(`/join?code=${code}`)
    await phoneA.getByRole('button', { name: '李明', exact: true }).click()
    await phoneA.locator('input[name="username"]').fill('liming')
    await phoneA.locator('input[name="password"]').fill('member-pass-1')
    await phoneA.getByTestId('join-submit').click()
    await expect(phoneA.getByTestId('claim-pending')).toHaveText('已选择：李明，等待支部书记确认')

    // The secretary sees it as 待确认 and confirms.
    await sec.reload()
    const claim = sec.getByTestId('pending-claim')
    await expect(claim).toContainText('liming')
    await expect(claim.getByTestId('pending-name')).toHaveText('李明')
    await checkLayoutAndShoot(sec, 'account-secretary-claims', sec.getByTestId('pending-claims'))
    await claim.getByTestId('confirm-claim').click()
    await expect(sec.getByTestId('pending-claims')).toHaveCount(0)
    // a reset link for 李明, should he forget the password: the absolute link, its expiry in China time, a QR code
    const row = sec.getByTestId('account-list').locator('li').filter({ hasText: 'liming' })
    await row.getByTestId('reset-password').click()
    await expect(row.getByTestId('reset-url')).toContainText(`${server.origin}/join?code=`)
    await expect(row.getByTestId('reset-expiry')).toHaveText(/^\d{4}\/\d{1,2}\/\d{1,2} \d{2}:\d{2}:\d{2}（北京时间）前有效$/)
    await expect(row.locator('img.qr')).toBeVisible()
    await checkLayoutAndShoot(sec, 'account-secretary-reset-link', row)
    await phoneA.reload()
    await expect(phoneA.getByTestId('signed-in')).toContainText('李明')
    await expect(phoneA.getByTestId('claim-pending')).toHaveCount(0)

    // 李明 also uses a second phone; changing the password on the first signs the second out.
    const phoneB = await (await phoneContext(browser, server.origin)).newPage()
    await signIn(phoneB, 'liming', 'member-pass-1')
    await phoneA.locator('input[name="oldPassword"]').fill('member-pass-1')
    await phoneA.locator('input[name="newPassword"]').fill('liming')
    await phoneA.locator('input[name="repeatPassword"]').fill('liming')
    await phoneA.getByTestId('change-password').locator('button[type="submit"]').click()
    await expect(phoneA.getByTestId('password-error')).toHaveText('密码至少8位')
    await phoneA.locator('input[name="newPassword"]').fill('qingsong-cuibai-26')
    await phoneA.locator('input[name="repeatPassword"]').fill('qingsong-cuibai-26')
    await phoneA.getByTestId('change-password').locator('button[type="submit"]').click()
    await expect(phoneA.getByTestId('password-changed')).toContainText('其他手机已全部退出')
    await checkLayoutAndShoot(phoneA, 'account-member-security', phoneA.getByTestId('change-password'))
    await phoneB.goto('/account')
    await expect(phoneB.getByRole('link', { name: '重新登录' })).toBeVisible({ timeout: 20_000 })

    // Signed in again with the new password, phone B is signed out by 退出所有设备 on phone A (the lost phone case).
    await signIn(phoneB, 'liming', 'qingsong-cuibai-26')
    phoneA.once('dialog', (dialog) => {
      expect(dialog.message()).toContain('本机上的记录会保留')
      void dialog.accept()
    })
    await phoneA.getByTestId('signout-everywhere').click()
    await expect(phoneA.getByText('本机尚未登录支部')).toBeVisible()
    await phoneA.goto('/roster')
    await expect(phoneA.getByText('王芳')).toBeVisible()
    await phoneB.goto('/account')
    await expect(phoneB.getByRole('link', { name: '重新登录' })).toBeVisible({ timeout: 20_000 })
  } finally {
    await browser.close()
    await server.stop()
  }
})
