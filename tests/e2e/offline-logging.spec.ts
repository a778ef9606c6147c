// A new member's first day: roster, two meetings, no signal, a closed browser. Real Chromium, phone viewport.
import { test, expect, chromium } from '@playwright/test'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { CHROMIUM_ARGS, addRoster, listRow, waitForServiceWorker } from './support/app'

const baseURL = `http://127.0.0.1:${process.env.E2E_PORT ?? 4173}`

test('log with no signal, survive reload and a closed browser', async () => {
  const profile = mkdtempSync(join(tmpdir(), 'branch-log-profile-'))
  const launch = () => chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS, baseURL,
    viewport: { width: 360, height: 780 }, isMobile: true, hasTouch: true, locale: 'zh-CN', timezoneId: 'Asia/Shanghai',
  })
  try {
    let context = await launch()
    let page = context.pages()[0] ?? await context.newPage()
    await page.goto('/')
    await expect(page.getByRole('heading', { name: '欢迎使用支部纪实' })).toBeVisible()
    await waitForServiceWorker(page)
    await addRoster(page, '张书记', ['李明', '王芳', '赵强'])

    // A routine 主题党日: from home, tap the type, tap save — two taps.
    await page.goto('/')
    await page.locator('[data-quick="themeDay"]').click()
    await expect(page.getByTestId('attendance-summary')).toContainText('应到 4 人，实到 4 人')
    await page.getByTestId('save-activity').click()
    await expect(listRow(page, '主题党日')).toBeVisible()

    // A 支委会 with one member on leave.
    await page.goto('/log')
    await page.locator('button[data-type="committeeMeeting"]').click()
    await expect(page.getByTestId('attendance-summary')).toContainText('应到 1 人')
    await page.getByRole('button', { name: '调整应到人员' }).click()
    await page.getByRole('button', { name: '李明', exact: true }).click()
    await page.getByRole('button', { name: '王芳', exact: true }).click()
    await page.getByRole('button', { name: '完成' }).click()
    await page.getByRole('button', { name: /王芳：出席/ }).click()
    await page.getByLabel('王芳的请假事由').fill('出差')
    await expect(page.getByTestId('attendance-summary')).toContainText('应到 3 人，实到 2 人，请假 1 人')
    await page.getByTestId('save-activity').click()
    await expect(listRow(page, '支委会')).toContainText('实到 2/3')
    // A phone used alone (not signed in to a branch) has nothing to sync: no counter that never goes down.
    await expect(page.getByTestId('pending-badge')).toHaveCount(0)

    // No signal: the app still loads from the service worker and shows both records.
    await context.setOffline(true)
    await page.reload()
    await expect(page.getByTestId('offline-badge')).toBeVisible()
    await expect(listRow(page, '主题党日')).toBeVisible()
    await expect(listRow(page, '支委会')).toBeVisible()

    // Log one more while offline.
    await page.goto('/log')
    await page.locator('button[data-type="heartTalk"]').click()
    await page.locator('input[name="topic"]').first().fill('与李明谈心谈话')
    await page.getByTestId('save-activity').click()
    await expect(listRow(page, '与李明谈心谈话')).toBeVisible()
    await context.close()

    // Close the browser and open it again with the same profile: all three are there.
    context = await launch()
    await context.setOffline(true)
    page = context.pages()[0] ?? await context.newPage()
    await page.goto('/activities')
    await expect(page.getByTestId('list-count')).toContainText('本月 3 条')
    await listRow(page, '支委会').click()
    await expect(page.getByText('请假：王芳（出差）')).toBeVisible()
    await context.close()
  } finally {
    rmSync(profile, { recursive: true, force: true })
  }
})
