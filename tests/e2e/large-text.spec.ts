// Every main screen at 360×780 with the browser's default font at 100 %, 150 % and 200 %: no text over text, no
// sideways scrolling, nothing cut off, tab and quick-log labels on one line, and while a field is focused the bars
// leave at least half the screen to the form. index.html opts in to the system text scale (<meta name="text-scale">),
// so Android's font size setting sets the same root size; the last test checks that with the emulated system scale.
import { test, expect, type Page } from '@playwright/test'
import { mkdirSync } from 'node:fs'
import { brokenLabels, findLayoutProblems, pageAreaHeight, setBrowserTextSize, setSystemTextScale } from './support/layoutProblems'

const SHOTS = 'docs/screenshots'
// Screenshots 360 px wide, to keep the committed PNGs small.
test.use({ deviceScaleFactor: 1 })
// The one-time "已可离线使用" card counts as seen, so it does not sit in the screenshots.
test.beforeEach(async ({ page }) => {
  await page.addInitScript(() => localStorage.setItem('branch-log:notice:offline-ready', 'seen'))
})
const today = new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' })
const NOW = `${today}T09:00:00.000+08:00`

const member = (id: string, name: string, role: string, order: number) => ({
  id, name, role, group: '', active: true, order, createdAt: NOW, updatedAt: NOW, deleted: false,
})
const base = { date: today, place: '社区党群服务中心二楼会议室', host: '张书记', recorder: '李明', summary: '学习了新修订的《中国共产党纪律处分条例》', resolution: '', photoIds: [], createdBy: 'member-zhang', createdAt: NOW, updatedAt: NOW, backfilled: false, deleted: false }
const ALL = ['member-zhang', 'member-li', 'member-wang', 'member-zhao']
const sheet = (expected: string[], leave: string[] = []) => ({ expected, leave: leave.map((memberId) => ({ memberId, reason: '出差' })), absent: [], observers: '' })
const backup = {
  format: 'zhibu-jishi-backup', version: 1, exportedAt: NOW, photos: [],
  settings: { branchName: '红星社区第一党支部', defaultPlace: '党员活动室', groups: [], trackingSince: `${today.slice(0, 4)}-01-01`, rules: [
    { id: 'theme-day-monthly', type: 'themeDay', period: 'month', min: 1, basis: '主题党日每月1次', enabled: true },
    { id: 'general-quarterly', type: 'generalMeeting', period: 'quarter', min: 1, basis: '支部工作条例第十一条', enabled: true },
    { id: 'committee-monthly', type: 'committeeMeeting', period: 'month', min: 1, basis: '支部工作条例第十一条', enabled: true },
  ] },
  members: [member('member-zhang', '张书记', 'secretary', 0), member('member-li', '李明', 'member', 1),
    member('member-wang', '王芳', 'member', 2), member('member-zhao', '赵强', 'member', 3)],
  activities: [
    { ...base, id: 'act-theme', types: ['themeDay', 'generalMeeting'], topic: '重温入党誓词暨支部党员大会', attendance: sheet(ALL, ['member-wang']) },
    { ...base, id: 'act-committee', types: ['committeeMeeting'], topic: '研究发展党员工作', attendance: sheet(['member-zhang', 'member-li']) },
    { ...base, id: 'act-volunteer', types: ['volunteer'], topic: '社区环境整治志愿服务', volunteer: { participants: 6, hours: 12, beneficiaries: 30 } },
  ],
}

async function importBackup(page: Page) {
  await page.goto('/settings')
  await page.getByTestId('import-backup').setInputFiles({ name: 'backup.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(backup)) })
  await expect(page.getByTestId('backup-message')).toContainText('新增 3 条活动')
}

async function expectSound(page: Page, screen: string, percent: number, screenshot = true) {
  await page.waitForLoadState('networkidle')
  await page.evaluate(() => document.fonts.ready)
  // still the size under test (a full-page or element screenshot in Playwright would reset it)
  expect(await page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize)), `${screen} root font size`).toBeCloseTo(18 * percent / 100, 0)
  const problems = await findLayoutProblems(page)
  expect.soft(problems.sidewaysScroll, `${screen} at ${percent}% scrolls sideways`).toBeLessThanOrEqual(0)
  expect.soft(problems.overlaps, `${screen} at ${percent}%: text over text`).toEqual([])
  expect.soft(problems.cutOff, `${screen} at ${percent}%: text cut off`).toEqual([])
  expect.soft(await brokenLabels(page, '.tab-label'), `${screen} at ${percent}%: tab labels`).toEqual([])
  expect.soft(await brokenLabels(page, 'main :is(.btn, .chip, .badge, label > span, [data-figure-key] .label)', 8), `${screen} at ${percent}%: short labels`).toEqual([])
  if (screenshot) await page.screenshot({ path: `${SHOTS}/large-text-${screen}-${percent}.png` })
}

const SCREENS: { screen: string, open: (page: Page) => Promise<void> }[] = [
  { screen: 'home', open: async (page) => { await page.goto('/') } },
  { screen: 'log', open: async (page) => { await page.goto('/log?type=themeDay') } },
  { screen: 'list', open: async (page) => { await page.goto('/activities') } },
  { screen: 'detail', open: async (page) => { await page.goto('/activities/act-theme') } },
  { screen: 'report', open: async (page) => { await page.goto('/report'); await expect(page.getByTestId('figure-cards')).toBeVisible() } },
  { screen: 'roster', open: async (page) => { await page.goto('/roster') } },
  { screen: 'settings', open: async (page) => { await page.goto('/settings') } },
  { screen: 'more', open: async (page) => { await page.goto('/more') } },
  { screen: 'account', open: async (page) => { await page.goto('/account') } },
  { screen: 'signin', open: async (page) => { await page.goto('/signin') } },
  { screen: 'edit', open: async (page) => { await page.goto('/activities/act-theme/edit') } },
]

for (const percent of [100, 150, 200]) {
  test(`every main screen holds together with the browser's text at ${percent}%`, async ({ page }) => {
    mkdirSync(SHOTS, { recursive: true })
    await setBrowserTextSize(page, percent)
    await importBackup(page)
    expect(await page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize))).toBeCloseTo(18 * percent / 100, 0)

    for (const { screen, open } of SCREENS) {
      await open(page)
      await expectSound(page, screen, percent)
    }

    // Home's quick buttons and the type chips: each name on one line, inside its button.
    await page.goto('/')
    expect.soft(await brokenLabels(page, '[data-quick]'), `quick buttons at ${percent}%`).toEqual([])
    const plus = await page.locator('.tab-log .tab-icon').boundingBox()
    expect(Math.abs(plus!.width - plus!.height), 'the + stays round').toBeLessThanOrEqual(1)
    await page.goto('/log')
    expect.soft(await brokenLabels(page, 'button[data-type]'), `type chips at ${percent}%`).toEqual([])
    await expectSound(page, 'log-pick-type', percent)

    // Typing: the bars shrink or step aside so the form keeps at least half the screen, the field in view.
    await page.goto('/log?type=themeDay')
    for (const field of ['input[name="topic"]', 'input[name="place"]']) {
      await page.locator(field).click()
      const area = await pageAreaHeight(page)
      expect.soft(area, `form area while typing in ${field} at ${percent}%`).toBeGreaterThanOrEqual(780 / 2)
      await expect(page.locator(field)).toBeInViewport()
      await expect(page.locator(field)).toBeFocused()
    }
    await page.screenshot({ path: `${SHOTS}/large-text-typing-${percent}.png` })
  })
}

test('Android\'s system font size (emulated OS text scale 2.0) sets the same root size, and every screen holds', async ({ page }) => {
  await setSystemTextScale(page, 2)
  await page.goto('/')
  expect(await page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize))).toBeCloseTo(36, 0)
  await expectSound(page, 'home-first-run-system-scale', 200)
  await importBackup(page)
  for (const { screen, open } of SCREENS) {
    await open(page)
    await expectSound(page, `${screen} (system scale)`, 200, false)
  }
})
