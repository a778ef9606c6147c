// @vitest-environment happy-dom
// Editing a planned activity (计划) in the log form: it says it is a plan, saving keeps it a plan; 已开展，补记出席
// adds the attendance sheet and saving makes it held (the 计划 mark removed, on the phone and in what syncs).
import 'fake-indexeddb/auto'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { enableAutoUnmount, flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { createMemoryHistory, createRouter } from 'vue-router'
import ActivityLogPage from '@client/pages/ActivityLogPage.vue'
import { addMembers, createActivity, getActivity, useDatabase } from '@client/db'
import { addDays, chinaDateOf } from '@shared/dates'
import { readOutbox } from '../../unit/db/helpers'
import { until } from '../support/until'

const today = chinaDateOf()

async function mountEdit(id: string) {
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [{ path: '/activities/:id/edit', component: ActivityLogPage }, { path: '/activities', component: { template: '<p>list</p>' } }],
  })
  await router.push(`/activities/${id}/edit`)
  const wrapper = mount(ActivityLogPage, { global: { plugins: [router], stubs: { RouterLink: true } } })
  await until(() => wrapper.find('input[name="topic"]').exists(), 'the form')
  return { wrapper, router }
}

const plan = (date: string) => createActivity({
  types: ['partyLecture'], date, place: '党员活动室', topic: '讲党史', host: '', recorder: '', summary: '', resolution: '',
  photoIds: [], planned: true,
})

enableAutoUnmount(afterEach)

beforeEach(async () => {
  useDatabase(`log-planned-${Math.random()}`)
  setActivePinia(createPinia())
  await addMembers([{ name: '张书记', role: 'secretary', group: '', active: true }, { name: '李明', role: 'member', group: '', active: true }])
})

describe('a planned activity in the log form', () => {
  it('says it is a plan; a new topic saves and it stays a plan, even dated ahead, with no question asked', async () => {
    const saved = await plan(addDays(today, 20))
    const { wrapper, router } = await mountEdit(saved.id)
    expect(wrapper.get('[data-testid="planned-note"]').text()).toContain('这是计划中的活动，不计入统计。')
    expect(wrapper.find('[data-testid="attendance-summary"]').exists()).toBe(false)
    expect(wrapper.get('[data-testid="save-activity"]').text()).toBe('保存计划')
    await wrapper.get('input[name="topic"]').setValue('讲党史：红船精神')
    await wrapper.get('form').trigger('submit')
    await until(() => router.currentRoute.value.path === '/activities', 'the save')
    expect(wrapper.find('[data-testid="save-warnings"]').exists()).toBe(false)
    expect(await getActivity(saved.id)).toMatchObject({ topic: '讲党史：红船精神', planned: true })
  })

  it('已开展，补记出席 adds attendance and the speaker; saving makes it held', async () => {
    const saved = await plan(addDays(today, -1))
    const { wrapper, router } = await mountEdit(saved.id)
    await wrapper.get('[data-testid="mark-held"]').trigger('click')
    await flushPromises()
    expect(wrapper.find('[data-testid="planned-note"]').exists()).toBe(false)
    expect(wrapper.get('[data-testid="attendance-summary"]').text()).toContain('应到 2 人')
    expect((wrapper.get('input[name="lectureSpeaker"]').element as HTMLInputElement).value).toBe('张书记')
    await wrapper.get('form').trigger('submit')
    await until(() => router.currentRoute.value.path === '/activities', 'the save')
    const held = await getActivity(saved.id)
    expect(held && 'planned' in held).toBe(false)
    expect(held?.lecture).toEqual({ speaker: '张书记', speakerRole: 'secretary' })
    expect((await readOutbox(10)).filter((m) => m.recordId === saved.id).at(-1)?.fields.planned).toBeNull()
  })
})
