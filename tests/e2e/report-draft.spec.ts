// The secretary at the year's end, on a 360 px phone with no signal: a year of records makes the whole 述职报告;
// they rewrite a sentence around its number, log one more 支委会, and the number inside their own sentence follows
// (with what changed shown); every number opens its records; the Word file carries the whole draft. Real Chromium.
import { test, expect, type Page } from '@playwright/test'
import { readFileSync } from 'node:fs'
import JSZip from 'jszip'
import { waitForServiceWorker } from './support/app'

const NOW = '2026-11-20T10:00:00.000+08:00'
const BRANCH = '青松社区第一党支部'
const SHOTS = process.env.REPORT_SHOTS_DIR

const member = (id: string, name: string, role: string, order: number) => ({
  id, name, role, group: '', active: true, order, createdAt: NOW, updatedAt: NOW, deleted: false,
})
const ALL = ['member-zhang', 'member-li', 'member-wang']
const sheet = (expected = ALL) => ({ expected, leave: [], absent: [], observers: '' })
const base = { place: '党员活动室', host: '张书记', recorder: '李明', summary: '', resolution: '', photoIds: [], createdBy: 'member-zhang', createdAt: NOW, updatedAt: NOW, backfilled: false, deleted: false }
const day = (month: number, d: number) => `2026-${String(month).padStart(2, '0')}-${String(d).padStart(2, '0')}`
const months = Array.from({ length: 10 }, (_, i) => i + 1)

const activities = [
  ...months.map((m) => ({ ...base, id: `theme-day-${m}`, types: ['themeDay'], date: day(m, 8), topic: `${m}月主题党日`, attendance: sheet() })),
  ...months.map((m) => ({ ...base, id: `committee-${m}`, types: ['committeeMeeting'], date: day(m, 20), topic: `${m}月支委会`, attendance: sheet(['member-zhang', 'member-li']) })),
  ...[3, 6, 9].map((m) => ({ ...base, id: `general-${m}`, types: ['generalMeeting'], date: day(m, 25), topic: `第${m / 3}季度党员大会`, attendance: sheet() })),
  ...[4, 7].map((m) => ({ ...base, id: `lecture-${m}`, types: ['partyLecture'], date: day(m, 12), topic: '书记讲党课', attendance: sheet(), lecture: { speaker: '张书记', speakerRole: 'secretary' } })),
  ...[2, 5, 8, 10].map((m) => ({ ...base, id: `study-day-${m}`, types: ['study'], date: day(m, 15), topic: '集中学习', attendance: sheet(), study: { creditHours: 4 } })),
  { ...base, id: 'heart-talk-1', types: ['heartTalk'], date: day(5, 6), topic: '班子成员谈心', talk: { talker: '张书记', target: '班子成员', pair: 'committeeCommittee', mode: '当面', personCount: 3 } },
  { ...base, id: 'heart-talk-2', types: ['heartTalk'], date: day(6, 6), topic: '部门负责人谈心', talk: { talker: '张书记', target: '部门负责人', pair: 'committeeMember', mode: '当面', personCount: 5 } },
  { ...base, id: 'volunteer-1', types: ['volunteer'], date: day(6, 18), topic: '社区环境整治', volunteer: { participants: 6, hours: 12, beneficiaries: 30 } },
]

const backup = {
  format: 'zhibu-jishi-backup', version: 1, exportedAt: NOW, photos: [],
  settings: { branchName: BRANCH, defaultPlace: '党员活动室', groups: [], rules: [] },
  members: [member('member-zhang', '张书记', 'secretary', 0), member('member-li', '李明', 'member', 1), member('member-wang', '王芳', 'member', 2)],
  activities,
}

async function shot(page: Page, name: string, fullPage = false) {
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage })
}

test('the whole draft: an edited sentence keeps its words and its number follows a new record, offline', async ({ page, context }) => {
  await page.goto('/settings')
  await waitForServiceWorker(page)
  await page.getByTestId('import-backup').setInputFiles({ name: 'backup.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(backup)) })
  await expect(page.getByTestId('backup-message')).toContainText(`新增 ${activities.length} 条活动`)
  await context.clock.setFixedTime(new Date(NOW))
  await context.setOffline(true)

  await page.goto('/report')
  const draft = page.getByTestId('report-draft')
  const part = (id: string) => draft.locator(`[data-part="${id}"]`)
  await expect(part('title')).toHaveText(/2026年度青松社区第一党支部书记抓基层党建工作述职报告/)
  await expect(part('opening')).toContainText('2026年，在上级党组织的坚强领导下')
  await expect(part('heading.achievements')).toContainText('一、主要做法和成效')
  await expect(part('achievements.politics')).toContainText('开展集中学习4次，党员人均参学16学时。')
  await expect(part('achievements.organization')).toContainText('今年以来，组织主题党日活动10次，召开支部党员大会3次，召开支委会10次，开展支部书记讲党课2次。党员参加组织生活平均参会率100%。')
  await expect(part('achievements.conduct')).toContainText('与班子成员和部门负责人开展各类谈心谈话8人次。')
  await expect(part('heading.problems')).toContainText('二、存在问题')
  await expect(part('problems.1')).toContainText('一是')
  await expect(part('heading.nextSteps')).toContainText('三、下一步工作思路和措施')
  await expect(part('signature')).toContainText('述职人：张书记')
  await expect(part('date')).toContainText('2026年11月20日')

  // The text options: no attendance sentence, then the short one again.
  await draft.getByTestId('draft-options').locator('summary').click()
  await shot(page, 'draft-options')
  await draft.locator('[data-rate="overall"]').uncheck()
  await expect(part('achievements.organization')).not.toContainText('参会率')
  await draft.locator('[data-rate="overall"]').check()
  await expect(part('achievements.organization')).toContainText('党员参加组织生活平均参会率100%。')

  // The secretary rewrites the sentence around the 支委会 number.
  const organization = part('achievements.organization')
  await organization.getByTestId('edit-part').click()
  const box = organization.locator('textarea')
  const shown = await box.inputValue()
  await box.fill(shown.replace('召开支委会10次', '坚持每月召开支委会，全年共10次'))
  await organization.getByTestId('finish-part').click()
  await expect(organization).toContainText('坚持每月召开支委会，全年共10次')
  await expect(page.getByTestId('draft-state')).toHaveText('已修改')
  await organization.scrollIntoViewIfNeeded()
  await shot(page, 'draft-edited')

  // One more 支委会 is logged, still offline.
  await page.waitForTimeout(300)
  await page.goto('/log')
  await page.locator('button[data-type="committeeMeeting"]').click()
  await page.getByTestId('save-activity').click()
  await expect(page).not.toHaveURL(/\/log$/)

  await page.goto('/report')
  await expect(organization).toContainText('今年以来，组织主题党日活动10次，召开支部党员大会3次，坚持每月召开支委会，全年共11次，开展支部书记讲党课2次。')
  await expect(draft.getByTestId('draft-changes')).toContainText('支委会 10 → 11 次')
  await draft.getByTestId('draft-changes').scrollIntoViewIfNeeded()
  await shot(page, 'draft-changes')
  await organization.scrollIntoViewIfNeeded()
  await shot(page, 'draft-updated')

  // The number inside the edited sentence opens exactly its records.
  await organization.locator('[data-figure-key="type.committeeMeeting"]').click()
  const records = page.getByTestId('figure-records')
  await expect(records.locator('[data-activity-id]')).toHaveCount(11)
  await records.getByRole('button', { name: '关闭' }).click()

  await draft.getByTestId('acknowledge-changes').click()
  await expect(draft.getByTestId('draft-changes')).toBeHidden()

  // The Word file, made on the phone with no signal, carries the whole draft with the live number.
  const [download] = await Promise.all([page.waitForEvent('download'), draft.getByTestId('export-draft').click()])
  const xml = await (await JSZip.loadAsync(readFileSync((await download.path())!))).file('word/document.xml')!.async('string')
  for (const words of ['坚持每月召开支委会，全年共11次', '二、存在问题', '三、下一步工作思路和措施', '述职人：张书记', '2026年11月20日']) {
    expect(xml).toContain(words)
  }
  await expect(draft.getByTestId('draft-message')).toContainText('已生成')
  await part('problems.3').scrollIntoViewIfNeeded()
  await shot(page, 'draft-end')
})
