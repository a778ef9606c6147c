// @vitest-environment happy-dom
import 'fake-indexeddb/auto'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { enableAutoUnmount, flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { createMemoryHistory, createRouter } from 'vue-router'
import ActivityLogPage from '@client/pages/ActivityLogPage.vue'
import {
  addMembers, createActivity, getActivity, listActivitiesOfMonth, readDraft, readSettings, saveSettings, useDatabase,
} from '@client/db'
import { chinaDateOf } from '@shared/dates'
import { readOutbox } from '../../unit/db/helpers'
import { mergeFields } from '@shared/sync/entities'
import { until } from '../support/until'
import { getDb } from '@client/db/connection'


async function mountPage(path = '/log') {
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/log', component: ActivityLogPage },
      { path: '/activities/:id/edit', component: ActivityLogPage },
      { path: '/activities', component: { template: '<p>list</p>' } },
    ],
  })
  await router.push(path)
  const wrapper = mount(ActivityLogPage, { global: { plugins: [router], stubs: { RouterLink: true } } })
  await until(() => wrapper.find('.type-picker').exists(), 'the form')
  return { wrapper, router }
}

// a page left mounted would keep saving its draft into the next test's database
enableAutoUnmount(afterEach)

beforeEach(async () => {
  useDatabase(`log-page-${Math.random()}`)
  setActivePinia(createPinia())
  await addMembers([{ name: '张书记', role: 'secretary', group: '', active: true }, { name: '李明', role: 'member', group: '', active: true }])
})

describe('ActivityLogPage', () => {
  it('saves a routine 主题党日 with two taps and goes to the month list', async () => {
    const { wrapper, router } = await mountPage('/log?type=themeDay')
    await until(() => wrapper.find('[data-testid="attendance-summary"]').exists(), 'attendance')
    await wrapper.get('form').trigger('submit')
    await until(() => router.currentRoute.value.path === '/activities', 'navigation to the list')
    const today = chinaDateOf()
    const saved = await listActivitiesOfMonth(Number(today.slice(0, 4)), Number(today.slice(5, 7)))
    expect(saved).toHaveLength(1)
    expect(saved[0]).toMatchObject({ types: ['themeDay'], date: today, place: '党员活动室', host: '张书记' })
    expect(saved[0]?.attendance?.expected).toHaveLength(2)
    expect(router.currentRoute.value.query.highlight).toBe(saved[0]?.id)
  })

  it('a quick save changes nothing on the form on its way to the list; a slow one says 保存中… and ignores a second tap', async () => {
    const quick = await mountPage('/log?type=themeDay')
    await until(() => quick.wrapper.find('[data-testid="attendance-summary"]').exists(), 'attendance')
    const changes: MutationRecord[] = []
    const watcher = new MutationObserver((records) => { changes.push(...records) })
    watcher.observe(quick.wrapper.get('form').element, { subtree: true, childList: true, attributes: true, characterData: true })
    await quick.wrapper.get('form').trigger('submit')
    await until(() => quick.router.currentRoute.value.path === '/activities', 'navigation to the list')
    watcher.disconnect()
    expect(changes).toEqual([])

    // A slow disk: another transaction holds the activities store for 600 ms.
    const slow = await mountPage('/log?type=themeDay')
    await until(() => slow.wrapper.find('[data-testid="attendance-summary"]').exists(), 'attendance')
    const idb = getDb().backendDB()
    const held = idb.transaction('activities', 'readwrite')
    const until600 = Date.now() + 600
    const keepBusy = () => { if (Date.now() < until600) held.objectStore('activities').get('nothing').onsuccess = keepBusy }
    keepBusy()
    await slow.wrapper.get('form').trigger('submit')
    await until(() => slow.wrapper.get('[data-testid="save-activity"]').text() === '保存中…', 'the saving label')
    expect(slow.wrapper.get('[data-testid="save-activity"]').attributes('disabled')).toBeDefined()
    await slow.wrapper.get('form').trigger('submit')
    await until(() => slow.router.currentRoute.value.path === '/activities', 'navigation to the list', 5000)
    const today = chinaDateOf()
    expect(await listActivitiesOfMonth(Number(today.slice(0, 4)), Number(today.slice(5, 7)))).toHaveLength(2)
  })

  it('opened before the roster arrived, the sheet takes the roster once it comes; what the member typed stays', async () => {
    useDatabase(`log-page-empty-${Math.random()}`)
    setActivePinia(createPinia())
    const { wrapper } = await mountPage('/log?type=themeDay')
    await until(() => wrapper.find('[data-testid="attendance-summary"]').exists(), 'attendance')
    expect(wrapper.get('[data-testid="attendance-summary"]').text()).toContain('应到 0 人')
    await wrapper.get('input[name="topic"]').setValue('先填的主题')
    await wrapper.get('.observers input').setValue('入党积极分子李四')
    // the roster arrives by sync (written straight into the database, as a pull does)
    await addMembers([{ name: '张书记', role: 'secretary', group: '', active: true }, { name: '李明', role: 'member', group: '', active: true }])
    await until(() => wrapper.get('[data-testid="attendance-summary"]').text().includes('应到 2 人'), 'the roster in the sheet')
    expect((wrapper.get('input[name="topic"]').element as HTMLInputElement).value).toBe('先填的主题')
    expect((wrapper.get('input[name="host"]').element as HTMLInputElement).value).toBe('张书记')
    expect((wrapper.get('.observers input').element as HTMLInputElement).value).toBe('入党积极分子李四')
    // kept as a draft like any input: the form opened again has 应到 filled in
    await until(async () => ((await readDraft<{ fields: { attendance?: { expected: string[] } } }>('new-activity'))?.fields.attendance?.expected.length ?? 0) === 2, 'the draft with the roster')
  })

  it('refuses an empty topic in Chinese and saves nothing', async () => {
    const { wrapper } = await mountPage('/log?type=themeDay')
    await wrapper.get('input[name="topic"]').setValue('   ')
    await wrapper.get('form').trigger('submit')
    await until(() => wrapper.find('[data-testid="save-error"]').exists(), 'the error')
    expect(wrapper.get('[data-testid="save-error"]').text()).toContain('请填写主题')
    const today = chinaDateOf()
    expect(await listActivitiesOfMonth(Number(today.slice(0, 4)), Number(today.slice(5, 7)))).toHaveLength(0)
  })

  it('keeps typed input as a draft and restores it when the form opens again', async () => {
    const first = await mountPage('/log?type=themeDay')
    await first.wrapper.get('input[name="topic"]').setValue('学习党章第二章')
    await until(async () => (await readDraft<{ fields: { topic: string } }>('new-activity'))?.fields.topic === '学习党章第二章', 'the draft')
    first.wrapper.unmount()
    setActivePinia(createPinia())
    const second = await mountPage('/log')
    await until(() => second.wrapper.find('[data-testid="draft-restored"]').exists(), 'the restored draft')
    expect((second.wrapper.get('input[name="topic"]').element as HTMLInputElement).value).toBe('学习党章第二章')
  })

  it('a draft of another type does not take over a quick-log tap: the member chooses', async () => {
    const first = await mountPage('/log?type=committeeMeeting')
    await first.wrapper.get('input[name="topic"]').setValue('支委会：研究发展党员')
    await until(async () => (await readDraft<{ fields: { topic: string } }>('new-activity'))?.fields.topic === '支委会：研究发展党员', 'the draft')
    first.wrapper.unmount()
    setActivePinia(createPinia())
    const second = await mountPage('/log?type=volunteer')
    await until(() => second.wrapper.find('[data-testid="draft-choice"]').exists(), 'the choice')
    expect(second.wrapper.get('[data-testid="draft-choice"]').text()).toContain('支委会：研究发展党员')
    await second.wrapper.get('[data-testid="discard-draft"]').trigger('click')
    const topic = () => second.wrapper.find('input[name="topic"]')
    await until(() => topic().exists() && (topic().element as HTMLInputElement).value.includes('志愿服务'), 'a fresh 志愿服务 form')
    expect(await readDraft('new-activity')).toBeUndefined()
  })

  it('opened from a reminder about a past month, the form is dated in that month', async () => {
    const { wrapper } = await mountPage('/log?type=committeeMeeting&date=2026-10-31')
    expect((wrapper.get('input[name="date"]').element as HTMLInputElement).value).toBe('2026-10-31')
    expect((wrapper.get('input[name="topic"]').element as HTMLInputElement).value).toBe('10月支委会')
  })

  describe('in a branch with 党小组', () => {
    const today = chinaDateOf()
    const thisMonth = () => listActivitiesOfMonth(Number(today.slice(0, 4)), Number(today.slice(5, 7)))

    beforeEach(async () => {
      await addMembers([{ name: '王芳', role: 'member', group: '第二党小组', active: true }])
      await saveSettings({ ...(await readSettings()), groups: ['第一党小组', '第二党小组'] })
    })

    it('refuses a 党小组会 without its group in Chinese; picked, it saves with the group and its members as 应到', async () => {
      const { wrapper, router } = await mountPage('/log?type=groupMeeting')
      await until(() => wrapper.find('[data-testid="party-group-picker"]').exists(), 'the group picker')
      await wrapper.get('form').trigger('submit')
      await until(() => wrapper.find('[data-testid="save-error"]').exists(), 'the error')
      expect(wrapper.get('[data-testid="save-error"]').text()).toContain('请选择党小组')
      expect(wrapper.get('[data-testid="party-group-picker"]').text()).toContain('请选择党小组')
      expect(await thisMonth()).toHaveLength(0)

      await wrapper.get('button[data-group="第二党小组"]').trigger('click')
      await flushPromises()
      await wrapper.get('form').trigger('submit')
      await until(() => router.currentRoute.value.path === '/activities', 'navigation to the list')
      const saved = await thisMonth()
      expect(saved).toHaveLength(1)
      expect(saved[0]).toMatchObject({ types: ['groupMeeting'], partyGroup: '第二党小组', topic: `${Number(today.slice(5, 7))}月第二党小组党小组会` })
      expect(saved[0]?.attendance?.expected).toHaveLength(1)
    })

    it('opened from a group’s reminder, that group is picked', async () => {
      const { wrapper } = await mountPage('/log?type=groupMeeting&group=%E7%AC%AC%E4%BA%8C%E5%85%9A%E5%B0%8F%E7%BB%84')
      await until(() => wrapper.find('[data-testid="party-group-picker"]').exists(), 'the group picker')
      expect(wrapper.get('button[data-group="第二党小组"]').attributes('aria-pressed')).toBe('true')
    })

    it('saves other types without a group', async () => {
      const { wrapper, router } = await mountPage('/log?type=themeDay')
      await until(() => wrapper.find('[data-testid="attendance-summary"]').exists(), 'attendance')
      expect(wrapper.find('[data-testid="party-group-picker"]').exists()).toBe(false)
      await wrapper.get('form').trigger('submit')
      await until(() => router.currentRoute.value.path === '/activities', 'navigation to the list')
      expect((await thisMonth())[0]?.partyGroup).toBeUndefined()
    })

    it('clears the group when an edit makes the record no longer a 党小组会, on the phone and in what syncs', async () => {
      const created = await createActivity({
        types: ['groupMeeting'], date: today, place: '党员活动室', topic: '学习', host: '', recorder: '', summary: '', resolution: '',
        photoIds: [], partyGroup: '第一党小组',
      })
      const { wrapper, router } = await mountPage(`/activities/${created.id}/edit`)
      await until(() => wrapper.find('button[data-group="第一党小组"]').exists(), 'the group picker')
      await wrapper.find('[data-testid="change-types"]').trigger('click')
      await flushPromises()
      await wrapper.get('button[data-type="themeDay"]').trigger('click')
      await wrapper.get('button[data-type="groupMeeting"]').trigger('click')
      await flushPromises()
      await wrapper.get('form').trigger('submit')
      // 第一党小组 has nobody on the roster, so the sheet kept from the 党小组会 expects nobody: warned, then confirmed
      await until(() => wrapper.find('[data-testid="save-warnings"]').exists(), 'the warning')
      expect(wrapper.get('[data-testid="save-warnings"]').text()).toContain('应到人数为0')
      await wrapper.get('[data-testid="save-anyway"]').trigger('click')
      await until(() => router.currentRoute.value.path === '/activities', 'navigation to the list')
      const updated = await getActivity(created.id)
      expect(updated?.types).toEqual(['themeDay'])
      expect(updated && 'partyGroup' in updated).toBe(false)
      const put = (await readOutbox(10)).filter((m) => m.recordId === created.id).at(-1)!
      expect(put.fields.partyGroup).toBeNull()
      // the server's per-field merge drops it the way it drops any other cleared optional field
      const { serverVersion: _sv, ...stored } = created
      const merged = mergeFields('activity', stored, put.fields, today)
      expect(merged.ok && 'partyGroup' in merged.data).toBe(false)
      expect(merged.ok && merged.changedFields).toContain('partyGroup')
    })
  })
})
