import { describe, expect, it } from 'vitest'
import { compileYearReport } from '../../../src/shared/report'
import { makeSyntheticRoster, makeSyntheticYear } from '../../../src/shared/report/synthetic'

describe('makeSyntheticYear', () => {
  it('is deterministic per seed, stays in the year and compiles', () => {
    const a = makeSyntheticYear(500, 2025, 42)
    expect(makeSyntheticYear(500, 2025, 42)).toEqual(a)
    expect(makeSyntheticYear(500, 2025, 43)).not.toEqual(a)
    expect(new Set(a.map((r) => r.id)).size).toBe(500)
    expect(a.every((r) => r.date.startsWith('2025-'))).toBe(true)
    const report = compileYearReport({ records: a, roster: makeSyntheticRoster(30, 42), year: 2025 })
    expect(report.records.value).toBe(a.filter((r) => !r.deleted).length)
    expect(report.attendance.byMember).toHaveLength(30)
  })
})
