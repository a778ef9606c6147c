// One member's year (src/shared/report/memberYear.ts): attendance by meeting type, 学时 against the rule, 志愿服务.
import { describe, expect, it } from 'vitest'
import type { Attendance } from '../../../src/shared/model/activity'
import { memberYear, memberYears, requiredCreditHours } from '../../../src/shared/report/memberYear'
import { mayViewMemberYear } from '../../../src/shared/memberYearAccess'
import { makeRecord } from './fixtures'

const zhang = { id: 'member-zhang', role: 'secretary' as const }
const li = { id: 'member-li000', role: 'member' as const }
const wang = { id: 'member-wang0', role: 'member' as const }

function sheet(expected: string[], leave: string[] = [], absent: string[] = []): Attendance {
  return { expected, leave: leave.map((memberId) => ({ memberId, reason: '出差' })), absent, observers: '' }
}

const all = [zhang.id, li.id, wang.id]

const records = [
  // a 主题党日 held as a 支部党员大会: counted under both types, once in the total
  makeRecord({ id: 'r-themegm', types: ['themeDay', 'generalMeeting'], date: '2026-01-10', attendance: sheet(all, [li.id]) }),
  makeRecord({ id: 'r-theme02', types: ['themeDay'], date: '2026-02-10', attendance: sheet(all, [], [li.id]) }),
  // a 支委会 that does not expect 李
  makeRecord({ id: 'r-commit1', types: ['committeeMeeting'], date: '2026-02-12', attendance: sheet([zhang.id]) }),
  // study: 李 present twice, absent once
  makeRecord({ id: 'r-study01', types: ['study'], date: '2026-03-01', attendance: sheet(all), study: { creditHours: 4 } }),
  makeRecord({ id: 'r-study02', types: ['study'], date: '2026-04-01', attendance: sheet(all, [], [li.id]), study: { creditHours: 8 } }),
  makeRecord({ id: 'r-study03', types: ['study', 'themeDay'], date: '2026-05-01', attendance: sheet(all), study: { creditHours: 2.5 } }),
  // deleted, and another year: never counted
  makeRecord({ id: 'r-deleted', types: ['study'], date: '2026-06-01', attendance: sheet(all), study: { creditHours: 100 }, deleted: true }),
  makeRecord({ id: 'r-lastyr1', types: ['study'], date: '2025-12-31', attendance: sheet(all), study: { creditHours: 50 } }),
  // 志愿服务 naming 李 and 王 among 4 人次: each credited 12 ÷ 4 hours
  makeRecord({ id: 'r-volun01', types: ['volunteer'], date: '2026-06-18', volunteer: { participants: 4, hours: 12, beneficiaries: 30, memberIds: [li.id, wang.id] } }),
  // an older 志愿服务 with no names and no sheet: nobody is credited
  makeRecord({ id: 'r-volun02', types: ['volunteer'], date: '2026-07-18', volunteer: { participants: 6, hours: 12, beneficiaries: 0 } }),
  // a 主题党日 with 志愿服务 from before names existed: its present members served (even share of 人次)
  makeRecord({ id: 'r-volun03', types: ['themeDay', 'volunteer'], date: '2026-08-10', attendance: sheet(all, [], [wang.id]), volunteer: { participants: 2, hours: 5, beneficiaries: 0 } }),
  // names an empty list: nobody served from the roster, also not the sheet's present members
  makeRecord({ id: 'r-volun04', types: ['themeDay', 'volunteer'], date: '2026-09-10', attendance: sheet([zhang.id]), volunteer: { participants: 3, hours: 9, beneficiaries: 0, memberIds: [] } }),
]

describe('memberYear', () => {
  it('counts attendance by meeting type: present, 请假 and 缺席 of expected; a two-type record once in the total', () => {
    const y = memberYear(records, 2026, li)
    expect(y.byType.map((t) => [t.type, t.expected, t.present, t.leave, t.absent])).toEqual([
      ['themeDay', 4, 2, 1, 1],
      ['generalMeeting', 1, 0, 1, 0],
      ['study', 3, 2, 0, 1],
    ])
    expect(y.total).toEqual({ expected: 6, present: 3, leave: 1, absent: 2, recordIds: ['r-themegm', 'r-theme02', 'r-study01', 'r-study02', 'r-study03', 'r-volun03'] })
    expect(memberYear(records, 2026, zhang).byType.find((t) => t.type === 'committeeMeeting')).toMatchObject({ expected: 1, present: 1 })
  })

  it('sums 学时 of the sessions attended against 32 (56 for 书记 and 支委); deleted and other years left out', () => {
    const y = memberYear(records, 2026, li)
    expect(y.study).toEqual({ sessions: 2, creditHours: 6.5, required: 32, shortBy: 25.5, recordIds: ['r-study01', 'r-study03'] })
    const z = memberYear(records, 2026, zhang)
    expect(z.study).toMatchObject({ sessions: 3, creditHours: 14.5, required: 56, shortBy: 41.5 })
    expect(requiredCreditHours('organization')).toBe(56)
    expect(requiredCreditHours('probationary')).toBe(32)
    expect(memberYear(records, 2025, li).study).toMatchObject({ sessions: 1, creditHours: 50, shortBy: 0 })
  })

  it('credits 志愿服务 to the members it names, an even share of hours over 参与人次; older records by their sheet', () => {
    expect(memberYear(records, 2026, li).volunteer).toEqual({ times: 2, hours: 5.5, recordIds: ['r-volun01', 'r-volun03'] })
    expect(memberYear(records, 2026, wang).volunteer).toEqual({ times: 1, hours: 3, recordIds: ['r-volun01'] })
    // 张 was present at r-volun03 (2 人次 over 2 present: 2.5 hours), and r-volun04 names nobody
    expect(memberYear(records, 2026, zhang).volunteer).toEqual({ times: 1, hours: 2.5, recordIds: ['r-volun03'] })
  })

  it('a member no record names has a year of zeros; memberYears answers for the whole roster at once', () => {
    const nobody = memberYear(records, 2026, { id: 'member-new00', role: 'member' })
    expect(nobody).toMatchObject({ byType: [], total: { expected: 0, present: 0 }, study: { creditHours: 0, shortBy: 32 }, volunteer: { times: 0, hours: 0 } })
    const years = memberYears(records, 2026, [zhang, li, wang])
    expect([...years.keys()]).toEqual([zhang.id, li.id, wang.id])
    expect(years.get(li.id)).toEqual(memberYear(records, 2026, li))
  })
})

describe('mayViewMemberYear', () => {
  it('a member sees only their own year; the secretary and a phone used alone see anyone’s; a committee account none', () => {
    const member = { role: 'member' as const, userId: 'user-li', memberId: li.id }
    expect(mayViewMemberYear(member, li.id).allowed).toBe(true)
    expect(mayViewMemberYear(member, wang.id)).toEqual({ allowed: false, code: 'forbidden', message: '只有本人和支部书记可以查看党员个人年度情况' })
    expect(mayViewMemberYear({ role: 'member', userId: 'user-x', memberId: null }, li.id).allowed).toBe(false)
    expect(mayViewMemberYear({ role: 'secretary', userId: 'user-zhang', memberId: zhang.id }, wang.id).allowed).toBe(true)
    expect(mayViewMemberYear({ role: 'alone', userId: null, memberId: null }, wang.id).allowed).toBe(true)
    expect(mayViewMemberYear({ role: 'committee', userId: 'user-c', memberId: null }, wang.id).allowed).toBe(false)
  })
})
