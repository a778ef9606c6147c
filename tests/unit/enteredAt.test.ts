// 录入时间 as the list and the detail page show it: China time, whatever the device's time zone.
import { describe, expect, it } from 'vitest'
import { enteredAt } from '@client/activity/enteredBy'

describe('enteredAt', () => {
  it('reads in China time, across midnight and the new year, with and without the year', () => {
    expect(enteredAt('2026-11-10T02:05:00Z')).toBe('2026年11月10日 10:05')
    expect(enteredAt('2026-11-10T02:05:00Z', true)).toBe('11月10日 10:05')
    expect(enteredAt('2026-12-31T16:30:00Z')).toBe('2027年1月1日 00:30')
    expect(enteredAt('2026-03-01T15:59:59Z', true)).toBe('3月1日 23:59')
    expect(enteredAt('2027-01-05T08:00:00+08:00')).toBe('2027年1月5日 08:00')
  })

  it('shows nothing for a time it cannot read', () => {
    expect(enteredAt('not a time')).toBe('')
  })
})
