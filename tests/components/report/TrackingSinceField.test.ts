// @vitest-environment happy-dom
// The settings field for the day the branch started keeping its ledger in the app (wired by SettingsPage).
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { mount } from '@vue/test-utils'
import { createActivity } from '@client/db'
import TrackingSinceField from '@client/components/settings/TrackingSinceField.vue'
import { freshDatabase } from './fixtures'

describe('TrackingSinceField', () => {
  beforeEach(() => { freshDatabase() })

  it('is optional: an empty field is undefined, and says what counts instead', async () => {
    const wrapper = mount(TrackingSinceField, { props: { modelValue: undefined } })
    const input = wrapper.get<HTMLInputElement>('input[type="date"]')
    expect(wrapper.get('label').text()).toContain('开始使用本应用记录的日期')
    expect(input.element.value).toBe('')
    expect(wrapper.find('button').exists()).toBe(false)
    await vi.waitFor(() => expect(wrapper.text()).toContain('不填则从今天算起'))
    await input.setValue('2026-11-10')
    expect(wrapper.emitted('update:modelValue')).toEqual([['2026-11-10']])
    await input.setValue('')
    expect(wrapper.emitted('update:modelValue')![1]).toEqual([undefined])
  })

  it('shows a set date, clears it, and names the earliest record as the fallback', async () => {
    await createActivity({
      types: ['committeeMeeting'], date: '2026-03-05', place: '', topic: '支委会', host: '', recorder: '', summary: '',
      resolution: '', photoIds: [],
    })
    const wrapper = mount(TrackingSinceField, { props: { modelValue: '2026-11-10' } })
    expect(wrapper.get<HTMLInputElement>('input').element.value).toBe('2026-11-10')
    await vi.waitFor(() => expect(wrapper.text()).toContain('不填则从最早一条记录的日期（2026年3月5日）算起'))
    await wrapper.get('button').trigger('click')
    expect(wrapper.emitted('update:modelValue')).toEqual([[undefined]])
  })
})
