// A 党委 over two branches: each secretary logs on their phone; the committee account reads the per-branch table
// and the roll-up text compiled on the server, without holding any branch's phone data.
import { readFileSync } from 'node:fs'
import readXlsxFile from 'read-excel-file/node'
import { test, expect, chromium, type Page } from '@playwright/test'
import { addRoster, CHROMIUM_ARGS, listRow, waitForServiceWorker } from './support/app'
import { phoneContext, startBranchServer } from './support/branchServer'

async function joinWithLink(page: Page, link: string, username: string) {
  await page.goto(link)
  await page.locator('input[name="username"]').fill(username)
  await page.locator('input[name="password"]').fill('secret-pass-1')
  await page.getByTestId('join-submit').click()
  await expect(page.getByTestId('signed-in')).toBeVisible()
}

/** A China date `days` before today, YYYY-MM-DD. */
function chinaDaysAgo(days: number): string {
  return new Date(Date.now() + 8 * 3600_000 - days * 86_400_000).toISOString().slice(0, 10)
}

/** Every percent shown in `text`, as numbers. */
function percents(text: string): number[] {
  return [...text.matchAll(/(\d+(?:\.\d+)?)\s*%/g)].map((m) => Number(m[1]))
}

async function logSynced(page: Page, type: string, topic: string, date?: string) {
  await page.goto('/log')
  await page.locator(`button[data-type="${type}"]`).click()
  if (date) await page.locator('input[name="date"]').fill(date)
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
    await addRoster(a, '张书记', ['李明', '王芳'])
    // back-dated: the first branch's checking starts two months ago, so it has missed 支委会 months
    const backDate = chinaDaysAgo(62)
    const year = backDate.slice(0, 4)
    await logSynced(a, 'themeDay', '一支部主题党日', backDate)
    const b = await (await phoneContext(browser, server.origin)).newPage()
    await joinWithLink(b, linkB, 'liu')
    await logSynced(b, 'committeeMeeting', '二支部第一次支委会')
    await logSynced(b, 'committeeMeeting', '二支部第二次支委会')
    await expect(a.getByTestId('pending-badge')).toHaveCount(0, { timeout: 20_000 })
    await expect(b.getByTestId('pending-badge')).toHaveCount(0, { timeout: 20_000 })

    const desk = await browser.newContext({
      baseURL: server.origin, viewport: { width: 1280, height: 800 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', acceptDownloads: true,
    })
    const committee = await desk.newPage()
    await joinWithLink(committee, committeeLink, 'wang')
    await committee.getByTestId('committee-link').click()
    await committee.getByRole('button', { name: `${year}年` }).click()
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
    // rates are whole percents: the first branch's 主题党日 had everyone there
    expect(await cell('第一党支部', '平均参会率')).toBe('100%')
    expect(await cell('合计', '平均参会率')).toBe('100%')

    // the desktop uses its width: the whole table is on screen, no sideways scrolling
    const box = await table.boundingBox()
    expect(box!.width).toBeGreaterThan(900)
    const scroller = table.locator('xpath=..')
    expect(await scroller.evaluate((el) => el.scrollWidth <= el.clientWidth + 1)).toBe(true)

    const text = committee.getByTestId('committee-text')
    await expect(text).toContainText('指导所属2个党支部落实“三会一课”制度')
    await expect(text).toContainText('主题党日活动1次')
    await expect(text).toContainText('支委会2次')
    await expect(text).toContainText('尚有未按期召开的会议（第一党支部')
    await expect(text).not.toContainText('支部书记讲党课')
    expect(percents(await committee.locator('main, body').first().innerText()).every((p) => p <= 100)).toBe(true)

    // 缺 N opens which rule and which months
    const missed = table.locator('tr').filter({ hasText: '第一党支部' }).getByTestId('missed-toggle')
    const count = Number((await missed.textContent())!.replace(/\D/g, ''))
    expect(count).toBeGreaterThan(0)
    await missed.click()
    const detail = committee.getByTestId('missed-detail')
    await expect(detail).toContainText('第一党支部未按期召开的会议')
    await expect(detail).toContainText('支委会每月')
    await expect(detail).toContainText(/缺\d{1,2}月/)
    const listed = (await detail.locator('li').allTextContents()).reduce((n, li) => n + li.split('：缺')[1]!.split('、').length, 0)
    expect(listed).toBe(count)
    await committee.screenshot({ path: 'docs/screenshots/committee.png', fullPage: true, scale: 'css' })

    // the export is built from the loaded table, so it works offline
    await waitForServiceWorker(committee)
    await desk.setOffline(true)
    const [download] = await Promise.all([committee.waitForEvent('download'), committee.getByTestId('committee-export-csv').click()])
    expect(download.suggestedFilename()).toBe(`红星街道党工委${year}年各支部汇总.csv`)
    const csv = readFileSync((await download.path())!, 'utf8')
    expect(csv.startsWith('\uFEFF红星街道党工委')).toBe(true)
    const lines = csv.trim().split('\r\n')
    expect(lines[1]).toMatch(/^支部,未按期召开（期）,未按期召开的会议,/)
    expect(lines.find((l) => l.startsWith('第一党支部,'))).toMatch(new RegExp(`^第一党支部,${count},[^,]*支委会每月`))
    expect(lines.at(-1)).toMatch(/^合计,/)
    expect(percents(csv).every((p) => p <= 100)).toBe(true)
    expect(percents(csv)).toContain(100)
    const [xlsx] = await Promise.all([committee.waitForEvent('download'), committee.getByTestId('committee-export-xlsx').click()])
    expect(xlsx.suggestedFilename()).toBe(`红星街道党工委${year}年各支部汇总.xlsx`)
    const [sheet] = await readXlsxFile(readFileSync((await xlsx.path())!))
    expect(sheet!.sheet).toBe('各支部汇总')
    expect(sheet!.data[0]![0]).toBe(`红星街道党工委${year}年各支部情况汇总`)
    const header = sheet!.data[2]!.map(String)
    const branchRow = sheet!.data.find((r) => r[0] === '第二党支部')!
    expect(branchRow[header.indexOf('支委会（次）')]).toBe(2)
    const firstRow = sheet!.data.find((r) => r[0] === '第一党支部')!
    expect(firstRow[header.indexOf('未按期召开（期）')]).toBe(count)
    expect(firstRow[header.indexOf('平均参会率（%）')]).toBe('100%')
    await desk.setOffline(false)

    // still usable on a phone: the same page at 360 px scrolls the table sideways inside its card
    await committee.setViewportSize({ width: 360, height: 780 })
    await expect(table).toBeVisible()
    expect(await committee.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1)).toBe(true)
    await expect(detail).toBeVisible()
    expect(percents(await committee.locator('body').innerText()).every((p) => p <= 100)).toBe(true)
    await committee.screenshot({ path: '.tmp/committee-360.png', fullPage: true })
  } finally {
    await browser.close()
    await server.stop()
  }
})
