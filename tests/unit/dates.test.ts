import { afterEach, describe, expect, it, vi } from 'vitest'
import { addDays, chinaDateOf, daysBetween, isBackfill, isChinaDate, latestActivityDate, monthRange, quarterOf } from '@shared/dates'

afterEach(() => { vi.unstubAllEnvs() })

describe('China calendar dates', () => {
  for (const tz of ['America/Los_Angeles', 'UTC', 'Asia/Shanghai', 'Pacific/Kiritimati']) {
    it(`puts the year boundary at Beijing midnight whatever the device zone (${tz})`, () => {
      vi.stubEnv('TZ', tz)
      expect(chinaDateOf(new Date('2025-12-31T15:59:59Z'))).toBe('2025-12-31')
      expect(chinaDateOf(new Date('2025-12-31T16:00:00Z'))).toBe('2026-01-01')
      expect(chinaDateOf(new Date('2026-06-30T16:30:00Z'))).toBe('2026-07-01')
    })
  }

  it('validates real calendar dates only', () => {
    expect(isChinaDate('2024-02-29')).toBe(true)
    expect(isChinaDate('2026-02-29')).toBe(false)
    expect(isChinaDate('2026-13-01')).toBe(false)
    expect(isChinaDate('2026-1-1')).toBe(false)
    expect(isChinaDate(20260101)).toBe(false)
  })

  it('does date arithmetic on calendar days', () => {
    expect(daysBetween('2025-12-25', '2026-01-01')).toBe(7)
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01')
    expect(monthRange(2024, 2)).toEqual(['2024-02-01', '2024-02-29'])
    expect(quarterOf('2026-10-01')).toBe(4)
    expect(quarterOf('2026-03-31')).toBe(1)
  })

  it('marks 补录 by China dates, not device dates', () => {
    // entered 2026-01-08 00:30 Beijing time (still Jan 7 in UTC) for a meeting on Jan 1
    expect(isBackfill('2026-01-01', new Date('2026-01-07T16:30:00Z'))).toBe(true)
    expect(isBackfill('2026-01-01', new Date('2026-01-07T15:30:00Z'))).toBe(false)
  })

  it('the latest date a record may carry is a year and a day ahead of today, and follows today when it changes', () => {
    expect(latestActivityDate('2026-03-01')).toBe('2027-03-02')
    expect(latestActivityDate('2026-03-01')).toBe('2027-03-02')
    expect(latestActivityDate('2027-12-31')).toBe('2028-12-31') // 2028 has 366 days
    expect(latestActivityDate('2026-03-01')).toBe('2027-03-02')
  })
})
