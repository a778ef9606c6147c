// A 党委 over two branches: each secretary logs on their phone; the committee account reads the per-branch table
// and the roll-up text compiled on the server, without holding any branch's phone data.
import { test, expect, chromium, type Page } from '@playwright/test'
import { CHROMIUM_ARGS, listRow } from './support/app'
import { phoneContext, startBranchServer } from './support/branchServer'

async function joinWithLink(page: Page, link: string, username: string) {
  await page.goto(link)
  await page.locator('input[name="username"]').fill(username)
  await page.locator('input[name="password"]').fill('secret-pass-1')
  await page.getByTestId('join-submit').click()
  await expect(page.getByTestId('signed-in')).toBeVisible()
}

async function logSynced(page: Page, type: string, topic: string) {
  await page.goto('/log')
  await page.locator(`button[data-type="${type}"]`).click()
  await page.locator('input[name="topic"]').fill(topic)
  await page.getByTestId('save-activity').click()
  await expect(listRow(page, topic)).toBeVisible()
}

test('a committee reads its branches\' figures compiled on the server', async () => {
  test.setTimeout(120_000)
  const server = await startBranchServer()
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS })
  try {
    const committeeLink = server.cliLink(['create-committee', '--name', '红星街道党工委', '--account', '王主任'])
    const linkA = server.cliLink(['create-branch', '--name', '第一党支部', '--committee', '红星街道党工委', '--secretary', '张书记'])
    const linkB = server.cliLink(['create-branch', '--name', '第二党支部', '--committee', '红星街道党工委', '--secretary', '刘书记'])

    const a = await (await phoneContext(browser, server.origin)).newPage()
    await joinWithLink(a, linkA, 'zhang')
    await logSynced(a, 'themeDay', '一支部主题党日')
    const b = await (await phoneContext(browser, server.origin)).newPage()
    await joinWithLink(b, linkB, 'liu')
    await logSynced(b, 'committeeMeeting', '二支部第一次支委会')
    await logSynced(b, 'committeeMeeting', '二支部第二次支委会')
    await expect(a.getByTestId('pending-badge')).toHaveCount(0, { timeout: 20_000 })
    await expect(b.getByTestId('pending-badge')).toHaveCount(0, { timeout: 20_000 })

    const committee = await (await phoneContext(browser, server.origin)).newPage()
    await joinWithLink(committee, committeeLink, 'wang')
    await committee.getByTestId('committee-link').click()
    const table = committee.getByTestId('committee-table')
    await expect(table.locator('tbody tr')).toHaveCount(2)
    await expect(table.locator('tbody tr').filter({ hasText: '第一党支部' })).toBeVisible()
    const headers = await table.locator('thead th').allTextContents()
    const column = (label: string) => headers.findIndex((h) => h.startsWith(label))
    const cell = async (row: string, label: string) =>
      (await table.locator('tr').filter({ hasText: row }).locator('th, td').nth(column(label)).textContent())?.trim()
    expect(await cell('第一党支部', '主题党日')).toBe('1')
    expect(await cell('第二党支部', '支委会')).toBe('2')
    expect(await cell('合计', '支委会')).toBe('2')
    await expect(committee.getByTestId('committee-text')).toContainText('主题党日活动1次')
    await expect(committee.getByTestId('committee-text')).toContainText('支委会2次')
    await committee.screenshot({ path: 'docs/screenshots/committee.png' })
  } finally {
    await browser.close()
    await server.stop()
  }
})
