// Helpers that drive the app the way a member would.
import { expect, type Page } from '@playwright/test'

export const CHROMIUM_ARGS = ['--lang=zh-CN', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync']

export async function waitForServiceWorker(page: Page): Promise<void> {
  await page.evaluate(async () => { await navigator.serviceWorker.ready })
}

export async function addRoster(page: Page, secretary: string, others: string[]): Promise<void> {
  await page.goto('/roster')
  await page.locator('input[name="memberName"]').fill(secretary)
  await page.locator('select[name="memberRole"]').first().selectOption('secretary')
  await page.getByRole('button', { name: '添加', exact: true }).click()
  await expect(page.getByTestId('roster-list')).toContainText(secretary)
  await page.locator('textarea[name="bulkNames"]').fill(others.join('、'))
  await page.getByRole('button', { name: '全部添加' }).click()
  for (const name of others) await expect(page.getByTestId('roster-list')).toContainText(name)
}

/** The row of a saved record in the month list. */
export function listRow(page: Page, topic: string) {
  return page.locator('[data-activity-id]').filter({ hasText: topic })
}
