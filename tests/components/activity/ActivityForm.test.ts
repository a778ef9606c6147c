// @vitest-environment happy-dom
import 'fake-indexeddb/auto'
import { describe, expect, it } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { nextTick, ref } from 'vue'
import { createPinia, setActivePinia } from 'pinia'
import ActivityForm from '@client/components/activity/ActivityForm.vue'
import { emptyActivityFields, type FormContext } from '@client/activity/formDefaults'
import type { ActivityFields } from '@shared/model/activity'
import type { Member } from '@shared/model/member'

function member(id: string, name: string, role: Member['role'], group = ''): Member {
  return { id, name, role, group, active: true, order: 1, createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z', deleted: false }
}

const members = [member('m-secretary', '张书记', 'secretary'), member('m-liming01', '李明', 'member'), member('m-wangfang', '王芳', 'organization')]
const context: FormContext = { today: '2026-11-23', defaultPlace: '党员活动室', members }

function mountForm() {
  setActivePinia(createPinia())
  const fields = ref<ActivityFields>(emptyActivityFields(context))
  const wrapper = mount(ActivityForm, {
    props: {
      modelValue: fields.value, 'onUpdate:modelValue': (v: ActivityFields) => { fields.value = v; void wrapper.setProps({ modelValue: fields.value }) },
      activityId: 'activity-0001', context, groups: [], issues: [],
    },
    global: { stubs: { RouterLink: true } },
  })
  return { wrapper, fields }
}

describe('ActivityForm', () => {
  it('shows only the type picker until a type is chosen', () => {
    const { wrapper } = mountForm()
    expect(wrapper.find('input[name="topic"]').exists()).toBe(false)
    expect(wrapper.findAll('button[data-type]')).toHaveLength(12)
  })

  it('fills sensible defaults for a 主题党日: topic, today, place, host, everyone present', async () => {
    const { wrapper, fields } = mountForm()
    await wrapper.find('button[data-type="themeDay"]').trigger('click')
    await nextTick()
    expect(fields.value).toMatchObject({ types: ['themeDay'], topic: '11月主题党日', date: '2026-11-23', place: '党员活动室', host: '张书记' })
    expect(fields.value.attendance).toEqual({ expected: ['m-secretary', 'm-liming01', 'm-wangfang'], leave: [], absent: [], observers: '' })
    expect(wrapper.get('[data-testid="attendance-summary"]').text()).toContain('应到 3 人，实到 3 人')
  })

  it('a 支委会 expects committee members only, and adding 党课 adds the speaker fields', async () => {
    const { wrapper, fields } = mountForm()
    await wrapper.find('button[data-type="committeeMeeting"]').trigger('click')
    expect(fields.value.attendance?.expected).toEqual(['m-secretary', 'm-wangfang'])
    await wrapper.find('button[data-type="partyLecture"]').trigger('click')
    expect(fields.value.topic).toBe('11月支委会暨党课')
    expect(fields.value.lecture).toEqual({ speaker: '张书记', speakerRole: 'secretary' })
    expect(fields.value.attendance?.expected).toHaveLength(3)
  })

  it('tapping a member cycles 出席 → 请假 → 缺席, and 实到 follows', async () => {
    const { wrapper, fields } = mountForm()
    await wrapper.find('button[data-type="generalMeeting"]').trigger('click')
    const liMing = () => wrapper.get('button[aria-label^="李明"]')
    await liMing().trigger('click')
    await flushPromises()
    expect(fields.value.attendance?.leave).toEqual([{ memberId: 'm-liming01', reason: '' }])
    await wrapper.get('input[aria-label="李明的请假事由"]').setValue('出差')
    expect(fields.value.attendance?.leave).toEqual([{ memberId: 'm-liming01', reason: '出差' }])
    await liMing().trigger('click')
    await flushPromises()
    expect(fields.value.attendance?.absent).toEqual(['m-liming01'])
    expect(fields.value.attendance?.leave).toEqual([])
    expect(wrapper.get('[data-testid="attendance-summary"]').text()).toContain('实到 2 人')
    await liMing().trigger('click')
    expect(fields.value.attendance?.absent).toEqual([])
  })

  it('a typed topic is kept when types change', async () => {
    const { wrapper, fields } = mountForm()
    await wrapper.find('button[data-type="themeDay"]').trigger('click')
    await wrapper.get('input[name="topic"]').setValue('重温入党誓词')
    await wrapper.find('button[data-type="volunteer"]').trigger('click')
    expect(fields.value.topic).toBe('重温入党誓词')
    expect(fields.value.volunteer).toEqual({ participants: 3, hours: 0, beneficiaries: 0 })
  })

  it('shows the validation message next to its field', async () => {
    setActivePinia(createPinia())
    const fields = { ...emptyActivityFields(context), types: ['themeDay' as const], topic: '' }
    const wrapper = mount(ActivityForm, {
      props: { modelValue: fields, activityId: 'activity-0001', context, groups: [], issues: [{ path: 'topic', message: '请填写主题' }] },
      global: { stubs: { RouterLink: true } },
    })
    expect(wrapper.text()).toContain('请填写主题')
  })

  it('keeps the suggested topic in step with the month when the date moves (补录)', async () => {
    const { wrapper, fields } = mountForm()
    await wrapper.find('button[data-type="committeeMeeting"]').trigger('click')
    await flushPromises()
    await wrapper.get('input[name="date"]').setValue('2026-09-18')
    await flushPromises()
    expect(fields.value.topic).toBe('9月支委会')
    await wrapper.get('input[name="topic"]').setValue('研究发展党员工作')
    await wrapper.get('input[name="date"]').setValue('2026-08-10')
    await flushPromises()
    expect(fields.value.topic).toBe('研究发展党员工作')
  })

  it('counts 谈心谈话 人次 from the names typed, until set by hand', async () => {
    const { wrapper, fields } = mountForm()
    await wrapper.find('button[data-type="heartTalk"]').trigger('click')
    await flushPromises()
    await wrapper.get('input[name="talkTarget"]').setValue('张卫东、刘桂兰')
    expect(fields.value.talk?.personCount).toBe(2)
    await wrapper.get('input[name="talkTarget"]').setValue('张卫东、刘桂兰，王芳')
    expect(fields.value.talk?.personCount).toBe(3)
    await wrapper.get('input[name="talkCount"]').setValue('5')
    await wrapper.get('input[name="talkTarget"]').setValue('张卫东')
    expect(fields.value.talk?.personCount).toBe(5)
  })
})
