// @vitest-environment happy-dom
// The settings field for the day the branch started keeping its ledger in the app (wired by SettingsPage). Its note
// names the very date the report checks from when the field is left empty.
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { mount } from '@vue/test-utils'
import { createActivity, rememberTrackingStart } from '@client/db'
import { chinaDateOf, formatChinaDate } from '@shared/dates'
import TrackingSinceField from '@client/components/settings/TrackingSinceField.vue'
import { freshDatabase } from './fixtures'

const committee = (date: string) => createActivity({
  types: ['committeeMeeting'], date, place: '', topic: '支委会', host: '', recorder: '', summary: '', resolution: '', photoIds: [],
})

describe('TrackingSinceField', () => {
  beforeEach(() => { freshDatabase() })

  it('is optional: an empty field is undefined, and names the day checking starts instead', async () => {
    const wrapper = mount(TrackingSinceField, { props: { modelValue: undefined } })
    const input = wrapper.get<HTMLInputElement>('input[type="date"]')
    expect(wrapper.get('label').text()).toContain('开始使用本应用记录的日期')
    expect(input.element.value).toBe('')
    expect(wrapper.find('button').exists()).toBe(false)
    await vi.waitFor(() => expect(wrapper.text()).toContain(`不填则从${formatChinaDate(chinaDateOf())}算起`))
    await input.setValue('2026-11-10')
    expect(wrapper.emitted('update:modelValue')).toEqual([['2026-11-10']])
    await input.setValue('')
    expect(wrapper.emitted('update:modelValue')![1]).toEqual([undefined])
  })

  it('shows a set date, clears it, and names the earliest record as the start', async () => {
    await committee('2026-03-05')
    const wrapper = mount(TrackingSinceField, { props: { modelValue: '2026-11-10' } })
    expect(wrapper.get<HTMLInputElement>('input').element.value).toBe('2026-11-10')
    await vi.waitFor(() => expect(wrapper.text()).toContain('不填则从2026年3月5日算起'))
    await wrapper.get('button').trigger('click')
    expect(wrapper.emitted('update:modelValue')).toEqual([[undefined]])
  })

  it('names the start this device remembered, which a back-dated record does not move', async () => {
    await committee('2026-03-05')
    await rememberTrackingStart({ since: '2026-03-05' })
    await committee('2026-01-09')
    const wrapper = mount(TrackingSinceField, { props: { modelValue: undefined } })
    await vi.waitFor(() => expect(wrapper.text()).toContain('不填则从2026年3月5日算起'))
    expect(wrapper.text()).not.toContain('2026年1月9日')
  })
})
