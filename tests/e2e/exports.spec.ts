// The secretary's files, made on a phone with no signal: the 台账 as a real .xlsx (read back here with
// read-excel-file), a month of 会议记录 from the report screen and one meeting's record from its detail page.
// Real Chromium at 360×780, the app served by the real branch server with its Content-Security-Policy: a real
// year's .xlsx is zipped in blob: workers, which the policy must allow (src/server/http/security.ts).
import { test, expect, type BrowserContext } from '@playwright/test'
import { readFileSync } from 'node:fs'
import JSZip from 'jszip'
import readXlsxFile from 'read-excel-file/node'
import { waitForServiceWorker } from './support/app'
import { phoneContext, startBranchServer } from './support/branchServer'
import { makeSyntheticRoster, makeSyntheticYear } from '../../src/shared/report/synthetic'

const NOW = '2026-11-20T10:00:00.000+08:00'
const BRANCH = '红星社区第一党支部'

const member = (id: string, name: string, role: string, order: number) => ({
  id, name, role, group: '', active: true, order, createdAt: NOW, updatedAt: NOW, deleted: false,
})
const base = { place: '党员活动室', host: '张书记', recorder: '李明', summary: '', resolution: '', photoIds: [], createdBy: 'member-zhang', createdAt: NOW, updatedAt: NOW, backfilled: false, deleted: false }
const ALL = ['member-zhang', 'member-li', 'member-wang']
const sheet = (expected: string[], leave: string[] = []) => ({
  expected, leave: leave.map((memberId) => ({ memberId, reason: '出差' })), absent: [], observers: '',
})

const backup = {
  format: 'zhibu-jishi-backup', version: 1, exportedAt: NOW, photos: [],
  settings: { branchName: BRANCH, defaultPlace: '党员活动室', groups: [], rules: [] },
  members: [member('member-zhang', '张书记', 'secretary', 0), member('member-li', '李明', 'member', 1), member('member-wang', '王芳', 'member', 2)],
  activities: [
    { ...base, id: 'act-2026-jan', types: ['themeDay', 'generalMeeting'], date: '2026-01-15', startTime: '14:30', topic: '1月主题党日暨党员大会',
      summary: '学习党章第一章。\n党员交流学习体会。', resolution: '全票同意接收王某为预备党员。', attendance: sheet(ALL, ['member-wang']) },
    { ...base, id: 'act-2026-mar-1', types: ['committeeMeeting'], date: '2026-03-05', topic: '3月支委会', summary: '研究季度工作。', attendance: sheet(['member-zhang', 'member-li']) },
    { ...base, id: 'act-2026-mar-2', types: ['themeDay'], date: '2026-03-18', topic: '3月主题党日', attendance: sheet(ALL) },
    { ...base, id: 'act-2026-study', types: ['study'], date: '2026-04-08', topic: '专题学习', study: { creditHours: 4 }, attendance: sheet(ALL) },
    { ...base, id: 'act-2026-talk', types: ['heartTalk'], date: '2026-05-08', topic: '与王芳谈心', talk: { talker: '张书记', target: '王芳', pair: 'committeeMember', mode: '当面', personCount: 1 } },
    { ...base, id: 'act-2026-volunteer', types: ['volunteer'], date: '2026-06-18', topic: '社区环境整治', volunteer: { participants: 6, hours: 12, beneficiaries: 30 } },
  ],
}

test('the 台账 .xlsx and the 会议记录 download with the network off', async ({ browser }) => {
  const server = await startBranchServer()
  const context = await phoneContext(browser, server.origin)
  try {
    await secretaryExports(context)
  } finally {
    await context.close()
    await server.stop()
  }
})

async function secretaryExports(context: BrowserContext) {
  const page = await context.newPage()
  const errors: string[] = []
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()) })
  await page.goto('/settings')
  await waitForServiceWorker(page)
  await page.getByTestId('import-backup').setInputFiles({ name: 'backup.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(backup)) })
  await expect(page.getByTestId('backup-message')).toContainText('新增 6 条活动')
  await context.clock.setFixedTime(new Date(NOW))

  await context.setOffline(true)
  await page.goto('/report')
  await expect(page.getByTestId('report-summary')).toContainText('2026年共记录活动 6 次')

  // the 台账 as a real workbook: one sheet per type group and each member's year
  const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-xlsx').click()])
  expect(xlsx.suggestedFilename()).toBe(`2026年活动台账-${BRANCH}.xlsx`)
  const sheets = await readXlsxFile(readFileSync((await xlsx.path())!))
  expect(sheets.map((s) => s.sheet)).toEqual(['三会一课', '主题党日', '谈心谈话', '志愿服务', '学习教育', '其他', '党员个人年度情况'])
  const meetings = sheets[0]!.data
  expect(meetings[0]![0]).toBe(`${BRANCH}2026年度活动台账（三会一课）`)
  const header = meetings[2]!
  const january = meetings.find((r) => r[header.indexOf('记录编号')] === 'act-2026-jan')!
  expect(january[header.indexOf('日期')]).toBe('2026-01-15')
  expect(january[header.indexOf('支部党员大会')]).toBe('✓')
  expect(january[header.indexOf('请假人员（事由）')]).toBe('王芳（出差）')
  expect(january[header.indexOf('决议及表决情况')]).toBe('全票同意接收王某为预备党员。')
  const themeDays = sheets[1]!.data
  expect(themeDays.slice(3).map((r) => r[themeDays[2]!.indexOf('主题/议题')])).toEqual(['1月主题党日暨党员大会', '3月主题党日'])
  const people = sheets[6]!.data
  const wang = people.find((r) => r[0] === '王芳')!
  expect(wang[people[2]!.indexOf('学时')]).toBe(4)
  expect(wang[people[2]!.indexOf('学时情况')]).toBe('差28学时')
  await expect(page.getByTestId('export-message')).toContainText('已生成')

  // a month of 会议记录 from the report screen: March's two meetings, one a page
  await page.getByTestId('minutes-month').selectOption('3')
  const [month] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-minutes').click()])
  expect(month.suggestedFilename()).toBe(`2026年3月会议记录-${BRANCH}.docx`)
  const monthXml = await (await JSZip.loadAsync(readFileSync((await month.path())!))).file('word/document.xml')!.async('string')
  expect(monthXml).toContain('3月支委会')
  expect(monthXml).toContain('3月主题党日')
  expect(monthXml).not.toContain('1月主题党日暨党员大会')
  expect(monthXml.match(/<w:pageBreakBefore\/>/g)).toHaveLength(1)
  await expect(page.getByTestId('minutes-message')).toContainText('已生成')

  // one meeting's record from its detail page, with names, reasons, summary and resolution
  await page.goto('/activities/act-2026-jan')
  await expect(page.getByTestId('detail-topic')).toHaveText('1月主题党日暨党员大会')
  const [one] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-minutes').click()])
  expect(one.suggestedFilename()).toBe(`2026-01-15会议记录（1月主题党日暨党员大会）-${BRANCH}.docx`)
  const oneXml = await (await JSZip.loadAsync(readFileSync((await one.path())!))).file('word/document.xml')!.async('string')
  for (const text of ['会议名称', '主题党日暨支部党员大会', '2026年1月15日 14:30', '应到人数', '3人', '2人', '张书记、李明', '请假1人：王芳（出差）',
    '学习党章第一章。', '党员交流学习体会。', '决议及表决情况', '全票同意接收王某为预备党员。']) {
    expect(oneXml).toContain(text)
  }

  // a talk is not a meeting: its page offers no 会议记录
  await page.goto('/activities/act-2026-talk')
  await expect(page.getByTestId('detail-topic')).toHaveText('与王芳谈心')
  await expect(page.getByTestId('export-minutes')).toHaveCount(0)
  expect(errors.filter((e) => /Content Security Policy|Refused/.test(e))).toEqual([])
}

test('a year of 1,000 records still exports as .xlsx under the server\'s Content-Security-Policy', async ({ browser }) => {
  const server = await startBranchServer()
  const context = await phoneContext(browser, server.origin)
  try {
    const page = await context.newPage()
    const blocked: string[] = []
    page.on('console', (m) => { if (/Content Security Policy/.test(m.text())) blocked.push(m.text()) })
    await page.goto('/settings')
    await waitForServiceWorker(page)
    const year = makeSyntheticYear(1000, 2026, 11).filter((r) => !r.deleted)
    const big = { ...backup, members: makeSyntheticRoster(30, 11), activities: year }
    await page.getByTestId('import-backup').setInputFiles({ name: 'backup.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(big)) })
    await expect(page.getByTestId('backup-message')).toContainText(`新增 ${year.length} 条活动`)
    await context.clock.setFixedTime(new Date(NOW))
    await context.setOffline(true)
    await page.goto('/report')
    await expect(page.getByTestId('report-summary')).toContainText(`2026年共记录活动 ${year.length} 次`)
    const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-xlsx').click()])
    const sheets = await readXlsxFile(readFileSync((await xlsx.path())!))
    const rows = sheets.slice(0, 6).reduce((n, s) => n + s.data.length - 3, 0)
    expect(rows).toBeGreaterThanOrEqual(year.length)
    expect(sheets[6]!.data.length - 3).toBe(30)
    expect(blocked).toEqual([])
  } finally {
    await context.close()
    await server.stop()
  }
})
