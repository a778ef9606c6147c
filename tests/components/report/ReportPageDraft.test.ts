// @vitest-environment happy-dom
// The report screen around the draft: whose report it is (the joined branch's name from the stored session), last
// year compared only when the ledger covers it, and a back-dated record asking before checking starts earlier.
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { createActivity, readRememberedTrackingStart, readSettings, rememberTrackingStart, saveSettings } from '@client/db'
import { saveSession } from '@client/db/session'
import type { ActivityRecord } from '@shared/model/activity'
import { mountReportPage } from './mountReportPage'
import { freshDatabase, sampleRecords } from './fixtures'


async function store(records: ActivityRecord[]) {
  for (const r of records) {
    const { id, createdBy: _c, createdAt: _a, updatedAt: _u, backfilled: _b, deleted: _d, ...fields } = r
    await createActivity(fields, new Date('2025-12-01T00:00:00Z'), id)
  }
}

async function mountPage(year: number) {
  return (await mountReportPage(year, '[data-testid="draft-parts"]')).wrapper
}

describe('ReportPage around the draft', () => {
  beforeEach(async () => {
    freshDatabase()
    await store(sampleRecords().filter((r) => !r.deleted))
  })

  it('titles a joined branch’s report with the name the server gave, when the settings have none', async () => {
    await saveSession('token', {
      user: { id: 'u1', username: null, displayName: '张书记', role: 'secretary', memberId: null },
      branch: { id: 'b1', name: '星光社区第二党支部' }, committee: null,
    })
    const wrapper = await mountPage(2025)
    await vi.waitFor(() => expect(wrapper.get('[data-part="title"]').text()).toContain('2025年度星光社区第二党支部书记抓基层党建工作述职报告'))
    expect(wrapper.get('[data-testid="report-branch"]').text()).toBe('星光社区第二党支部')
  })

  it('compares with last year only when the ledger covers it', async () => {
    // the earliest record is 2024-06-15: 2024 is only half in the ledger, so no "去年 0 次" nor "去年 1 次"
    const wrapper = await mountPage(2025)
    await vi.waitFor(() => expect(wrapper.find('[data-figure-key="type.committeeMeeting"]').exists()).toBe(true))
    expect(wrapper.get('[data-testid="figure-cards"]').text()).not.toContain('去年')
    await saveSettings({ ...(await readSettings()), trackingSince: '2024-01-01' })
    await vi.waitFor(() => expect(wrapper.get('[data-figure-key="type.themeDay"]').text()).toContain('比去年多1次（去年 1 次）'))
  })

  it('asks before a back-dated record moves the start of checking, and remembers the answer', async () => {
    await rememberTrackingStart({ since: '2025-01-15' })
    const wrapper = await mountPage(2025)
    await vi.waitFor(() => expect(wrapper.find('[data-testid="tracking-question"]').exists()).toBe(true))
    const question = wrapper.get('[data-testid="tracking-question"]')
    expect(question.text()).toContain('有一条记录的日期是2024年6月15日，早于开始检查的日期2025年1月15日')
    await question.get('[data-testid="tracking-keep"]').trigger('click')
    await vi.waitFor(() => expect(wrapper.find('[data-testid="tracking-question"]').exists()).toBe(false))
    expect(await readRememberedTrackingStart()).toEqual({ since: '2025-01-15', declinedBefore: '2024-06-15' })
  })

  it('starts checking earlier when the secretary says so', async () => {
    await rememberTrackingStart({ since: '2025-01-15' })
    const wrapper = await mountPage(2025)
    await vi.waitFor(() => expect(wrapper.find('[data-testid="tracking-start-earlier"]').exists()).toBe(true))
    await wrapper.get('[data-testid="tracking-start-earlier"]').trigger('click')
    await vi.waitFor(() => expect(wrapper.find('[data-testid="tracking-question"]').exists()).toBe(false))
    expect(await readRememberedTrackingStart()).toEqual({ since: '2024-06-15' })
  })
})
