// Summing branches' tallies gives the figures the compiler gives over all their records together.
import { describe, expect, it } from 'vitest'
import type { ActivityRecord } from '../../../src/shared/model/activity'
import type { Member } from '../../../src/shared/model/member'
import { compileYearReport, listReportFigures } from '../../../src/shared/report'
import { compileYearReportParts } from '../../../src/shared/report/compile'
import { makeSyntheticRoster, makeSyntheticYear } from '../../../src/shared/report/synthetic'
import { sumYearTallies, yearTally } from '../../../src/shared/report/tally'
import { makeMember, makeRecord } from './fixtures'

interface Branch { records: ActivityRecord[]; roster: Member[] }

function together(branches: readonly Branch[], year: number) {
  const report = compileYearReport({ records: branches.flatMap((b) => b.records), roster: branches.flatMap((b) => b.roster), year })
  return listReportFigures(report).map(({ recordIds: _, ...f }) => f)
}

function summed(branches: readonly Branch[], year: number) {
  return sumYearTallies(year, branches.map((b) => {
    const { report, studyHours } = compileYearReportParts({ records: b.records, roster: b.roster, year })
    return yearTally(report, studyHours)
  }))
}

describe('sumYearTallies', () => {
  it('equals compiling every branch’s records together, synthetic years of 40 branches', () => {
    const branches = Array.from({ length: 40 }, (_, i) => ({ records: makeSyntheticYear(150, 2025, 100 + i), roster: makeSyntheticRoster(30, 100 + i) }))
    const expected = together(branches, 2025)
    expect(summed(branches, 2025)).toEqual(expected)
    // the figures the test is about are there and non-zero
    const keys = expected.filter((f) => f.value > 0).map((f) => f.key)
    expect(keys).toEqual(expect.arrayContaining(['records', 'volunteer.hours', 'study.creditHours', 'attendance.overall', 'attendance.committeeMeeting']))
    expect(summed(branches.slice(0, 1), 2025)).toEqual(together(branches.slice(0, 1), 2025))
  })

  it('adds fractional hours, recomputes rates from 应到 and 实到, and 学时 per member over the union of members', () => {
    const sheet = (expected: string[], absent: string[] = []) => ({ expected, leave: [], absent, observers: '' })
    const one: Branch = {
      roster: [makeMember('m1', '甲'), makeMember('m2', '乙')],
      records: [
        makeRecord({ types: ['volunteer'], date: '2025-03-01', volunteer: { participants: 3, hours: 0.1, beneficiaries: 0 } }),
        makeRecord({ types: ['study'], date: '2025-03-02', study: { creditHours: 1.5 }, attendance: sheet(['m1', 'm2'], ['m2']) }),
        makeRecord({ types: ['generalMeeting'], date: '2025-04-02', attendance: sheet(['m1', 'm2', 'm3'], ['m3']) }),
      ],
    }
    const two: Branch = {
      roster: [makeMember('n1', '丙')],
      records: [
        makeRecord({ types: ['volunteer'], date: '2025-05-01', volunteer: { participants: 2, hours: 0.2, beneficiaries: 4 } }),
        makeRecord({ types: ['study'], date: '2025-05-02', study: { creditHours: 2 }, attendance: sheet(['n1']) }),
        makeRecord({ types: ['study'], date: '2025-06-02', study: { creditHours: 1, scope: 'committee' } }),
        makeRecord({ types: ['warningEducation'], date: '2025-06-03', warning: { kind: 'video' } }),
        makeRecord({ types: ['warningEducation'], date: '2025-06-04' }),
      ],
    }
    const three: Branch = { roster: [], records: [makeRecord({ types: ['generalMeeting'], date: '2025-07-01', attendance: sheet(['k1', 'k2']) })] }
    const value = (figures: ReturnType<typeof summed>, key: string) => figures.find((f) => f.key === key)?.value
    for (const branches of [[one, two, three], [one, three], [three, one], [two]]) expect(summed(branches, 2025)).toEqual(together(branches, 2025))
    const all = summed([one, two, three], 2025)
    expect(value(all, 'volunteer.hours')).toBe(0.3)
    expect(value(all, 'attendance.overall')).toBe(75) // 6 of 8
    expect(value(all, 'warning.unspecified')).toBe(1)
    expect(value(summed([one, three], 2025), 'study.hoursPerMember')).toBe(0.75) // 1.5 person-hours over 2 members
    expect(value(all, 'study.hoursPerMember')).toBeUndefined() // one session with 学时 has no sheet
  })

  it('sums nothing to the empty year', () => {
    expect(sumYearTallies(2025, [])).toEqual(together([], 2025))
  })
})
