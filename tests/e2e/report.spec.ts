// The secretary in November: a small year on the phone, no signal, the report screen counts it, every figure
// opens the records behind it, the edited text survives a reload and the Word file downloads. Real Chromium.
import { test, expect, type Page } from '@playwright/test'
import { readFileSync } from 'node:fs'
import JSZip from 'jszip'
import { waitForServiceWorker } from './support/app'

const NOW = '2026-11-20T10:00:00.000+08:00'
const BRANCH = '红星社区第一党支部'
const SHOTS = process.env.REPORT_SHOTS_DIR

const member = (id: string, name: string, role: string, order: number) => ({
  id, name, role, group: '', active: true, order, createdAt: NOW, updatedAt: NOW, deleted: false,
})
const base = { place: '党员活动室', host: '张书记', recorder: '李明', summary: '', resolution: '', photoIds: [], createdBy: 'member-zhang', createdAt: NOW, updatedAt: NOW, backfilled: false, deleted: false }
const sheet = (expected: string[], leave: string[] = []) => ({
  expected, leave: leave.map((memberId) => ({ memberId, reason: '出差' })), absent: [], observers: '',
})
const ALL = ['member-zhang', 'member-li', 'member-wang']

const backup = {
  format: 'zhibu-jishi-backup', version: 1, exportedAt: NOW, photos: [],
  // the ledger covers 2025 too, so 2026 is compared with it
  settings: { branchName: BRANCH, defaultPlace: '党员活动室', groups: [], trackingSince: '2025-01-01', rules: [
    { id: 'theme-day-monthly', type: 'themeDay', period: 'month', min: 1, basis: '主题党日每月1次', enabled: true },
    { id: 'general-quarterly', type: 'generalMeeting', period: 'quarter', min: 1, basis: '支部工作条例第十一条', enabled: true },
    { id: 'org-life-yearly', type: 'orgLifeMeeting', period: 'year', min: 1, basis: '支部工作条例第十七条', enabled: true },
  ] },
  members: [member('member-zhang', '张书记', 'secretary', 0), member('member-li', '李明', 'member', 1), member('member-wang', '王芳', 'member', 2)],
  activities: [
    { ...base, id: 'act-2026-jan', types: ['themeDay', 'generalMeeting'], date: '2026-01-15', topic: '1月主题党日暨党员大会', attendance: sheet(ALL, ['member-wang']) },
    { ...base, id: 'act-2026-feb', types: ['themeDay'], date: '2026-02-12', topic: '2月主题党日', attendance: sheet(ALL) },
    { ...base, id: 'act-2026-mar', types: ['committeeMeeting'], date: '2026-03-20', topic: '3月支委会', attendance: sheet(['member-zhang']) },
    { ...base, id: 'act-2026-apr', types: ['partyLecture'], date: '2026-04-10', topic: '书记讲党课：学习党章', attendance: sheet(ALL), lecture: { speaker: '张书记', speakerRole: 'secretary' } },
    { ...base, id: 'act-2026-may', types: ['heartTalk'], date: '2026-05-08', topic: '与李明、王芳谈心', talk: { talker: '张书记', target: '李明、王芳', pair: 'committeeMember', mode: '当面', personCount: 2 } },
    { ...base, id: 'act-2026-jun', types: ['volunteer'], date: '2026-06-18', topic: '社区环境整治志愿服务', volunteer: { participants: 6, hours: 12, beneficiaries: 30 } },
    { ...base, id: 'act-2026-deleted', types: ['themeDay'], date: '2026-03-05', topic: '已删除的党日', deleted: true },
    { ...base, id: 'act-2025-jun', types: ['themeDay'], date: '2025-06-15', topic: '去年的主题党日' },
  ],
}

async function shot(page: Page, name: string, fullPage = false) {
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage })
}

test('the report counts a logged year offline, traces each figure and exports Word', async ({ page, context }) => {
  await page.goto('/settings')
  await waitForServiceWorker(page)
  await page.getByTestId('import-backup').setInputFiles({ name: 'backup.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(backup)) })
  await expect(page.getByTestId('backup-message')).toContainText('新增 8 条活动')
  // "Today" is fixed once the service worker runs (a fixed clock before that keeps it from installing).
  await context.clock.setFixedTime(new Date(NOW))

  await context.setOffline(true)
  await page.goto('/report')
  await expect(page.locator('[data-year="2026"]')).toHaveAttribute('aria-pressed', 'true')
  await expect(page.getByTestId('report-summary')).toContainText('2026年共记录活动 6 次')

  const figure = (key: string) => page.getByTestId('figure-cards').locator(`[data-figure-key="${key}"]`)
  const value = (key: string) => figure(key).locator('.value')
  await expect(value('type.themeDay')).toHaveText('2次')
  await expect(figure('type.themeDay')).toContainText('去年 1 次')
  await expect(value('type.generalMeeting')).toHaveText('1次')
  await expect(value('type.committeeMeeting')).toHaveText('1次')
  await expect(value('type.groupMeeting')).toHaveText('0次')
  await expect(value('lecture.secretary')).toHaveText('1次')
  await expect(value('heartTalk.persons')).toHaveText('2人次')
  await expect(value('volunteer.participants')).toHaveText('6人次')
  await expect(value('volunteer.hours')).toHaveText('12小时')
  await expect(value('attendance.generalMeeting')).toHaveText('67%')
  await shot(page, 'report-top')

  const part = (id: string) => page.locator(`[data-part="${id}"]`)
  await expect(part('achievements.organization')).toContainText('今年以来，组织主题党日活动2次，召开支部党员大会1次，召开支委会1次，开展支部书记讲党课1次。')
  await expect(part('achievements.conduct')).toContainText('与党员开展谈心谈话2人次。')
  await expect(part('achievements.service')).toContainText('全年共开展志愿服务1次，参与党员群众6人次，累计服务时长12小时，惠及群众30人次。')

  // Tapping a figure lists exactly the records behind it: the two 主题党日, not the deleted one nor last year's.
  await figure('type.themeDay').click()
  const records = page.getByTestId('figure-records')
  await expect(records).toBeVisible()
  await expect(records.locator('[data-activity-id]')).toHaveCount(2)
  await expect(records.locator('[data-activity-id="act-2026-jan"]')).toBeVisible()
  await expect(records.locator('[data-activity-id="act-2026-feb"]')).toBeVisible()
  await shot(page, 'report-sheet')
  await records.getByRole('button', { name: '关闭' }).click()
  await expect(records).toBeHidden()

  // Missing periods stand out in the calendar: 主题党日 from March to October, 党员大会 in Q2 and Q3.
  const compliance = page.getByTestId('compliance')
  await expect(compliance.getByTestId('compliance-missed')).toContainText('主题党日活动每月至少1次：3月、4月、5月、6月、7月、8月、9月、10月')
  await expect(compliance.locator('[data-rule="theme-day-monthly"] [data-state="due"]')).toHaveCount(1)

  // The secretary's edit survives a reload with no signal.
  await part('achievements.organization').getByTestId('edit-part').click()
  await part('achievements.organization').locator('textarea').fill('（二）严格组织生活。今年以来，组织主题党日活动2次，十分扎实。')
  await part('achievements.organization').getByTestId('finish-part').click()
  await expect(page.getByTestId('draft-state')).toHaveText('已修改')
  await page.waitForTimeout(300)
  await page.reload()
  await expect(part('achievements.organization')).toContainText('（二）严格组织生活。今年以来，组织主题党日活动2次，十分扎实。')

  // Word, generated on the phone with the network off, carries the edited text and the 台账.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-docx').click()])
  expect(download.suggestedFilename()).toBe(`2026年履职情况-${BRANCH}.docx`)
  const zip = await JSZip.loadAsync(readFileSync((await download.path())!))
  const documentXml = await zip.file('word/document.xml')!.async('string')
  expect(documentXml).toContain('十分扎实')
  expect(documentXml).toContain('社区环境整治志愿服务')
  expect(documentXml).not.toContain('已删除的党日')
  await expect(page.getByTestId('export-message')).toContainText('已生成')

  const [csv] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()])
  expect(csv.suggestedFilename()).toBe(`2026年活动台账-${BRANCH}.csv`)

  // each member's year: 王芳 was on leave for the January meeting
  const [members] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-members').click()])
  expect(members.suggestedFilename()).toBe(`2026年党员参会统计-${BRANCH}.csv`)
  const memberRows = readFileSync((await members.path())!, 'utf8').split('\r\n')
  expect(memberRows.find((r) => r.startsWith('王芳'))).toMatch(/^王芳,党员,,3,2,1,0,/) // 应参加 3, 参加 2, 请假 1, 缺席 0

  await expect(page.getByTestId('report-charts').locator('canvas')).toHaveCount(2)
  await page.evaluate(() => window.scrollTo(0, 0))
  await shot(page, 'report-full', true)
  await page.getByTestId('compliance').scrollIntoViewIfNeeded()
  await shot(page, 'report-compliance')
})
