// The safety net at 360×780: two members called 王芳 on one roster (told apart by 备注, a bulk add skipping the
// duplicate), and 删除 → a confirmation sheet within thumb reach → 回收站 → 恢复. The undo toast sits above the tab
// bar, clear of the month switcher.
import { test, expect, type Locator, type Page } from '@playwright/test'
import { listRow } from './support/app'

async function box(locator: Locator) {
  const b = await locator.boundingBox()
  if (!b) throw new Error('not on screen')
  return b
}

async function noHorizontalOverflow(page: Page) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360)
}

test('two 王芳 on the roster; delete asks, goes to 回收站 and comes back with 恢复', async ({ page }) => {
  // The roster: a second 王芳 needs a 备注, and then both are there, told apart everywhere.
  await page.goto('/roster')
  await page.locator('input[name="memberName"]').fill('王芳')
  await page.getByRole('button', { name: '添加', exact: true }).click()
  await expect(page.getByTestId('roster-list')).toContainText('王芳')
  await page.locator('input[name="memberName"]').fill('王芳')
  await page.getByRole('button', { name: '添加', exact: true }).click()
  await expect(page.getByRole('alert')).toContainText('名册中已有“王芳”，同名的请在备注中写明区别')
  await page.locator('input[name="memberNote"]').fill('第二党小组')
  await page.getByRole('button', { name: '添加', exact: true }).click()
  await expect(page.getByTestId('roster-list')).toContainText('王芳（第二党小组）')

  // A bulk add with a duplicate adds the rest and lists what it skipped.
  await page.locator('textarea[name="bulkNames"]').fill('李明、王芳、张三')
  await page.getByRole('button', { name: '全部添加' }).click()
  await expect(page.getByTestId('bulk-skipped')).toContainText('以下 1 人名册中已有（或名单中重复），未添加：王芳')
  const roster = page.getByTestId('roster-list')
  await expect(roster.locator('li')).toHaveCount(4)
  await expect(roster).toContainText('李明')
  await expect(roster).toContainText('张三')
  await noHorizontalOverflow(page)
  await page.getByRole('button', { name: '关闭提示' }).click()
  await page.getByTestId('bulk-skipped').scrollIntoViewIfNeeded()
  await page.screenshot({ path: 'docs/screenshots/roster-duplicate-names.png' })

  // The attendance sheet names both apart.
  await page.goto('/log?type=themeDay')
  await expect(page.locator('input[name="topic"]')).toHaveValue(/主题党日/)
  await expect(page.getByRole('button', { name: '王芳（第二党小组）：出席，点按切换' })).toBeVisible()
  await expect(page.getByRole('button', { name: '王芳：出席，点按切换' })).toBeVisible()
  await page.locator('input[name="topic"]').fill('十一月主题党日：重温入党誓词')
  await page.getByTestId('save-activity').click()
  await listRow(page, '重温入党誓词').click()
  await expect(page.getByTestId('detail-entered-by')).toHaveText('本机')
  await expect(page.getByTestId('detail-entered-at')).toContainText('日')

  // 删除 asks first, from the bottom of the screen; 取消 is the focused answer.
  await page.getByTestId('delete-activity').click()
  const sheet = page.getByTestId('confirm-sheet')
  await expect(sheet).toContainText('删除这条记录？')
  await expect(sheet).toContainText('30天内可在回收站恢复')
  await expect(page.getByTestId('confirm-no')).toBeFocused()
  const yes = await box(page.getByTestId('confirm-yes'))
  expect(yes.y).toBeGreaterThan(780 / 2)
  expect(yes.y + yes.height).toBeLessThanOrEqual(780)
  expect(yes.height).toBeGreaterThanOrEqual(44)
  expect(yes.width).toBeGreaterThan(300)
  await page.screenshot({ path: 'docs/screenshots/delete-confirm.png' })
  await page.getByTestId('confirm-yes').click()

  // The list, with the undo toast above the tab bar, not over the month switcher.
  await expect(page.getByTestId('list-count')).toContainText('本月 0 条')
  const toast = page.getByRole('status').filter({ hasText: '已删除这条记录' })
  await expect(toast).toBeVisible()
  const switcher = await box(page.locator('.switcher'))
  const toastBox = await box(toast)
  expect(toastBox.y).toBeGreaterThanOrEqual(switcher.y + switcher.height)
  const tabBar = await box(page.locator('.tabbar'))
  expect(toastBox.y + toastBox.height).toBeLessThanOrEqual(tabBar.y)

  // 回收站 lists it; 恢复 brings it back to the month.
  await page.getByTestId('recycle-bin-link').click()
  await expect(page).toHaveURL(/\/activities\/recycle-bin$/)
  const entry = page.getByTestId('recycle-bin-list').locator('li').filter({ hasText: '重温入党誓词' })
  await expect(entry).toContainText('录入人 本机')
  await noHorizontalOverflow(page)
  await page.screenshot({ path: 'docs/screenshots/recycle-bin.png' })
  await entry.getByTestId('restore-activity').click()
  await expect(page.getByTestId('recycle-bin-empty')).toBeVisible()
  await page.goto('/activities')
  await expect(page.getByTestId('list-count')).toContainText('本月 1 条')
  await expect(listRow(page, '重温入党誓词')).toContainText('本机 录入于')
  await noHorizontalOverflow(page)
  await page.screenshot({ path: 'docs/screenshots/activity-list-entered-by.png' })

  // 新同步: as if the last pull had brought this record from another phone (what db/sync/pull.ts notes), the
  // notice shows on home once the sync code has loaded; its link lists the record; 知道了 clears it.
  const id = await listRow(page, '重温入党誓词').getAttribute('data-activity-id')
  await page.evaluate((recordId) => new Promise<void>((resolve, reject) => {
    const open = indexedDB.open('branch-log')
    open.onerror = () => reject(open.error)
    open.onsuccess = () => {
      const tx = open.result.transaction('meta', 'readwrite')
      tx.objectStore('meta').put({ key: 'newlySynced', value: [recordId] })
      tx.oncomplete = () => { open.result.close(); resolve() }
      tx.onerror = () => reject(tx.error)
    }
  }), id)
  await page.goto('/')
  await expect(page.getByTestId('new-sync-link')).toHaveText('新同步 1 条记录 查看')
  await page.getByTestId('new-sync-link').click()
  await expect(page.getByTestId('synced-count')).toHaveText('1 条')
  await expect(listRow(page, '重温入党誓词')).toBeVisible()
  await page.getByTestId('synced-seen').click()
  await expect(page.getByTestId('list-count')).toBeVisible()
  await expect(page.getByTestId('new-sync-notice')).toHaveCount(0)
  const left = await page.evaluate(() => new Promise<unknown>((resolve, reject) => {
    const open = indexedDB.open('branch-log')
    open.onerror = () => reject(open.error)
    open.onsuccess = () => {
      const read = open.result.transaction('meta').objectStore('meta').get('newlySynced')
      read.onsuccess = () => { open.result.close(); resolve(read.result) }
    }
  }))
  expect(left).toBeUndefined()
})
