// @vitest-environment happy-dom
// Naming who served in a 志愿服务: one tap per roster member, 参与人次 kept consistent with the names, and the
// record the form then holds passes the one rule set (src/shared/model/rules.ts).
import 'fake-indexeddb/auto'
import { describe, expect, it } from 'vitest'
import { mount } from '@vue/test-utils'
import { ref } from 'vue'
import VolunteerFields from '@client/components/activity/VolunteerFields.vue'
import type { Member } from '@shared/model/member'
import type { VolunteerInfo } from '@shared/model/activity'
import { validateActivityFields } from '@shared/model/validate'

function member(id: string, name: string, active = true): Member {
  return { id, name, role: 'member', group: '', active, order: 1, createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z', deleted: false }
}

const members = [member('m-zhangsan', '张三'), member('m-lisi0001', '李四'), member('m-wangwu01', '王五'), member('m-left0001', '赵六', false)]

function mountFields(initial: VolunteerInfo) {
  const value = ref<VolunteerInfo>(initial)
  const wrapper = mount(VolunteerFields, {
    props: { modelValue: value.value, members, 'onUpdate:modelValue': (v: VolunteerInfo) => { value.value = v; void wrapper.setProps({ modelValue: v }) } },
  })
  return { wrapper, value }
}

const chip = (w: ReturnType<typeof mountFields>['wrapper'], name: string) => w.get(`button[aria-label^="${name}："]`)

function validVolunteer(volunteer: VolunteerInfo): boolean {
  return validateActivityFields({
    types: ['volunteer'], date: '2026-06-01', place: '', topic: '社区服务', host: '', recorder: '', summary: '', resolution: '', photoIds: [], volunteer,
  }, { today: '2026-06-15' }).ok
}

describe('VolunteerFields', () => {
  it('one tap names or un-names a member; 参与人次 follows while it equals the named count', async () => {
    const { wrapper, value } = mountFields({ participants: 3, hours: 6, beneficiaries: 0, memberIds: ['m-zhangsan', 'm-lisi0001', 'm-wangwu01'] })
    // former members are not offered unless the record names them
    expect(wrapper.findAll('[data-testid="volunteer-members"] .chip').map((c) => c.text())).toEqual(['张三', '李四', '王五'])
    await chip(wrapper, '李四').trigger('click')
    expect(value.value).toMatchObject({ participants: 2, memberIds: ['m-zhangsan', 'm-wangwu01'] })
    expect(chip(wrapper, '李四').attributes('aria-pressed')).toBe('false')
    expect(wrapper.text()).toContain('参加的党员（2人）')
    expect(wrapper.get('[data-testid="volunteer-split"]').text()).toBe('其中党员2人，其他参与人员0人次')
    await chip(wrapper, '李四').trigger('click')
    expect(value.value).toMatchObject({ participants: 3, memberIds: ['m-zhangsan', 'm-wangwu01', 'm-lisi0001'] })
    expect(validVolunteer(value.value)).toBe(true)
  })

  it('keeps a larger 人次 typed for people not on the roster, and rises when more are named than it says', async () => {
    const { wrapper, value } = mountFields({ participants: 3, hours: 6, beneficiaries: 0, memberIds: [] })
    await wrapper.get('input[name="volunteerParticipants"]').setValue('10')
    await chip(wrapper, '张三').trigger('click')
    await chip(wrapper, '王五').trigger('click')
    expect(value.value).toMatchObject({ participants: 10, memberIds: ['m-zhangsan', 'm-wangwu01'] })
    expect(wrapper.get('[data-testid="volunteer-split"]').text()).toBe('其中党员2人，其他参与人员8人次')
    await chip(wrapper, '王五').trigger('click')
    expect(value.value.participants).toBe(10)
    await wrapper.get('input[name="volunteerParticipants"]').setValue('1')
    await chip(wrapper, '李四').trigger('click')
    expect(value.value).toMatchObject({ participants: 2, memberIds: ['m-zhangsan', 'm-lisi0001'] })
    expect(validVolunteer(value.value)).toBe(true)
  })

  it('全选 names every active member, 清空 names nobody; an old record naming a former member still shows them', async () => {
    const { wrapper, value } = mountFields({ participants: 5, hours: 2, beneficiaries: 0, memberIds: ['m-left0001'] })
    expect(chip(wrapper, '赵六').attributes('aria-pressed')).toBe('true')
    await wrapper.findAll('button').find((b) => b.text() === '全选')!.trigger('click')
    expect(value.value).toMatchObject({ participants: 5, memberIds: ['m-zhangsan', 'm-lisi0001', 'm-wangwu01'] })
    await wrapper.findAll('button').find((b) => b.text() === '清空')!.trigger('click')
    expect(value.value).toMatchObject({ participants: 5, memberIds: [] })
    expect(wrapper.find('[data-testid="volunteer-split"]').exists()).toBe(false)
  })

  it('shows the rule set’s message next to 参与人次', () => {
    const wrapper = mount(VolunteerFields, {
      props: { modelValue: { participants: 1, hours: 0, beneficiaries: 0, memberIds: ['m-zhangsan', 'm-lisi0001'] }, members,
        issues: [{ path: 'participants', message: '参与人次不能少于点名的参加党员人数（2人）' }] },
    })
    expect(wrapper.get('[role="alert"]').text()).toBe('参与人次不能少于点名的参加党员人数（2人）')
  })
})
