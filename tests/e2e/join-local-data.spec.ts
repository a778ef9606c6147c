// A phone used alone (its own roster, records with attendance) joins an existing branch whose roster shares some
// names. The mapping screen matches the same names and asks about the rest; after it, the secretary's phone shows the
// records with the branch's names in 出席/请假/缺席, and no name or record shows twice. Real branch server, 360×780.
import { test, expect, chromium, type Page } from '@playwright/test'
import { mkdirSync } from 'node:fs'
import { CHROMIUM_ARGS, addRoster, listRow } from './support/app'
import { phoneContext, startBranchServer } from './support/branchServer'
import { enterRoster, inviteCode, openSecretaryPhone, submitJoin } from './support/branchPeople'

const SHOTS = 'docs/screenshots'

/** Tap a person's mark on the attendance sheet until it reads `mark`. */
async function mark(page: Page, name: string, target: '请假' | '缺席') {
  const button = page.getByRole('button', { name: new RegExp(`^${name}：`) })
  for (let i = 0; i < 3 && (await button.textContent())?.trim() !== target; i++) await button.click()
  await expect(button).toHaveText(target)
  // 请假 without a reason would be warned about before saving (src/shared/model/softWarnings.ts)
  if (target === '请假') await page.getByLabel(`${name}的请假事由`).fill('事假')
}

async function logMeeting(page: Page, type: string, topic: string, marks: [string, '请假' | '缺席'][]) {
  await page.goto('/log')
  await page.locator(`button[data-type="${type}"]`).click()
  await page.locator('input[name="topic"]').fill(topic)
  for (const [name, m] of marks) await mark(page, name, m)
  await page.getByTestId('save-activity').click()
  await expect(listRow(page, topic)).toBeVisible()
}

/** No sideways scrolling and no tap target under 44 px on the page, then a screenshot of the screen, scrolled to `at`. */
async function shootAt360(page: Page, name: string, at?: string) {
  const overflow = await page.evaluate(() => Math.max(document.documentElement.scrollWidth, document.body.scrollWidth) - 360)
  expect(overflow, `${name} scrolls sideways`).toBeLessThanOrEqual(0)
  const small = await page.evaluate(() => [...document.querySelectorAll('main button, main a.btn, main select')]
    .filter((el) => { const r = el.getBoundingClientRect(); return r.width > 0 && r.height > 0 && r.height < 44 })
    .map((el) => (el.textContent ?? '').trim().slice(0, 12)))
  expect(small, `${name} has tap targets under 44 px`).toEqual([])
  mkdirSync(SHOTS, { recursive: true })
  if (at) await page.locator(at).first().evaluate((el) => el.scrollIntoView({ block: 'start' }))
  else await page.evaluate(() => window.scrollTo(0, 0))
  await page.screenshot({ path: `${SHOTS}/${name}.png` })
}

async function attendanceOf(page: Page, topic: string) {
  await page.goto('/activities')
  await expect(listRow(page, topic)).toHaveCount(1, { timeout: 20_000 })
  await listRow(page, topic).click()
  await expect(page.getByTestId('detail-topic')).toHaveText(topic)
  return page.locator('main section').filter({ hasText: '参会情况' })
}

test('a phone used alone joins a branch: its roster is mapped, the secretary sees the right names once', async () => {
  test.setTimeout(180_000)
  const server = await startBranchServer()
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS })
  try {
    const sec = await openSecretaryPhone(browser, server, '城南社区党支部', '张书记')
    await enterRoster(sec, '张书记', ['李明', '王芳', '赵强'])
    const code = await inviteCode(sec)

    // 李明 used the app alone: his own roster (刘伟 is not on the branch's; he wrote 赵强 as 小赵) and two meetings.
    const phone = await (await phoneContext(browser, server.origin)).newPage()
    await phone.goto('/')
    await addRoster(phone, '张书记', ['李明', '王芳', '刘伟', '小赵'])
    await logMeeting(phone, 'themeDay', '本机记的主题党日', [['王芳', '请假'], ['小赵', '缺席']])
    await logMeeting(phone, 'generalMeeting', '本机记的党员大会', [['李明', '请假']])

    // Joining: the same names are matched, the rest asked about, with how many records mention each.
    await submitJoin(phone, code, '李明', 'liming')
    await expect(phone).toHaveURL(/\/join\/roster$/, { timeout: 20_000 })
    const matched = phone.getByTestId('mapping-matched')
    for (const name of ['张书记', '李明', '王芳']) await expect(matched.locator(`[data-local-name="${name}"]`)).toBeVisible()
    const unmatched = phone.getByTestId('mapping-unmatched')
    await expect(unmatched.locator('[data-local-name]')).toHaveCount(2)
    await expect(unmatched.locator('[data-local-name="小赵"]')).toContainText('本机 2 条记录提到')
    await expect(phone.getByTestId('mapping-open')).toHaveText('还有 2 人未选择')
    await expect(phone.getByTestId('mapping-confirm')).toBeDisabled()
    await shootAt360(phone, 'join-roster-mapping')

    // Until it is confirmed nothing of the phone's reaches the branch, and its roster shows no name twice.
    await phone.goto('/roster')
    await expect(phone.getByTestId('roster-list').locator('li')).toHaveCount(4)
    await phone.goto('/account')
    await phone.getByTestId('mapping-pending').getByRole('link', { name: '去对应名册' }).click()
    await expect(phone).toHaveURL(/\/join\/roster$/)

    await phone.locator('[data-local-name="小赵"] select').selectOption({ label: '赵强' })
    await phone.locator('[data-local-name="刘伟"] select').selectOption({ label: '非名册人员' })
    await expect(phone.getByTestId('mapping-open')).toHaveCount(0)
    await shootAt360(phone, 'join-roster-mapping-chosen', '[data-testid="mapping-unmatched"]')
    await phone.getByTestId('mapping-confirm').click()
    await expect(phone).toHaveURL(/\/account$/)
    await expect(phone.getByTestId('pending-badge')).toHaveCount(0, { timeout: 20_000 })

    // The member's phone: the branch roster, each name once.
    await phone.goto('/roster')
    await expect(phone.getByTestId('roster-list').locator('.member-row > span:first-child')).toHaveText(['张书记', '李明', '王芳', '赵强'])

    // The secretary's phone: each record once, with the branch's names.
    const themeDay = await attendanceOf(sec, '本机记的主题党日')
    await expect(themeDay).toContainText('应到 4 人，实到 2 人，请假 1 人，缺席 1 人')
    await expect(themeDay).toContainText('出席：张书记、李明')
    await expect(themeDay).toContainText('请假：王芳')
    await expect(themeDay).toContainText('缺席：赵强')
    await expect(themeDay).toContainText('列席：刘伟')
    await expect(sec.locator('main')).not.toContainText('已移除')
    await shootAt360(sec, 'join-roster-secretary-sees', 'main section')

    const general = await attendanceOf(sec, '本机记的党员大会')
    await expect(general).toContainText('出席：张书记、王芳、赵强')
    await expect(general).toContainText('请假：李明')
    await expect(sec.locator('main')).not.toContainText('已移除')

    await sec.goto('/roster')
    await expect(sec.getByTestId('roster-list').locator('li')).toHaveCount(4)
  } finally {
    await browser.close()
    await server.stop()
  }
})
