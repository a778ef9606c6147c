// Submit and review of the year's 述职报告 across two browsers: the secretary on a phone (360×780) submits while
// offline (待发送, sent when online), the committee at its desk (1280×800) returns it with an opinion, the
// secretary reads the opinion, edits and submits again, the committee sees what changed and approves.
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

function percents(text: string): number[] {
  return [...text.matchAll(/(\d+(?:\.\d+)?)\s*%/g)].map((m) => Number(m[1]))
}

const OPINION = '请在第二部分写明存在问题的整改时限，并补充谈心谈话的对象。'
const ADDED = '针对党委意见，已明确整改时限为明年三月底前。'

test('submit → return with opinion → resubmit → approve, the first submission made offline', async () => {
  test.setTimeout(150_000)
  const server = await startBranchServer()
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS })
  try {
    const committeeLink = server.cliLink(['create-committee', '--name', '青松街道党工委', '--account', '王主任'])
    const branchLink = server.cliLink(['create-branch', '--name', '青松社区第一党支部', '--committee', '青松街道党工委', '--secretary', '张书记'])
    server.cliLink(['create-branch', '--name', '青松社区第二党支部', '--committee', '青松街道党工委', '--secretary', '刘书记'])

    // the secretary's phone: the roster, one 支委会 with everyone there, synced; then the report screen
    const phone = await phoneContext(browser, server.origin)
    const sec = await phone.newPage()
    await joinWithLink(sec, branchLink, 'zhang')
    await addRoster(sec, '张书记', ['李明', '王芳'])
    await sec.goto('/log')
    await sec.locator('button[data-type="committeeMeeting"]').click()
    await sec.locator('input[name="topic"]').fill('十二月支委会')
    await sec.getByTestId('save-activity').click()
    await expect(listRow(sec, '十二月支委会')).toBeVisible()
    await expect(sec.getByTestId('pending-badge')).toHaveCount(0, { timeout: 20_000 })
    await sec.goto('/report')
    await waitForServiceWorker(sec)
    const panel = sec.getByTestId('review-panel')
    await expect(panel.getByTestId('review-status')).toHaveText('未提交')

    // 提交 with no signal: it waits on the phone as 待发送 …
    await phone.setOffline(true)
    await panel.getByTestId('review-submit').click()
    await expect(panel.getByTestId('review-status')).toHaveText('待发送')
    await expect(panel.getByTestId('review-pending')).toContainText('联网后自动发送')
    await expect(panel.getByTestId('review-submit')).toBeDisabled()
    await panel.scrollIntoViewIfNeeded()
    await sec.screenshot({ path: 'docs/screenshots/report-submission-pending.png' })
    await sec.waitForTimeout(500)
    await expect(panel.getByTestId('review-status')).toHaveText('待发送')
    // … and goes when the phone is online again
    await phone.setOffline(false)
    await expect(panel.getByTestId('review-status')).toHaveText('已提交，待审阅', { timeout: 15_000 })
    await expect(panel.getByTestId('review-message')).toContainText('已送达党委')

    // the committee at its desk
    const desk = await browser.newContext({
      baseURL: server.origin, viewport: { width: 1280, height: 800 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', acceptDownloads: true,
    })
    const committee = await desk.newPage()
    await joinWithLink(committee, committeeLink, 'wang')
    await committee.getByTestId('committee-link').click()
    const reviewDesk = committee.getByTestId('review-desk')
    const branchButton = (name: string) => reviewDesk.locator(`[data-branch="${name}"]`)
    await expect(branchButton('青松社区第一党支部').getByTestId('review-branch-status')).toHaveText('待审阅')
    await expect(branchButton('青松社区第二党支部').getByTestId('review-branch-status')).toHaveText('未提交')
    await branchButton('青松社区第一党支部').click()
    const detail = committee.getByTestId('review-detail')
    await expect(detail.getByTestId('review-document')).toContainText('青松社区第一党支部书记抓基层党建工作述职报告')
    await expect(detail.getByTestId('review-document')).toContainText('支委会1次')
    // the desk uses its width: the list and the open report side by side
    const listBox = await reviewDesk.locator('.card').first().boundingBox()
    const detailBox = await detail.boundingBox()
    expect(detailBox!.x).toBeGreaterThan(listBox!.x + listBox!.width - 1)
    // 退回 needs an opinion
    await detail.getByTestId('review-return').click()
    await expect(detail.getByTestId('review-decide-error')).toHaveText('退回时请填写审阅意见。')
    await detail.getByTestId('review-opinion-input').fill(OPINION)
    await detail.getByTestId('review-return').click()
    await expect(detail.getByTestId('review-detail-status')).toHaveText('已退回')
    await expect(branchButton('青松社区第一党支部').getByTestId('review-branch-status')).toHaveText('已退回')
    await expect(detail.getByTestId('review-history')).toContainText(OPINION)

    // the secretary sees the opinion, edits the report and submits again
    await sec.reload()
    await expect(panel.getByTestId('review-status')).toHaveText('已退回')
    await expect(panel.getByTestId('review-opinion')).toContainText(OPINION)
    await expect(panel.getByTestId('review-opinion')).toContainText('王主任')
    await panel.scrollIntoViewIfNeeded()
    await sec.screenshot({ path: 'docs/screenshots/report-submission-returned.png' })
    const part = sec.getByTestId('report-draft').locator('[data-part="problems.1"]')
    await part.getByTestId('edit-part').click()
    const box = part.locator('textarea')
    await box.fill(`${await box.inputValue()}${ADDED}`)
    await part.getByTestId('finish-part').click()
    await expect(part).toContainText(ADDED)
    await sec.waitForTimeout(300)
    await expect(panel.getByTestId('review-submit')).toHaveText('再次提交')
    await panel.getByTestId('review-submit').click()
    await expect(panel.getByTestId('review-status')).toHaveText('已提交，待审阅', { timeout: 15_000 })

    // the committee reads the second version against the first and approves it
    await committee.reload()
    await branchButton('青松社区第一党支部').click()
    await expect(detail.getByTestId('review-version')).toHaveCount(2)
    await expect(detail.getByTestId('review-changes')).toHaveText('与第1版相比：改动1段。')
    await expect(detail.locator('[data-changed]')).toHaveCount(1)
    await expect(detail.locator('[data-changed]')).toContainText(ADDED)
    await committee.screenshot({ path: 'docs/screenshots/committee-review.png', fullPage: true, scale: 'css' })
    await detail.getByTestId('review-opinion-input').fill('同意。')
    await detail.getByTestId('review-approve').click()
    await expect(detail.getByTestId('review-detail-status')).toHaveText('已通过')
    await expect(detail.getByTestId('review-history')).toContainText('再次提交')
    const steps = await detail.getByTestId('review-history').locator('li strong').allTextContents()
    expect(steps).toEqual(['提交', '退回', '再次提交', '通过'])
    // rates on the committee page stay whole percents ≤ 100
    const shown = percents(await committee.locator('body').innerText())
    expect(shown).toContain(100)
    expect(shown.every((p) => p <= 100)).toBe(true)

    // the roll-up as Word, built on the desk
    const [docx] = await Promise.all([committee.waitForEvent('download'), committee.getByTestId('committee-export-docx').click()])
    expect(docx.suggestedFilename()).toMatch(/^青松街道党工委\d{4}年度基层党建工作情况报告\.docx$/)

    // and on a phone the desk still reads: no sideways page scroll
    await committee.setViewportSize({ width: 360, height: 780 })
    await expect(detail.getByTestId('review-document')).toBeVisible()
    expect(await committee.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1)).toBe(true)

    // the secretary's screen says 已通过, and there is nothing more to submit
    await sec.reload()
    await expect(panel.getByTestId('review-status')).toHaveText('已通过')
    await expect(panel.getByTestId('review-approved')).toContainText('同意。')
    await expect(panel.getByTestId('review-submit')).toHaveCount(0)
  } finally {
    await browser.close()
    await server.stop()
  }
})
