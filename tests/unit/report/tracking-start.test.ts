import { describe, expect, it } from 'vitest'
import { coversYear, trackingStart } from '../../../src/shared/report'

describe('trackingStart: a back-dated record never moves the start of checking without asking', () => {
  it('takes the settings’ date as given, and asks nothing', () => {
    expect(trackingStart({ trackingSince: '2026-05-01' }, null, '2026-01-02', '2026-12-01'))
      .toEqual({ since: '2026-05-01', earlierRecord: null, remember: null })
  })

  it('works out the start once (earliest record, else today) and asks it to be remembered', () => {
    expect(trackingStart(null, null, '2026-03-05', '2026-12-01')).toEqual({ since: '2026-03-05', earlierRecord: null, remember: { since: '2026-03-05' } })
    expect(trackingStart(null, null, null, '2026-12-01')).toEqual({ since: '2026-12-01', earlierRecord: null, remember: { since: '2026-12-01' } })
    // records planned ahead only: today
    expect(trackingStart(null, null, '2026-12-20', '2026-12-01').since).toBe('2026-12-01')
  })

  it('keeps the remembered start when an older record is added, and offers that date instead', () => {
    expect(trackingStart(null, { since: '2026-03-05' }, '2026-01-09', '2026-12-01'))
      .toEqual({ since: '2026-03-05', earlierRecord: '2026-01-09', remember: null })
  })

  it('asks again only for a record older than one the secretary declined', () => {
    const declined = { since: '2026-03-05', declinedBefore: '2026-01-09' }
    expect(trackingStart(null, declined, '2026-01-09', '2026-12-01').earlierRecord).toBeNull()
    expect(trackingStart(null, declined, '2025-12-30', '2026-12-01').earlierRecord).toBe('2025-12-30')
  })
})

describe('coversYear: last year is compared only when the ledger covers it', () => {
  it('is true from January of that year on, false for a year begun mid-way or unknown', () => {
    expect(coversYear('2025-01-20', 2025)).toBe(true)
    expect(coversYear('2024-06-01', 2025)).toBe(true)
    expect(coversYear('2025-03-01', 2025)).toBe(false)
    expect(coversYear(undefined, 2025)).toBe(false)
  })
})
