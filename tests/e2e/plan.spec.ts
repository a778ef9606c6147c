// A plan for the year at 360×780: a planned 主题党日 shows as 计划 on home and in the list and is not counted in the
// report; after its day one tap (已开展) opens it with attendance to add, and only once saved does it count.
// "Today" is Playwright's clock, fixed in China time.
import { test, expect, type Page } from '@playwright/test'
import { addRoster, listRow } from './support/app'

const SHOTS = process.env.SCREENSHOT_DIR ?? 'docs/screenshots'

async function shot(page: Page, name: string) {
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/${name}.png` })
}

const MONDAY = new Date('2026-03-09T10:00:00+08:00')
const THURSDAY = new Date('2026-03-12T10:00:00+08:00')

test('a planned 主题党日 is 计划 until held, and counts only once held', async ({ page }) => {
  await page.clock.setFixedTime(MONDAY)
  await addRoster(page, '张书记', ['李明'])

  // Entered one by one on the plan page: type, date, topic.
  await page.goto('/plan')
  await page.locator('select[name="planType"]').selectOption('themeDay')
  await page.locator('input[name="planDate"]').fill('2026-03-11')
  await page.locator('input[name="planTopic"]').fill('学习党章第二章')
  await page.getByTestId('add-plan').click()
  await expect(page.getByTestId('plan-list')).toContainText('学习党章第二章')
  await expect(page.getByTestId('plan-list').getByTestId('planned-badge')).toHaveText('计划')
  await shot(page, 'plan-page')

  // Home: the plan by its weekday, and not among what the month has recorded.
  await page.goto('/')
  await expect(page.getByTestId('home-plans')).toContainText('周三 主题党日：学习党章第二章')
  await expect(page.getByTestId('home-make-held')).toHaveCount(0)
  await expect(page.getByTestId('month-counts')).toHaveCount(0)
  await page.getByTestId('home-plans').scrollIntoViewIfNeeded()
  await shot(page, 'plan-home')

  // The list: 计划, and no 已开展 before the day.
  await page.goto('/activities?month=2026-03')
  await expect(listRow(page, '学习党章第二章').getByTestId('planned-badge')).toBeVisible()
  await expect(page.getByTestId('make-held')).toHaveCount(0)

  // The report does not count it.
  const themeDays = page.getByTestId('figure-cards').locator('[data-figure-key="type.themeDay"] .value')
  await page.goto('/report')
  await expect(themeDays).toHaveText('0次')

  // A date ahead in the log form asks 活动还没开？ and can be saved as a plan instead.
  await page.goto('/log')
  await page.locator('button[data-type="committeeMeeting"]').click()
  await page.locator('input[name="date"]').fill('2026-03-20')
  await page.getByTestId('save-activity').click()
  await expect(page.getByTestId('save-warnings')).toContainText('活动还没开？')
  await shot(page, 'log-future-date')
  await page.getByTestId('save-as-plan').click()
  await expect(listRow(page, '3月支委会').getByTestId('planned-badge')).toBeVisible()

  // Thursday: the day has come. One tap on home opens it with the attendance sheet; saving makes it held.
  await page.clock.setFixedTime(THURSDAY)
  await page.goto('/')
  await expect(page.getByTestId('home-plans')).toContainText('3月11日 主题党日：学习党章第二章')
  await page.getByTestId('home-make-held').click()
  await expect(page.getByTestId('making-held')).toBeVisible()
  await expect(page.getByTestId('attendance-summary')).toContainText('应到 2 人，实到 2 人')
  await page.getByRole('button', { name: /李明：出席/ }).click()
  await page.getByLabel('李明的请假事由').fill('出差')
  await expect(page.getByTestId('save-activity')).toHaveText('保存为已开展')
  await page.getByTestId('save-activity').click()
  const row = listRow(page, '学习党章第二章')
  await expect(row).toContainText('实到 1/2')
  await expect(row.getByTestId('planned-badge')).toHaveCount(0)
  await expect(listRow(page, '3月支委会').getByTestId('planned-badge')).toBeVisible()

  // Only now it counts.
  await page.goto('/report')
  await expect(themeDays).toHaveText('1次')
  await page.goto('/')
  await expect(page.getByTestId('month-counts')).toContainText('主题党日')
  await expect(page.getByTestId('home-plans')).not.toContainText('学习党章第二章')
})
