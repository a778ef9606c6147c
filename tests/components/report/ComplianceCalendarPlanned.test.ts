// @vitest-environment happy-dom
// The compliance calendar shows the year's plan against what is required: a month ahead with only a plan is
// 已计划 (not 完成), in words; a plan in a month now past was not held, so that month is 缺.
import { describe, expect, it } from 'vitest'
import { mount } from '@vue/test-utils'
import { checkCompliance } from '@shared/report'
import { DEFAULT_RULES } from '@shared/rules'
import ComplianceCalendar from '@client/components/report/ComplianceCalendar.vue'
import { record } from './fixtures'

const RouterLink = { props: ['to'], template: '<a :href="to"><slot /></a>' }
const rules = DEFAULT_RULES.filter((r) => ['committee-monthly'].includes(r.id))

function mountCalendar(records: ReturnType<typeof record>[]) {
  const compliance = checkCompliance(records, rules, 2026, '2026-10-20', undefined, { since: '2026-09-01' })
  return mount(ComplianceCalendar, { props: { compliance }, global: { stubs: { RouterLink } } })
}

describe('ComplianceCalendar with planned activities', () => {
  it('a plan this month and next is 已计划, a past plan never held is 缺, a held one 完成', () => {
    const wrapper = mountCalendar([
      record({ id: 'cm-sep-plan', types: ['committeeMeeting'], date: '2026-09-20', planned: true }),
      record({ id: 'cm-oct-plan', types: ['committeeMeeting'], date: '2026-10-28', planned: true }),
      record({ id: 'cm-nov-plan', types: ['committeeMeeting'], date: '2026-11-12', planned: true }),
      record({ id: 'cm-dec', types: ['committeeMeeting'], date: '2026-12-01' }),
    ])
    const cells = wrapper.get('[data-rule="committee-monthly"]').findAll('[data-state]')
    expect(cells.slice(8).map((c) => c.attributes('data-state'))).toEqual(['missed', 'planned', 'planned', 'met'])
    expect(cells[9]!.text()).toBe('10月已计划')
    expect(cells[9]!.attributes('aria-label')).toContain('已列入计划，开展后才算完成，已记录0次')
    expect(wrapper.get('.legend').text()).toContain('已计划已列入计划，开展后才算完成')
    expect(wrapper.get('[data-testid="compliance-missed"]').text()).toContain('9月')
  })

  it('without plans the legend has no 已计划', () => {
    const wrapper = mountCalendar([record({ id: 'cm-oct', types: ['committeeMeeting'], date: '2026-10-02' })])
    expect(wrapper.get('.legend').text()).not.toContain('已计划')
  })
})
