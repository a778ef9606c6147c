// @vitest-environment happy-dom
// Every error message in the log form is Chinese and sits at the field it names (src/shared/model/fields.ts): an
// emptied number box asks for that number, and a text over its limit is refused with its length, never cut.
import 'fake-indexeddb/auto'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { enableAutoUnmount, mount, type VueWrapper } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { createMemoryHistory, createRouter } from 'vue-router'
import ActivityLogPage from '@client/pages/ActivityLogPage.vue'
import { addMembers, listActivitiesBetween, useDatabase } from '@client/db'
import { until } from '../support/until'

async function mountPage(path: string) {
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [{ path: '/log', component: ActivityLogPage }, { path: '/activities', component: { template: '<p>list</p>' } }],
  })
  await router.push(path)
  const wrapper = mount(ActivityLogPage, { global: { plugins: [router], stubs: { RouterLink: true } } })
  await until(() => wrapper.find('input[name="topic"]').exists(), 'the form')
  return { wrapper, router }
}

/** The text of the label around a named input or textarea: where the form puts the message about that field. */
function fieldText(wrapper: VueWrapper, name: string): string {
  return wrapper.get(`[name="${name}"]`).element.closest('label')!.textContent ?? ''
}

async function submitAndExpect(wrapper: VueWrapper, name: string, message: string) {
  await wrapper.get('form').trigger('submit')
  await until(() => wrapper.find('[data-testid="save-error"]').exists(), `the error “${message}”`)
  expect(fieldText(wrapper, name)).toContain(message)
  const all = wrapper.get('[data-testid="save-error"]').text()
  expect(all).toBe(`未保存：${message}`)
  expect(all).not.toMatch(/[A-Za-z]/)
  expect(await listActivitiesBetween('2000-01-01', '2099-12-31')).toHaveLength(0)
}

// a page left mounted would keep saving its draft into the next test's database
enableAutoUnmount(afterEach)

beforeEach(async () => {
  useDatabase(`log-messages-${Math.random()}`)
  setActivePinia(createPinia())
  await addMembers([{ name: '张书记', role: 'secretary', group: '', active: true }])
})

describe('empty number boxes name their field', () => {
  it.each([
    ['volunteer', 'volunteerParticipants', '请填写参与人次（数字）'],
    ['volunteer', 'volunteerHours', '请填写服务时长（数字）'],
    ['volunteer', 'volunteerBeneficiaries', '请填写惠及人次（数字）'],
    ['study', 'creditHours', '请填写学时（数字）'],
    ['democraticReview', 'evaluation-qualified', '请填写合格人数（数字）'],
  ])('%s: emptied %s says “%s” there and nowhere else', async (type, name, message) => {
    const { wrapper } = await mountPage(`/log?type=${type}`)
    await wrapper.get(`input[name="${name}"]`).setValue('')
    await submitAndExpect(wrapper, name, message)
    for (const other of wrapper.findAll('input[type="number"]')) {
      const otherName = other.attributes('name')!
      if (otherName !== name) expect(fieldText(wrapper, otherName)).not.toContain('请填写')
    }
  })

  it('谈心谈话: an emptied 人次 asks for 人次', async () => {
    const { wrapper } = await mountPage('/log?type=heartTalk')
    const box = wrapper.findAll('input[type="number"]').at(-1)!
    await box.setValue('')
    await wrapper.get('form').trigger('submit')
    await until(() => wrapper.find('[data-testid="save-error"]').exists(), 'the error')
    expect(wrapper.get('[data-testid="save-error"]').text()).toBe('未保存：请填写人次（数字）')
    expect(box.element.closest('label')!.textContent).toContain('请填写人次（数字）')
  })

  it('a negative number says the field cannot be negative', async () => {
    const { wrapper } = await mountPage('/log?type=volunteer')
    await wrapper.get('input[name="volunteerHours"]').setValue('-3')
    await submitAndExpect(wrapper, 'volunteerHours', '服务时长不能为负数')
  })
})

describe('text over its limit is refused with its length, never cut', () => {
  it.each([
    ['topic', 200, '主题'],
    ['place', 100, '地点'],
    ['host', 50, '主持人'],
    ['recorder', 50, '记录人'],
    ['lectureSpeaker', 50, '讲课人'],
  ])('%s: %i + 15 characters stay in the box, the field says so while typing, and saving is refused', async (name, max, label) => {
    const { wrapper } = await mountPage('/log?type=partyLecture')
    const pasted = '字'.repeat(max + 15)
    await wrapper.get(`input[name="${name}"]`).setValue(pasted)
    expect((wrapper.get(`input[name="${name}"]`).element as HTMLInputElement).value).toBe(pasted)
    expect(wrapper.get(`input[name="${name}"]`).attributes('maxlength')).toBeUndefined()
    const message = `${label}最多${max}字，现在${max + 15}字`
    if (name !== 'lectureSpeaker') expect(fieldText(wrapper, name)).toContain(message)
    await submitAndExpect(wrapper, name, message)
  })

  it('内容摘要 and 决议 too', async () => {
    const { wrapper } = await mountPage('/log?type=themeDay')
    await wrapper.get('button.more').trigger('click')
    await wrapper.get('textarea[name="summary"]').setValue('摘'.repeat(5003))
    expect(fieldText(wrapper, 'summary')).toContain('内容摘要最多5000字，现在5003字')
    expect(wrapper.get('textarea[name="summary"]').attributes('maxlength')).toBeUndefined()
    await wrapper.get('textarea[name="summary"]').setValue('')
    await wrapper.get('textarea[name="resolution"]').setValue('决'.repeat(2001))
    await submitAndExpect(wrapper, 'resolution', '决议及表决情况最多2000字，现在2001字')
  })

  it('请假事由 and 列席人员 keep what was pasted; over the limit the sheet says which and how long', async () => {
    const { wrapper } = await mountPage('/log?type=themeDay')
    await until(() => wrapper.find('button.mark').exists(), 'the marks')
    await wrapper.get('button.mark').trigger('click')
    await wrapper.get('input.reason').setValue('因'.repeat(120))
    expect((wrapper.get('input.reason').element as HTMLInputElement).value).toHaveLength(120)
    await wrapper.get('form').trigger('submit')
    await until(() => wrapper.find('[data-testid="save-error"]').exists(), 'the error')
    expect(wrapper.get('[data-testid="save-error"]').text()).toBe('未保存：请假事由最多100字，现在120字')
  })
})
