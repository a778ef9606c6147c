// 我的 at 360×780 on a phone used alone: log a 集中学习 naming two members, open 我的 from 更多, see each one's 学时
// against the rule (56 for the secretary, 32 for a member), offline.
import { test, expect, type Page } from '@playwright/test'
import { addRoster, waitForServiceWorker } from './support/app'

async function noSidewaysScroll(page: Page) {
  const overflow = await page.evaluate(() => Math.max(document.documentElement.scrollWidth, document.body.scrollWidth) - window.innerWidth)
  expect(overflow).toBeLessThanOrEqual(0)
}

test('a study session naming two members shows in 我的 as 学时 against the rule', async ({ page, context }) => {
  await page.goto('/')
  await waitForServiceWorker(page)
  await addRoster(page, '张书记', ['李明', '王芳'])

  // 集中学习 for 张书记 and 李明: the sheet names who took part; 王芳 is not expected
  await page.goto('/log')
  await page.locator('button[data-type="study"]').click()
  await page.getByRole('button', { name: '调整应到人员' }).click()
  await page.getByRole('button', { name: '王芳', exact: true }).click()
  await page.getByRole('button', { name: '完成' }).click()
  await expect(page.getByTestId('attendance-summary')).toContainText('应到 2 人，实到 2 人')
  await page.locator('input[name="creditHours"]').fill('3.5')
  await expect(page.getByTestId('study-credit-hint')).toContainText('实到')
  await page.getByTestId('save-activity').click()
  await expect(page.locator('[data-activity-id]').filter({ hasText: '集中学习' })).toBeVisible()

  // offline from here: 我的 reads this phone's records
  await context.setOffline(true)
  await page.goto('/more')
  await page.getByRole('link', { name: /我的/ }).click()
  await expect(page).toHaveURL(/\/me$/)
  await expect(page.getByTestId('my-credit-hours')).toHaveText('3.5')
  await expect(page.getByTestId('my-study')).toContainText('要求 56 学时')
  await expect(page.getByTestId('my-study-state')).toHaveText('还差 52.5 学时')
  await expect(page.getByTestId('my-attendance')).toContainText('应到 1 次，出席 1 次')
  await noSidewaysScroll(page)
  await page.screenshot({ path: 'docs/screenshots/my-year.png', fullPage: true })

  await page.locator('select[name="memberYearMember"]').selectOption({ label: '李明（党员）' })
  await expect(page.getByTestId('my-year-title')).toContainText('李明的')
  await expect(page.getByTestId('my-credit-hours')).toHaveText('3.5')
  await expect(page.getByTestId('my-study')).toContainText('要求 32 学时')
  await expect(page.getByTestId('my-study-state')).toHaveText('还差 28.5 学时')
  await page.locator('select[name="memberYearMember"]').selectOption({ label: '王芳（党员）' })
  await expect(page.getByTestId('my-credit-hours')).toHaveText('0')
  await noSidewaysScroll(page)

  // the roster opens a member's year too
  await page.goto('/roster')
  await page.getByRole('link', { name: '李明的年度情况' }).click()
  await expect(page.getByTestId('my-credit-hours')).toHaveText('3.5')
})
