// @vitest-environment happy-dom
// The compliance calendar of a branch that started keeping its ledger in the app part-way through the year.
import { describe, expect, it } from 'vitest'
import { mount } from '@vue/test-utils'
import { checkCompliance } from '@shared/report'
import { DEFAULT_RULES } from '@shared/rules'
import ComplianceCalendar from '@client/components/report/ComplianceCalendar.vue'
import { sinceLabel, untrackedSince } from '@client/report/complianceView'
import { record } from './fixtures'

const RouterLink = { props: ['to'], template: '<a :href="to"><slot /></a>' }
const rules = DEFAULT_RULES.filter((r) => ['committee-monthly', 'general-quarterly', 'org-life-yearly'].includes(r.id))

function mountCalendar(since?: string) {
  const records = [record({ id: 'cm-nov', types: ['committeeMeeting'], date: '2026-11-12' })]
  const compliance = checkCompliance(records, rules, 2026, '2026-11-23', undefined, { since })
  return mount(ComplianceCalendar, { props: { compliance }, global: { stubs: { RouterLink } } })
}

describe('ComplianceCalendar with a start date', () => {
  it('shows the months before the start as 未启用, in words, and nothing missed', () => {
    const wrapper = mountCalendar('2026-11-10')
    const row = wrapper.get('[data-rule="committee-monthly"]')
    const cells = row.findAll('[data-state]')
    expect(cells.map((c) => c.attributes('data-state'))).toEqual([...Array(10).fill('untracked'), 'met', 'upcoming'])
    expect(cells[0]!.text()).toBe('1月未启用')
    expect(cells[0]!.attributes('aria-label')).toContain('本应用开始记录之前，不作检查')
    expect(row.text()).not.toContain('缺')
    expect(wrapper.find('[data-testid="compliance-missed"]').exists()).toBe(false)
    expect(wrapper.get('[data-testid="compliance-untracked"]').text())
      .toBe('本应用自11月10日开始记录，此前的月份不作检查；如需补录，可在支部设置中修改开始日期。')
    expect(wrapper.get('[data-testid="compliance-untracked"] a').attributes('href')).toBe('/settings')
    expect(wrapper.get('.legend').text()).toContain('未启用')
    // the quarter and the year holding the start date are judged
    expect(wrapper.get('[data-rule="general-quarterly"]').findAll('[data-state]').map((c) => c.attributes('data-state')))
      .toEqual(['untracked', 'untracked', 'untracked', 'due'])
    expect(wrapper.get('[data-rule="org-life-yearly"] [data-state]').attributes('data-state')).toBe('due')
  })

  it('without a start date judges every month, with no note and no 未启用 in the legend', () => {
    const wrapper = mountCalendar()
    expect(wrapper.get('[data-testid="compliance-missed"]').text()).toContain('有 13 处没有达到要求')
    expect(wrapper.find('[data-testid="compliance-untracked"]').exists()).toBe(false)
    expect(wrapper.get('.legend').text()).not.toContain('未启用')
  })

  it('names the year of a start date in another year', () => {
    expect(sinceLabel('2026-11-10', 2026)).toBe('11月10日')
    expect(sinceLabel('2026-03-01', 2025)).toBe('2026年3月1日')
    const lastYear = checkCompliance([], rules, 2025, '2026-11-23', undefined, { since: '2026-11-10' })
    expect(untrackedSince(lastYear)).toBe('2026年11月10日')
    expect(untrackedSince(checkCompliance([], rules, 2025, '2026-11-23'))).toBeNull()
  })
})
