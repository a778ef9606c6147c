// @vitest-environment happy-dom
// Warnings, not silence (src/shared/model/softWarnings.ts through ActivityLogPage): each odd case is shown in
// Chinese before saving, nothing is saved until the member confirms 仍然保存, and a date ahead offers 存为计划.
import 'fake-indexeddb/auto'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { enableAutoUnmount, flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { createMemoryHistory, createRouter, type Router } from 'vue-router'
import ActivityLogPage from '@client/pages/ActivityLogPage.vue'
import { addMembers, listActivitiesBetween, useDatabase } from '@client/db'
import { addDays, chinaDateOf } from '@shared/dates'
import { until } from '../support/until'

const today = chinaDateOf()

async function mountPage(path: string) {
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/log', component: ActivityLogPage }, { path: '/activities/:id/edit', component: ActivityLogPage },
      { path: '/activities', component: { template: '<p>list</p>' } },
    ],
  })
  await router.push(path)
  const wrapper = mount(ActivityLogPage, { global: { plugins: [router], stubs: { RouterLink: true } } })
  await until(() => wrapper.find('input[name="topic"]').exists(), 'the form')
  return { wrapper, router }
}

const stored = () => listActivitiesBetween('2000-01-01', '2099-12-31')

/** A 志愿服务 names every active member at first; 参与人次 0 is then below the named count (refused, not warned). */
async function clearNamedVolunteers(wrapper: VueWrapper) {
  const clear = wrapper.get('[data-testid="volunteer-members"]').findAll('button').find((b) => b.text() === '清空')
  if (!clear) throw new Error('no 清空 button on the 志愿服务 member list')
  await clear.trigger('click')
}

/** Submit, expect the warnings box with `message`, nothing stored; then 仍然保存 stores the record. */
async function warnsThenSaves(wrapper: VueWrapper, router: Router, message: string, heading = '保存前请确认') {
  await wrapper.get('form').trigger('submit')
  await until(() => wrapper.find('[data-testid="save-warnings"]').exists(), `the warning “${message}”`)
  const box = wrapper.get('[data-testid="save-warnings"]')
  expect(box.get('h2').text()).toBe(heading)
  expect(box.text()).toContain(message)
  expect(wrapper.find('[data-testid="save-error"]').exists()).toBe(false)
  expect(await stored()).toHaveLength(0)
  await wrapper.get('[data-testid="save-anyway"]').trigger('click')
  await until(() => router.currentRoute.value.path === '/activities', 'the save')
  const saved = await stored()
  expect(saved).toHaveLength(1)
  return saved[0]!
}

async function markButtons(wrapper: VueWrapper) {
  await until(() => wrapper.findAll('button.mark').length > 0, 'the attendance marks')
  return wrapper.findAll('button.mark')
}

// a page left mounted would keep saving its draft into the next test's database
enableAutoUnmount(afterEach)

beforeEach(() => {
  useDatabase(`log-warnings-${Math.random()}`)
  setActivePinia(createPinia())
})

describe('with a roster', () => {
  beforeEach(async () => {
    await addMembers([{ name: '张书记', role: 'secretary', group: '', active: true }, { name: '李明', role: 'member', group: '', active: true }])
  })

  it('a routine 主题党日 saves without a warning', async () => {
    const { wrapper, router } = await mountPage('/log?type=themeDay')
    await wrapper.get('form').trigger('submit')
    await until(() => router.currentRoute.value.path === '/activities', 'the save')
    expect(wrapper.find('[data-testid="save-warnings"]').exists()).toBe(false)
  })

  it('a date ahead asks 活动还没开？ and 存为计划 saves it as planned, not 补录, with no counted fields needed', async () => {
    const { wrapper, router } = await mountPage('/log?type=themeDay')
    await wrapper.get('input[name="date"]').setValue(addDays(today, 9))
    await wrapper.get('form').trigger('submit')
    await until(() => wrapper.find('[data-testid="save-warnings"]').exists(), 'the question')
    expect(wrapper.get('[data-testid="save-warnings"] h2').text()).toBe('活动还没开？')
    expect(wrapper.get('[data-testid="save-warnings"]').text()).toContain('日期是9天以后，还没到：可以存为计划')
    expect(wrapper.get('[data-testid="save-anyway"]').text()).toBe('仍然保存（已开展）')
    expect(await stored()).toHaveLength(0)
    await wrapper.get('[data-testid="save-as-plan"]').trigger('click')
    await until(() => router.currentRoute.value.path === '/activities', 'the save')
    const [saved] = await stored()
    expect(saved).toMatchObject({ planned: true, date: addDays(today, 9), backfilled: false, types: ['themeDay'] })
  })

  it('a date ahead saved anyway is held', async () => {
    const { wrapper, router } = await mountPage('/log?type=themeDay')
    await wrapper.get('input[name="date"]').setValue(addDays(today, 1))
    const saved = await warnsThenSaves(wrapper, router, '日期是明天，还没到', '活动还没开？')
    expect(saved.planned).toBeUndefined()
  })

  it('a date more than a year back', async () => {
    const { wrapper, router } = await mountPage('/log?type=themeDay')
    await wrapper.get('input[name="date"]').setValue(addDays(today, -800))
    await warnsThenSaves(wrapper, router, '日期在2年多以前，请确认年份')
  })

  it('everyone 缺席', async () => {
    const { wrapper, router } = await mountPage('/log?type=themeDay')
    for (let i = 0; i < 2; i++) for (const button of await markButtons(wrapper)) await button.trigger('click')
    const saved = await warnsThenSaves(wrapper, router, '出席情况：应到2人全部缺席，没有人出席')
    expect(saved.attendance?.absent).toHaveLength(2)
  })

  it('everyone away (请假 with a reason, 缺席)', async () => {
    const { wrapper, router } = await mountPage('/log?type=themeDay')
    const [first, second] = await markButtons(wrapper)
    await first!.trigger('click')
    await second!.trigger('click')
    await second!.trigger('click')
    await wrapper.get('input.reason').setValue('出差')
    await warnsThenSaves(wrapper, router, '出席情况：应到2人都请假或缺席，实到0人')
  })

  it('请假 with no reason; filling the reason takes the warning away', async () => {
    const { wrapper, router } = await mountPage('/log?type=themeDay')
    const [first] = await markButtons(wrapper)
    await first!.trigger('click')
    await wrapper.get('form').trigger('submit')
    await until(() => wrapper.find('[data-testid="save-warnings"]').exists(), 'the warning')
    expect(wrapper.get('[data-testid="save-warnings"]').text()).toContain('请假事由：1人请假没有填写事由')
    await wrapper.get('input.reason').setValue('生病')
    await until(() => !wrapper.find('[data-testid="save-warnings"]').exists(), 'the warning to go')
    await wrapper.get('form').trigger('submit')
    await until(() => router.currentRoute.value.path === '/activities', 'the save')
    expect((await stored())[0]?.attendance?.leave).toEqual([{ memberId: expect.any(String) as string, reason: '生病' }])
  })

  it('返回修改 closes the warnings and saves nothing', async () => {
    const { wrapper } = await mountPage('/log?type=themeDay')
    await wrapper.get('input[name="date"]').setValue(addDays(today, 3))
    await wrapper.get('form').trigger('submit')
    await until(() => wrapper.find('[data-testid="save-warnings"]').exists(), 'the question')
    await wrapper.get('[data-testid="back-to-form"]').trigger('click')
    await flushPromises()
    expect(wrapper.find('[data-testid="save-warnings"]').exists()).toBe(false)
    expect(await stored()).toHaveLength(0)
  })

  it('志愿服务 with 0 人次 but hours', async () => {
    const { wrapper, router } = await mountPage('/log?type=volunteer')
    await clearNamedVolunteers(wrapper)
    await wrapper.get('input[name="volunteerParticipants"]').setValue('0')
    await wrapper.get('input[name="volunteerHours"]').setValue('10')
    const saved = await warnsThenSaves(wrapper, router, '参与人次为0，但服务总时长为10小时：请填写参与人次')
    expect(saved.volunteer).toMatchObject({ participants: 0, hours: 10 })
  })

  it('志愿服务 with 0 人次 but people served', async () => {
    const { wrapper, router } = await mountPage('/log?type=volunteer')
    await clearNamedVolunteers(wrapper)
    await wrapper.get('input[name="volunteerParticipants"]').setValue('0')
    await wrapper.get('input[name="volunteerBeneficiaries"]').setValue('20')
    await warnsThenSaves(wrapper, router, '参与人次为0，但惠及群众20人次：请填写参与人次')
  })

  it('a 党课 whose speaker is 待定', async () => {
    const { wrapper, router } = await mountPage('/log?type=partyLecture')
    await wrapper.get('input[name="lectureSpeaker"]').setValue('待定')
    await warnsThenSaves(wrapper, router, '讲课人填的是“待定”：党课应写明讲课人')
  })

  it('集中学习 with 0 学时', async () => {
    const { wrapper, router } = await mountPage('/log?type=study')
    await wrapper.get('input[name="creditHours"]').setValue('0')
    await warnsThenSaves(wrapper, router, '学时为0：这次集中学习不计学时？')
  })

  it('民主评议 with no grades, and with more graded than expected', async () => {
    const first = await mountPage('/log?type=democraticReview')
    for (const g of ['excellent', 'qualified', 'basicallyQualified', 'unqualified']) await first.wrapper.get(`input[name="evaluation-${g}"]`).setValue('0')
    await warnsThenSaves(first.wrapper, first.router, '评议结果：各等次人数都是0')
  })

  it('民主评议 with more graded than expected', async () => {
    const { wrapper, router } = await mountPage('/log?type=democraticReview')
    await wrapper.get('input[name="evaluation-excellent"]').setValue('5')
    await warnsThenSaves(wrapper, router, '评议结果：评议7人，多于应到的2人')
  })
})

describe('应到 0', () => {
  it('a 支委会 in a branch whose roster has no committee member expects nobody: warned', async () => {
    await addMembers([{ name: '李明', role: 'member', group: '', active: true }])
    const { wrapper, router } = await mountPage('/log?type=committeeMeeting')
    const saved = await warnsThenSaves(wrapper, router, '应到人数为0：支委会通常有应到人员，请在出席情况中点名')
    expect(saved.attendance?.expected).toEqual([])
  })

  it('with an empty roster there is nobody to pick: saved without a warning (the sheet says the roster is empty)', async () => {
    const { wrapper, router } = await mountPage('/log?type=themeDay')
    expect(wrapper.text()).toContain('名册还是空的')
    await wrapper.get('form').trigger('submit')
    await until(() => router.currentRoute.value.path === '/activities', 'the save')
    expect(wrapper.find('[data-testid="save-warnings"]').exists()).toBe(false)
  })
})
