// The process runs in Los Angeles; activity dates are China calendar dates, so an evening meeting on
// 2025-12-31 in UTC terms (2026-01-01 00:30 in Beijing) belongs to 2026.
process.env.TZ = 'America/Los_Angeles'

import { describe, expect, it } from 'vitest'
import { chinaDateOf } from '../../../src/shared/dates'
import { compileYearReport } from '../../../src/shared/report'
import { makeRecord } from './fixtures'

describe('year boundary in Asia/Shanghai while the process runs elsewhere', () => {
  it('really runs in another time zone', () => {
    expect(new Date('2025-12-31T16:30:00Z').getTimezoneOffset()).toBe(480)
    expect(new Date('2025-12-31T16:30:00Z').getDate()).toBe(31)
  })

  it('files records built from instants under the China date', () => {
    const newYearsEve = makeRecord({ id: 'eve', types: ['generalMeeting'], date: chinaDateOf(Date.parse('2025-12-31T15:59:59Z')) })
    const newYear = makeRecord({ id: 'newyear', types: ['generalMeeting'], date: chinaDateOf(new Date('2025-12-31T16:30:00Z')) })
    expect(newYearsEve.date).toBe('2025-12-31')
    expect(newYear.date).toBe('2026-01-01')
    const records = [newYearsEve, newYear]
    expect(compileYearReport({ records, year: 2025 }).byType.generalMeeting.count.recordIds).toEqual(['eve'])
    const y2026 = compileYearReport({ records, year: 2026 })
    expect(y2026.byType.generalMeeting.count.recordIds).toEqual(['newyear'])
    expect(y2026.byType.generalMeeting.byQuarter[0]?.recordIds).toEqual(['newyear'])
  })
})
