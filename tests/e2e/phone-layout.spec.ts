// Every main screen at 360 px: no sideways scrolling, tap targets at least 44 px, and a screenshot to look at.
import { test, expect, type Page } from '@playwright/test'
import { mkdirSync } from 'node:fs'
import { addRoster } from './support/app'

const SHOTS = 'docs/screenshots'

// The one-time "已可离线使用" card counts as seen, so it does not sit in the screenshots.
test.beforeEach(async ({ page }) => {
  await page.addInitScript(() => localStorage.setItem('branch-log:notice:offline-ready', 'seen'))
})

async function checkPhoneLayout(page: Page, name: string) {
  await page.waitForLoadState('networkidle')
  const overflow = await page.evaluate(() => Math.max(document.documentElement.scrollWidth, document.body.scrollWidth) - 360)
  expect(overflow, `${name} scrolls sideways`).toBeLessThanOrEqual(0)
  const smallTargets = await page.evaluate(() => [...document.querySelectorAll('button, a.btn, .chip, .tab, select, input:not(.sr-only)')]
    // a checkbox's tap target is its whole label
    .map((el) => (el instanceof HTMLInputElement && el.type === 'checkbox' ? el.closest('label') ?? el : el))
    .filter((el) => { const r = el.getBoundingClientRect(); return r.width > 0 && r.height > 0 && r.height < 44 })
    .map((el) => `${el.tagName} ${(el.textContent ?? '').trim().slice(0, 12)} ${Math.round(el.getBoundingClientRect().height)}px`))
  expect(smallTargets, `${name} has tap targets under 44 px`).toEqual([])
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: false })
}

test('main screens fit a 360 px phone', async ({ page }) => {
  mkdirSync(SHOTS, { recursive: true })
  await page.goto('/')
  await checkPhoneLayout(page, 'home-first-run')
  await addRoster(page, '张书记', ['李明', '王芳', '赵强', '孙丽', '周伟'])
  await checkPhoneLayout(page, 'roster')

  await page.goto('/log')
  await checkPhoneLayout(page, 'log-pick-type')
  await page.locator('button[data-type="themeDay"]').click()
  await page.locator('button[data-type="generalMeeting"]').click()
  await page.getByRole('button', { name: /李明：出席/ }).click()
  // 请假 without a reason would be warned about before saving (src/shared/model/softWarnings.ts)
  await page.getByLabel('李明的请假事由').fill('出差')
  await checkPhoneLayout(page, 'log-theme-day')
  await page.getByTestId('save-activity').click()
  await checkPhoneLayout(page, 'list')

  await page.locator('[data-activity-id]').first().click()
  await checkPhoneLayout(page, 'detail')
  await page.goto('/')
  await checkPhoneLayout(page, 'home')
  await page.goto('/settings')
  await checkPhoneLayout(page, 'settings')
})

test('with the phone set to large text (150%), nothing scrolls sideways', async ({ page }) => {
  await page.addInitScript(() => {
    document.addEventListener('DOMContentLoaded', () => {
      const style = document.createElement('style')
      style.textContent = 'html { font-size: 168.75% !important; }' // 150% of the app's 112.5%
      document.head.appendChild(style)
    })
  })
  await addRoster(page, '张书记', ['李明', '王芳'])
  for (const path of ['/', '/log?type=themeDay', '/activities', '/settings', '/roster', '/more']) {
    await page.goto(path)
    await page.waitForLoadState('networkidle')
    const overflow = await page.evaluate(() => Math.max(document.documentElement.scrollWidth, document.body.scrollWidth) - 360)
    expect(overflow, `${path} scrolls sideways at 150% text`).toBeLessThanOrEqual(0)
  }
  await page.goto('/log?type=committeeMeeting')
  await page.screenshot({ path: `${SHOTS}/log-large-text.png` })
})
