// @vitest-environment happy-dom
// Tapping a figure on the report screen lists exactly the records it counts, read from the real device database.
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import { createActivity, deleteActivity, saveSettings } from '@client/db'
import { defaultSettings } from '@shared/rules'
import type { ActivityRecord } from '@shared/model/activity'
import { mountReportPage } from './mountReportPage'
import { freshDatabase, record, sampleRecords } from './fixtures'


async function store(records: ActivityRecord[]) {
  for (const r of records) {
    const { id, createdBy: _c, createdAt: _a, updatedAt: _u, backfilled: _b, deleted, ...fields } = r
    await createActivity(fields, new Date('2025-12-01T00:00:00Z'), id)
    if (deleted) await deleteActivity(id)
  }
}

async function mountPage(year: number) {
  return mountReportPage(year, '[data-figure-key="type.themeDay"]')
}

describe('ReportPage figure → records', () => {
  beforeEach(async () => {
    freshDatabase()
    await store(sampleRecords())
  })

  it('lists exactly the records behind the tapped figure, each linking to its detail page', async () => {
    const { wrapper } = await mountPage(2025)
    expect(wrapper.get('[data-testid="report-summary"]').text()).toContain('2025年共记录活动 4 次')
    await wrapper.get('[data-figure-key="type.themeDay"]').trigger('click')
    await flushPromises()
    const sheet = wrapper.get('[data-testid="figure-records"]')
    expect(sheet.get('h2').text()).toBe('2025年 主题党日 2 次')
    const ids = sheet.findAll('[data-activity-id]').map((a) => a.attributes('data-activity-id'))
    expect(ids).toEqual(['theme-jan', 'theme-feb'])
    expect(sheet.get('[data-activity-id="theme-jan"]').attributes('href')).toBe('/activities/theme-jan')

    await sheet.get('button').trigger('click')
    expect(wrapper.find('[data-testid="figure-records"]').exists()).toBe(false)

    await wrapper.get('[data-figure-key="heartTalk.persons"]').trigger('click')
    await flushPromises()
    const talks = wrapper.get('[data-testid="figure-records"]')
    expect(talks.findAll('[data-activity-id]').map((a) => a.attributes('data-activity-id'))).toEqual(['talk-may'])
    expect(talks.text()).toContain('合计 3 人次')
    wrapper.unmount()
  })

  it('follows the year picker and counts last year against the year before', async () => {
    const { wrapper, router } = await mountPage(2025)
    expect(wrapper.findAll('[data-year]').map((b) => b.attributes('data-year'))).toContain('2024')
    await wrapper.get('[data-year="2024"]').trigger('click')
    await vi.waitFor(() => expect(router.currentRoute.value.query.year).toBe('2024'))
    await vi.waitFor(() => expect(wrapper.get('[data-testid="report-summary"]').text()).toContain('2024年共记录活动 1 次'))
    await wrapper.get('[data-figure-key="type.themeDay"]').trigger('click')
    await flushPromises()
    expect(wrapper.findAll('[data-testid="figure-records"] [data-activity-id]').map((a) => a.attributes('data-activity-id'))).toEqual(['theme-2024'])
    wrapper.unmount()
  })

  it('shows the compliance calendar with the missed months in words', async () => {
    const { wrapper } = await mountPage(2025)
    await vi.waitFor(() => expect(wrapper.find('[data-rule="theme-day-monthly"]').exists()).toBe(true))
    expect(wrapper.find('[data-testid="compliance-untracked"]').exists()).toBe(false)
    const row = wrapper.get('[data-rule="theme-day-monthly"]')
    const states = row.findAll('[data-state]').map((c) => c.attributes('data-state'))
    expect(states).toEqual(['met', 'met', ...Array(10).fill('missed')])
    expect(row.findAll('[data-state="missed"]')[0]!.text()).toContain('缺')
    expect(wrapper.get('[data-testid="compliance-missed"]').text()).toContain('主题党日活动每月至少1次：3月、4月')
    wrapper.unmount()
  })

  it('does not check the months before the start date set in the settings', async () => {
    await saveSettings({ ...defaultSettings(), trackingSince: '2025-05-10' })
    const { wrapper } = await mountPage(2025)
    await vi.waitFor(() => expect(wrapper.find('[data-testid="compliance-untracked"]').exists()).toBe(true))
    const states = wrapper.get('[data-rule="theme-day-monthly"]').findAll('[data-state]').map((c) => c.attributes('data-state'))
    // January and February were held; March and April ended before the start date; May holds it
    expect(states).toEqual(['met', 'met', 'untracked', 'untracked', ...Array(8).fill('missed')])
    expect(wrapper.get('[data-testid="compliance-untracked"]').text()).toBe('本应用自5月10日开始记录，此前的月份不作检查；如需补录，可在支部设置中修改开始日期。')
    expect(wrapper.get('[data-testid="compliance-missed"]').text()).toContain('主题党日活动每月至少1次：5月、6月')
    wrapper.unmount()
  })
})

describe('ReportPage of a branch new to the app', () => {
  beforeEach(() => { freshDatabase() })

  it('starts checking at its first record, and compares with no empty last year', async () => {
    await store([record({ id: 'cm-nov', types: ['committeeMeeting', 'themeDay'], date: '2025-11-12' })])
    const { wrapper } = await mountPage(2025)
    await vi.waitFor(() => expect(wrapper.find('[data-testid="compliance-untracked"]').exists()).toBe(true))
    const states = wrapper.get('[data-rule="committee-monthly"]').findAll('[data-state]').map((c) => c.attributes('data-state'))
    expect(states).toEqual([...Array(10).fill('untracked'), 'met', 'missed'])
    expect(wrapper.get('[data-testid="compliance-untracked"]').text()).toContain('本应用自11月12日开始记录')
    expect(wrapper.get('[data-testid="figure-cards"]').text()).not.toContain('去年')
    wrapper.unmount()
  })
})
