// @vitest-environment happy-dom
import 'fake-indexeddb/auto'
import { describe, expect, it } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { nextTick, ref } from 'vue'
import { createPinia, setActivePinia } from 'pinia'
import ActivityForm from '@client/components/activity/ActivityForm.vue'
import { emptyActivityFields, type FormContext } from '@client/activity/formDefaults'
import type { ActivityFields } from '@shared/model/activity'
import { validateActivityFields } from '@shared/model/validate'
import type { Member } from '@shared/model/member'

function member(id: string, name: string, role: Member['role'], group = ''): Member {
  return { id, name, role, group, active: true, order: 1, createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z', deleted: false }
}

const members = [member('m-secretary', '张书记', 'secretary'), member('m-liming01', '李明', 'member'), member('m-wangfang', '王芳', 'organization')]
const context: FormContext = { today: '2026-11-23', defaultPlace: '党员活动室', members }

function mountForm(groups: string[] = [], ctx: FormContext = context) {
  setActivePinia(createPinia())
  const fields = ref<ActivityFields>(emptyActivityFields(ctx))
  const wrapper = mount(ActivityForm, {
    props: {
      modelValue: fields.value, 'onUpdate:modelValue': (v: ActivityFields) => { fields.value = v; void wrapper.setProps({ modelValue: fields.value }) },
      activityId: 'activity-0001', context: ctx, groups, issues: [],
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
    expect(fields.value.volunteer).toEqual({ participants: 3, hours: 0, beneficiaries: 0, memberIds: ['m-secretary', 'm-liming01', 'm-wangfang'] })
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

  describe('哪个党小组', () => {
    const grouped: FormContext = {
      ...context,
      members: [
        member('m-secretary', '张书记', 'secretary', '第一党小组'), member('m-liming01', '李明', 'member', '第一党小组'),
        member('m-wangfang', '王芳', 'organization', '第二党小组'), member('m-zhaolei1', '赵磊', 'member', '第二党小组'),
      ],
    }
    const groups = ['第一党小组', '第二党小组']

    it('asks which group held a 党小组会; one tap sets the group, its members as 应到 and the topic', async () => {
      const { wrapper, fields } = mountForm(groups, grouped)
      await wrapper.find('button[data-type="groupMeeting"]').trigger('click')
      await flushPromises()
      const picker = wrapper.get('[data-testid="party-group-picker"]')
      expect(picker.text()).toContain('哪个党小组')
      expect(fields.value.topic).toBe('11月党小组会')
      expect(fields.value.attendance?.expected).toHaveLength(4)
      await picker.get('button[data-group="第二党小组"]').trigger('click')
      await flushPromises()
      expect(fields.value).toMatchObject({ partyGroup: '第二党小组', topic: '11月第二党小组党小组会' })
      expect(fields.value.attendance?.expected).toEqual(['m-wangfang', 'm-zhaolei1'])
      expect(wrapper.get('button[data-group="第二党小组"]').attributes('aria-pressed')).toBe('true')
      expect(wrapper.get('[data-testid="attendance-summary"]').text()).toContain('应到 2 人')

      // the topic follows the date and another group while it is still the suggestion
      await wrapper.get('input[name="date"]').setValue('2026-10-15')
      await flushPromises()
      expect(fields.value.topic).toBe('10月第二党小组党小组会')
      await wrapper.get('button[data-group="第一党小组"]').trigger('click')
      await flushPromises()
      expect(fields.value.topic).toBe('10月第一党小组党小组会')
      expect(fields.value.attendance?.expected).toEqual(['m-secretary', 'm-liming01'])
      // a typed topic stays
      await wrapper.get('input[name="topic"]').setValue('学习新党章')
      await wrapper.get('button[data-group="第二党小组"]').trigger('click')
      await flushPromises()
      expect(fields.value.topic).toBe('学习新党章')
    })

    it('drops the group when 党小组会 is no longer among the types', async () => {
      const { wrapper, fields } = mountForm(groups, grouped)
      await wrapper.find('button[data-type="groupMeeting"]').trigger('click')
      await flushPromises()
      await wrapper.get('button[data-group="第一党小组"]').trigger('click')
      await flushPromises()
      await wrapper.find('button[data-type="themeDay"]').trigger('click')
      await flushPromises()
      expect(fields.value.topic).toBe('11月第一党小组党小组会暨主题党日')
      await wrapper.find('button[data-type="groupMeeting"]').trigger('click')
      await flushPromises()
      expect(fields.value.partyGroup).toBeUndefined()
      expect('partyGroup' in fields.value).toBe(false)
      expect(fields.value.topic).toBe('11月主题党日')
      expect(wrapper.find('[data-testid="party-group-picker"]').exists()).toBe(false)
    })

    it('keeps 应到 when nobody on the roster belongs to the group picked yet', async () => {
      const { wrapper, fields } = mountForm(['第一党小组', '第三党小组'], grouped)
      await wrapper.find('button[data-type="groupMeeting"]').trigger('click')
      await flushPromises()
      await wrapper.get('button[data-group="第三党小组"]').trigger('click')
      await flushPromises()
      expect(fields.value).toMatchObject({ partyGroup: '第三党小组', topic: '11月第三党小组党小组会' })
      expect(fields.value.attendance?.expected).toHaveLength(4)
    })

    it('does not ask in a branch without groups, nor for other types', async () => {
      const none = mountForm([], grouped)
      await none.wrapper.find('button[data-type="groupMeeting"]').trigger('click')
      await flushPromises()
      expect(none.wrapper.find('[data-testid="party-group-picker"]').exists()).toBe(false)
      const other = mountForm(groups, grouped)
      await other.wrapper.find('button[data-type="committeeMeeting"]').trigger('click')
      await flushPromises()
      expect(other.wrapper.find('[data-testid="party-group-picker"]').exists()).toBe(false)
    })

    it('shows 请选择党小组 at the picker until a group is picked', async () => {
      setActivePinia(createPinia())
      const fields = { ...emptyActivityFields(grouped), types: ['groupMeeting' as const], topic: '11月党小组会' }
      const wrapper = mount(ActivityForm, {
        props: { modelValue: fields, activityId: 'activity-0001', context: grouped, groups, issues: [{ path: 'partyGroup', message: '请选择党小组' }] },
        global: { stubs: { RouterLink: true } },
      })
      expect(wrapper.get('[data-testid="party-group-picker"]').text()).toContain('请选择党小组')
    })
  })

  describe('警示教育形式 and 学习 sub-kinds', () => {
    const chip = (wrapper: ReturnType<typeof mountForm>['wrapper'], text: string) => {
      const found = wrapper.findAll('button.chip').find((b) => b.text() === text)
      if (!found) throw new Error(`no chip ${text}`)
      return found
    }

    it('a 警示教育 offers its four forms; one tap picks, a second tap clears, another type drops it', async () => {
      const { wrapper, fields } = mountForm()
      await wrapper.find('button[data-type="warningEducation"]').trigger('click')
      const names = wrapper.findAll('fieldset').find((f) => f.text().startsWith('警示教育形式'))!.findAll('button.chip').map((b) => b.text())
      expect(names).toEqual(['观看警示教育视频', '参观警示教育基地', '宣讲廉政党课', '传达警示教育通报'])
      expect(fields.value.warning).toBeUndefined()
      await chip(wrapper, '参观警示教育基地').trigger('click')
      expect(fields.value.warning).toEqual({ kind: 'base' })
      expect(chip(wrapper, '参观警示教育基地').attributes('aria-pressed')).toBe('true')
      expect(validateActivityFields(fields.value, { today: '2026-11-23' }).ok).toBe(true)
      await chip(wrapper, '传达警示教育通报').trigger('click')
      expect(fields.value.warning).toEqual({ kind: 'bulletin' })
      await chip(wrapper, '传达警示教育通报').trigger('click')
      expect('warning' in fields.value).toBe(false)
      await chip(wrapper, '观看警示教育视频').trigger('click')
      await wrapper.find('button[data-type="themeDay"]').trigger('click')
      await wrapper.find('button[data-type="warningEducation"]').trigger('click')
      expect(fields.value.types).toEqual(['themeDay'])
      expect('warning' in fields.value).toBe(false)
    })

    it('a 集中学习 asks 支委班子 or 全体, 交流研讨 and 心得体会 篇; an empty box leaves 篇 out', async () => {
      const { wrapper, fields } = mountForm()
      await wrapper.find('button[data-type="study"]').trigger('click')
      expect(fields.value.study).toEqual({ creditHours: 2 })
      await chip(wrapper, '支委班子学习').trigger('click')
      expect(fields.value.study?.scope).toBe('committee')
      await chip(wrapper, '全体党员集中学习').trigger('click')
      expect(fields.value.study?.scope).toBe('all')
      await chip(wrapper, '含交流研讨').trigger('click')
      await wrapper.get('input[name="reflections"]').setValue('12')
      expect(fields.value.study).toEqual({ creditHours: 2, scope: 'all', discussion: true, reflections: 12 })
      expect(validateActivityFields(fields.value, { today: '2026-11-23' }).ok).toBe(true)
      await wrapper.get('input[name="reflections"]').setValue('')
      await chip(wrapper, '含交流研讨').trigger('click')
      await chip(wrapper, '全体党员集中学习').trigger('click')
      expect(fields.value.study).toEqual({ creditHours: 2 })
    })
  })
})
