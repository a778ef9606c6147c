// @vitest-environment happy-dom
// The log form checks a record with the shared validator (src/shared/model/validate.ts) before saving, and shows
// each Chinese message next to the field its path names; corrected, the message goes and the record saves.
import 'fake-indexeddb/auto'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { enableAutoUnmount, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { createMemoryHistory, createRouter } from 'vue-router'
import ActivityLogPage from '@client/pages/ActivityLogPage.vue'
import { addMembers, createActivity, getActivity, listActivitiesOfMonth, readSettings, saveSettings, useDatabase } from '@client/db'
import { chinaDateOf } from '@shared/dates'
import { until } from '../support/until'


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

/** The label around an input: where the form puts the message about that field. */
function fieldOf(wrapper: ReturnType<typeof mount>, name: string) {
  return wrapper.get(`input[name="${name}"]`).element.closest('label')!
}

const thisMonth = () => {
  const today = chinaDateOf()
  return listActivitiesOfMonth(Number(today.slice(0, 4)), Number(today.slice(5, 7)))
}

// a page left mounted would keep saving its draft into the next test's database
enableAutoUnmount(afterEach)

beforeEach(async () => {
  useDatabase(`form-issues-${Math.random()}`)
  setActivePinia(createPinia())
  await addMembers([{ name: '张书记', role: 'secretary', group: '', active: true }])
})

describe('ActivityLogPage: the shared validator, message by field', () => {
  it('a 党课 without a speaker: the message sits at 讲课人, nothing is saved; filled in, it saves', async () => {
    const { wrapper, router } = await mountPage('/log?type=partyLecture')
    await wrapper.get('input[name="lectureSpeaker"]').setValue('  ')
    await wrapper.get('form').trigger('submit')
    await until(() => wrapper.find('[data-testid="save-error"]').exists(), 'the error')
    expect(fieldOf(wrapper, 'lectureSpeaker').textContent).toContain('请填写讲课人')
    expect(fieldOf(wrapper, 'topic').textContent).not.toContain('请填写')
    expect(await thisMonth()).toHaveLength(0)

    await wrapper.get('input[name="lectureSpeaker"]').setValue('张书记')
    await until(() => !fieldOf(wrapper, 'lectureSpeaker').textContent?.includes('请填写讲课人'), 'the message to go')
    await wrapper.get('form').trigger('submit')
    await until(() => router.currentRoute.value.path === '/activities', 'the save')
    expect((await thisMonth())[0]?.lecture).toEqual({ speaker: '张书记', speakerRole: 'secretary' })
  })

  it('a 谈心谈话 of 0 人次: the message sits at 人次', async () => {
    const { wrapper } = await mountPage('/log?type=heartTalk')
    await wrapper.get('input[name="talkCount"]').setValue('0')
    await wrapper.get('form').trigger('submit')
    await until(() => wrapper.find('[data-testid="save-error"]').exists(), 'the error')
    expect(fieldOf(wrapper, 'talkCount').textContent).toContain('人次至少为1')
    expect(await thisMonth()).toHaveLength(0)
  })

  it('a date more than a year ahead: the message sits at 日期', async () => {
    const { wrapper } = await mountPage('/log?type=themeDay')
    const next = Number(chinaDateOf().slice(0, 4)) + 2
    await wrapper.get('input[name="date"]').setValue(`${next}-01-01`)
    await wrapper.get('form').trigger('submit')
    await until(() => wrapper.find('[data-testid="save-error"]').exists(), 'the error')
    expect(fieldOf(wrapper, 'date').textContent).toContain('日期不能晚于一年以后')
    expect(await thisMonth()).toHaveLength(0)
  })

  it('an edit of a 党小组会 whose group was renamed since saves; a new one must name a current group', async () => {
    const today = chinaDateOf()
    const old = await createActivity({
      types: ['groupMeeting'], date: today, place: '', topic: '老一组的党小组会', host: '', recorder: '', summary: '',
      resolution: '', photoIds: [], partyGroup: '老一组',
    })
    await saveSettings({ ...(await readSettings()), groups: ['第一党小组', '第二党小组'] })
    const edit = await mountPage(`/activities/${old.id}/edit`)
    await edit.wrapper.get('input[name="topic"]').setValue('老一组的党小组会（补记）')
    await edit.wrapper.get('form').trigger('submit')
    await until(() => edit.router.currentRoute.value.path === '/activities', 'the save')
    expect(await getActivity(old.id)).toMatchObject({ topic: '老一组的党小组会（补记）', partyGroup: '老一组' })

    const fresh = await mountPage('/log?type=groupMeeting')
    await fresh.wrapper.get('form').trigger('submit')
    await until(() => fresh.wrapper.find('[data-testid="save-error"]').exists(), 'the error')
    expect(fresh.wrapper.get('[data-testid="party-group-picker"]').text()).toContain('请选择党小组')
  })
})
