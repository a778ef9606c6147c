// @vitest-environment happy-dom
// 年度计划 (PlanPage): plans typed one by one or pasted become planned records; a line that cannot be read says
// why and is not added. After its day, 已开展 opens the plan in the log form with attendance to add; saving
// clears 计划, and only then does the record count.
import 'fake-indexeddb/auto'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { enableAutoUnmount, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { createMemoryHistory, createRouter, RouterLink } from 'vue-router'
import PlanPage from '@client/pages/PlanPage.vue'
import ActivityLogPage from '@client/pages/ActivityLogPage.vue'
import { addMembers, getActivity, listActivitiesBetween, useDatabase } from '@client/db'
import { readOutbox } from '../../unit/db/helpers'
import { addDays, chinaDateOf, yearOf } from '@shared/dates'
import { compileYearReport } from '@shared/report'
import { until } from '../support/until'

const today = chinaDateOf()
const year = yearOf(today)

function makeRouter() {
  return createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/plan', component: PlanPage }, { path: '/activities/:id/edit', component: ActivityLogPage },
      { path: '/activities/:id', component: { template: '<p>detail</p>' } },
      { path: '/activities', component: { template: '<p>list</p>' } },
    ],
  })
}

async function mountPlanPage() {
  const router = makeRouter()
  await router.push('/plan')
  const wrapper = mount(PlanPage, { global: { plugins: [router] } })
  await until(() => wrapper.find('[data-testid="plan-entry"]').exists(), 'the plan page')
  return { wrapper, router }
}

const plansOfYear = async () => (await listActivitiesBetween(`${year}-01-01`, `${year + 1}-12-31`)).filter((r) => r.planned)

enableAutoUnmount(afterEach)

beforeEach(async () => {
  useDatabase(`plan-page-${Math.random()}`)
  setActivePinia(createPinia())
  await addMembers([{ name: '张书记', role: 'secretary', group: '', active: true }, { name: '李明', role: 'member', group: '', active: true }])
})

describe('PlanPage', () => {
  it('adds one planned 主题党日 with its date and topic; it shows as 计划 in the year list', async () => {
    const { wrapper } = await mountPlanPage()
    const date = addDays(today, 2) > `${year}-12-31` ? today : addDays(today, 2)
    await wrapper.get('select[name="planType"]').setValue('themeDay')
    await wrapper.get('input[name="planDate"]').setValue(date)
    await wrapper.get('input[name="planTopic"]').setValue('重温入党誓词')
    await wrapper.get('[data-testid="plan-entry"]').trigger('submit')
    await until(async () => (await plansOfYear()).length === 1, 'the plan')
    const [plan] = await plansOfYear()
    expect(plan).toMatchObject({ types: ['themeDay'], date, topic: '重温入党誓词', planned: true, backfilled: false })
    expect(plan!.attendance).toBeUndefined()
    await until(() => wrapper.find('[data-testid="plan-list"] [data-testid="planned-badge"]').exists(), 'the list')
    expect(wrapper.get('[data-testid="plan-list"]').text()).toContain('重温入党誓词')
    // saved like any record: it goes to the outbox with its 计划 mark
    expect((await readOutbox(10)).find((m) => m.recordId === plan!.id)?.fields.planned).toBe(true)
  })

  it('reads a pasted list, says which lines it could not read, and adds only the others', async () => {
    const { wrapper } = await mountPlanPage()
    await wrapper.get('textarea[name="planText"]').setValue('3月15日 主题党日 学习党章\n4月31日 支委会\n5月10日 开会\n6月1日 支部党员大会暨主题党日 选举')
    expect(wrapper.get('[data-testid="plan-errors"]').text()).toContain('第2行：没有4月31日这一天')
    expect(wrapper.get('[data-testid="plan-errors"]').text()).toContain('第3行：没有认出活动类型')
    expect(wrapper.get('[data-testid="plan-preview"]').text()).toContain('3月15日 主题党日：学习党章')
    expect(wrapper.get('[data-testid="add-pasted"]').text()).toBe('添加这2项计划（2行未能读取，不添加）')
    await wrapper.get('[data-testid="add-pasted"]').trigger('click')
    await until(async () => (await plansOfYear()).length === 2, 'the plans')
    const plans = (await plansOfYear()).sort((a, b) => a.date.localeCompare(b.date))
    expect(plans.map((p) => [p.date, p.types, p.topic])).toEqual([
      [`${year}-03-15`, ['themeDay'], '学习党章'], [`${year}-06-01`, ['generalMeeting', 'themeDay'], '选举'],
    ])
  })
})

describe('from planned to held', () => {
  it('已开展 after the day opens the form with attendance; saving clears 计划 and only then the record counts', async () => {
    const { wrapper } = await mountPlanPage()
    const past = addDays(today, -2)
    await wrapper.get('textarea[name="planText"]').setValue(`${past} 主题党日 学习党章`)
    await wrapper.get('[data-testid="add-pasted"]').trigger('click')
    await until(async () => (await plansOfYear()).length === 1, 'the plan')
    const [plan] = await plansOfYear()
    const records = async () => listActivitiesBetween(`${yearOf(past)}-01-01`, `${yearOf(past)}-12-31`)
    expect(compileYearReport({ records: await records(), year: yearOf(past) }).byType.themeDay.count.value).toBe(0)

    if (past.slice(0, 4) === String(year)) {
      await until(() => wrapper.find('[data-testid="make-held"]').exists(), 'the 已开展 button')
      expect(wrapper.get('[data-testid="make-held"]').attributes('href')).toBe(`/activities/${plan!.id}/edit?held=1`)
    }

    const router = makeRouter()
    await router.push(`/activities/${plan!.id}/edit?held=1`)
    const form = mount(ActivityLogPage, { global: { plugins: [router], stubs: { RouterLink } } })
    await until(() => form.find('[data-testid="attendance-summary"]').exists(), 'the attendance sheet')
    expect(form.get('[data-testid="making-held"]').text()).toContain('保存后计入统计')
    expect(form.get('[data-testid="attendance-summary"]').text()).toContain('应到 2 人')
    expect(form.get('[data-testid="save-activity"]').text()).toBe('保存为已开展')
    await form.get('form').trigger('submit')
    await until(() => router.currentRoute.value.path === '/activities', 'the save')
    const held = await getActivity(plan!.id)
    expect(held && 'planned' in held).toBe(false)
    expect(held?.attendance?.expected).toHaveLength(2)
    const put = (await readOutbox(10)).filter((m) => m.recordId === plan!.id).at(-1)!
    expect(put.fields.planned).toBeNull()
    expect(compileYearReport({ records: await records(), year: yearOf(past) }).byType.themeDay.count.recordIds).toEqual([plan!.id])
  })

  it('a plan whose day has not come offers no 已开展', async () => {
    const { wrapper } = await mountPlanPage()
    const ahead = addDays(today, 5)
    await wrapper.get('textarea[name="planText"]').setValue(`${ahead} 支委会 研究发展党员`)
    await wrapper.get('[data-testid="add-pasted"]').trigger('click')
    await until(async () => (await plansOfYear()).length === 1, 'the plan')
    if (ahead.slice(0, 4) === String(year)) {
      await until(() => wrapper.find('[data-testid="planned-badge"]').exists(), 'the list')
      expect(wrapper.find('[data-testid="make-held"]').exists()).toBe(false)
    }
  })
})
