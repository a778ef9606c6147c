import { describe, expect, it } from 'vitest'
import { compileYearReport, listReportFigures, reportSentences } from '../../../src/shared/report'
import { makeMember, makeRecord } from './fixtures'

const roster = [
  makeMember('m-secretary', '张书记', 'secretary', 1),
  makeMember('m-wang', '王党员', 'member', 2),
  makeMember('m-li', '李党员', 'member', 3),
  makeMember('m-zhao', '赵党员', 'member', 4),
]

describe('compileYearReport: counting', () => {
  it('counts a record carrying two types once in each, never twice in one', () => {
    const both = makeRecord({ id: 'both', types: ['themeDay', 'generalMeeting', 'themeDay'], date: '2025-03-01' })
    const single = makeRecord({ id: 'single', types: ['themeDay'], date: '2025-04-01' })
    const r = compileYearReport({ records: [both, single], year: 2025 })
    expect(r.byType.themeDay.count).toEqual({ value: 2, recordIds: ['both', 'single'] })
    expect(r.byType.generalMeeting.count).toEqual({ value: 1, recordIds: ['both'] })
    expect(r.byType.themeDay.issues?.value).toBe(2)
    expect(r.byType.generalMeeting.issues).toBeNull()
    expect(r.records.value).toBe(2)
    expect(r.totalByMonth[2]?.recordIds).toEqual(['both'])
  })

  it('ignores deleted records and records of other years, Dec 31 and Jan 1 included', () => {
    const records = [
      makeRecord({ id: 'dec31-prev', types: ['committeeMeeting'], date: '2024-12-31' }),
      makeRecord({ id: 'jan1', types: ['committeeMeeting'], date: '2025-01-01' }),
      makeRecord({ id: 'dec31', types: ['committeeMeeting'], date: '2025-12-31' }),
      makeRecord({ id: 'jan1-next', types: ['committeeMeeting'], date: '2026-01-01' }),
      makeRecord({ id: 'gone', types: ['committeeMeeting'], date: '2025-06-01', deleted: true }),
    ]
    const r = compileYearReport({ records, year: 2025 })
    expect(r.byType.committeeMeeting.count.recordIds).toEqual(['jan1', 'dec31'])
    expect(r.byType.committeeMeeting.byMonth[0]?.recordIds).toEqual(['jan1'])
    expect(r.byType.committeeMeeting.byMonth[11]?.recordIds).toEqual(['dec31'])
    expect(r.byType.committeeMeeting.byQuarter.map((q) => q.value)).toEqual([1, 0, 0, 1])
    expect(compileYearReport({ records, year: 2026 }).byType.committeeMeeting.count.recordIds).toEqual(['jan1-next'])
  })

  it('counts an edited record under its current types and date; the latest of two versions wins', () => {
    const edited = makeRecord({
      id: 'edited', types: ['groupMeeting'], date: '2025-05-05', updatedAt: '2025-06-01T00:00:00.000Z',
    })
    const stale = { ...edited, types: ['committeeMeeting' as const], updatedAt: '2025-05-05T00:00:00.000Z' }
    const r = compileYearReport({ records: [stale, edited], year: 2025 })
    expect(r.byType.groupMeeting.count.recordIds).toEqual(['edited'])
    expect(r.byType.committeeMeeting.count.value).toBe(0)
    expect(r.records.value).toBe(1)
  })

  it('counts 补录 records like any other and lists them', () => {
    const late = makeRecord({ id: 'late', types: ['orgLifeMeeting'], date: '2025-12-20', backfilled: true })
    const onTime = makeRecord({ id: 'ontime', types: ['orgLifeMeeting'], date: '2025-11-20' })
    const r = compileYearReport({ records: [late, onTime], year: 2025 })
    expect(r.byType.orgLifeMeeting.count.value).toBe(2)
    expect(r.backfilled).toEqual({ value: 1, recordIds: ['late'] })
  })

  it('gives an empty year all zeros', () => {
    const r = compileYearReport({ records: [], roster, year: 2025 })
    expect(r.records.value).toBe(0)
    expect(r.byType.themeDay.count.value).toBe(0)
    expect(r.totalByQuarter.map((q) => q.value)).toEqual([0, 0, 0, 0])
    expect(r.attendance.overall.rate).toBeNull()
    expect(r.attendance.byType).toEqual({})
    expect(r.attendance.byMember.map((m) => [m.name, m.expected.value, m.rate])).toEqual([
      ['张书记', 0, null], ['王党员', 0, null], ['李党员', 0, null], ['赵党员', 0, null],
    ])
  })
})

describe('compileYearReport: figures of each kind', () => {
  it('sums 谈心谈话 人次 with 1 for a talk without details, and per pair', () => {
    const records = [
      makeRecord({ id: 't1', types: ['heartTalk'], date: '2025-02-01',
        talk: { talker: '张书记', target: '王党员', pair: 'committeeMember', mode: '当面', personCount: 1 } }),
      makeRecord({ id: 't2', types: ['heartTalk'], date: '2025-02-03',
        talk: { talker: '张书记', target: '班子成员', pair: 'committeeCommittee', mode: '当面', personCount: 4 } }),
      makeRecord({ id: 't3', types: ['heartTalk'], date: '2025-02-04' }),
    ]
    const r = compileYearReport({ records, year: 2025 })
    expect(r.heartTalk.persons).toEqual({ value: 6, recordIds: ['t1', 't2', 't3'] })
    expect(r.heartTalk.personsByPair.committeeCommittee).toEqual({ value: 4, recordIds: ['t2'] })
    expect(r.heartTalk.personsByPair.memberMember.value).toBe(0)
  })

  it('sums 志愿服务 次, 人次 and 小时, and 集中学习 次 and 学时, without float noise', () => {
    const records = [
      makeRecord({ id: 'v1', types: ['volunteer', 'themeDay'], date: '2025-03-05',
        volunteer: { participants: 12, hours: 0.1, beneficiaries: 40 } }),
      makeRecord({ id: 'v2', types: ['volunteer'], date: '2025-05-05',
        volunteer: { participants: 8, hours: 0.2, beneficiaries: 0 } }),
      makeRecord({ id: 'v3', types: ['volunteer'], date: '2025-06-05' }),
      makeRecord({ id: 's1', types: ['study'], date: '2025-03-06', study: { creditHours: 2.5 } }),
      makeRecord({ id: 's2', types: ['study', 'committeeMeeting'], date: '2025-04-06', study: { creditHours: 4 } }),
    ]
    const r = compileYearReport({ records, year: 2025 })
    expect(r.volunteer.events).toEqual({ value: 3, recordIds: ['v1', 'v2', 'v3'] })
    expect(r.volunteer.participants).toEqual({ value: 20, recordIds: ['v1', 'v2'] })
    expect(r.volunteer.hours.value).toBe(0.3)
    expect(r.volunteer.beneficiaries).toEqual({ value: 40, recordIds: ['v1'] })
    expect(r.study.sessions.value).toBe(2)
    expect(r.study.creditHours).toEqual({ value: 6.5, recordIds: ['s1', 's2'] })
  })

  it('counts 党课 by speaker role and 民主评议 graded and 优秀', () => {
    const records = [
      makeRecord({ id: 'l1', types: ['partyLecture'], date: '2025-03-01', lecture: { speaker: '张书记', speakerRole: 'secretary' } }),
      makeRecord({ id: 'l2', types: ['partyLecture', 'themeDay'], date: '2025-06-01', lecture: { speaker: '张书记', speakerRole: 'secretary' } }),
      makeRecord({ id: 'l3', types: ['partyLecture'], date: '2025-09-01', lecture: { speaker: '刘教授', speakerRole: 'guest' } }),
      makeRecord({ id: 'l4', types: ['partyLecture'], date: '2025-10-01' }),
      makeRecord({ id: 'e1', types: ['democraticReview', 'orgLifeMeeting'], date: '2025-12-10',
        evaluation: { excellent: 3, qualified: 15, basicallyQualified: 1, unqualified: 0 } }),
    ]
    const r = compileYearReport({ records, year: 2025 })
    expect(r.byType.partyLecture.count.value).toBe(4)
    expect(r.lecturesBySpeaker.secretary).toEqual({ value: 2, recordIds: ['l1', 'l2'] })
    expect(r.lecturesBySpeaker.guest.recordIds).toEqual(['l3'])
    expect(r.review.sessions.recordIds).toEqual(['e1'])
    expect(r.review.graded).toEqual({ value: 19, recordIds: ['e1'] })
    expect(r.review.excellent.value).toBe(3)
    expect(r.review.unqualified.value).toBe(0)
    expect(r.byType.orgLifeMeeting.count.recordIds).toEqual(['e1'])
  })

  it('tallies attendance per type, overall, per month and per member', () => {
    const all = ['m-secretary', 'm-wang', 'm-li', 'm-zhao']
    const records = [
      // 主题党日 held as 党员大会: 4 expected, 王 on leave, 李 absent
      makeRecord({ id: 'a1', types: ['themeDay', 'generalMeeting'], date: '2025-03-01', attendance: {
        expected: all, leave: [{ memberId: 'm-wang', reason: '出差' }], absent: ['m-li'], observers: '' } }),
      // 支委会, a name listed twice counts once; 请假 wins over 缺席
      makeRecord({ id: 'a2', types: ['committeeMeeting'], date: '2025-03-15', attendance: {
        expected: ['m-secretary', 'm-wang', 'm-wang'], leave: [{ memberId: 'm-wang', reason: '病假' }], absent: ['m-wang'], observers: '' } }),
      // a former member who is no longer on the roster
      makeRecord({ id: 'a3', types: ['generalMeeting'], date: '2025-07-01', attendance: {
        expected: [...all, 'm-former'], leave: [], absent: [], observers: '' } }),
      // deleted: never counts
      makeRecord({ id: 'a4', types: ['generalMeeting'], date: '2025-07-02', deleted: true, attendance: {
        expected: all, leave: [], absent: all, observers: '' } }),
    ]
    const r = compileYearReport({ records, roster, year: 2025 })
    const general = r.attendance.byType.generalMeeting!
    expect([general.expected, general.present, general.leave, general.absent]).toEqual([9, 7, 1, 1])
    expect(general.meetings.recordIds).toEqual(['a1', 'a3'])
    expect(general.rate).toBeCloseTo(7 / 9)
    expect(r.attendance.byType.themeDay?.expected).toBe(4)
    expect(r.attendance.byType.committeeMeeting).toMatchObject({ expected: 2, present: 1, leave: 1, absent: 0, rate: 0.5 })
    expect(r.attendance.overall).toMatchObject({ expected: 11, present: 8, leave: 2, absent: 1 })
    expect(r.attendance.byMonth[2]).toMatchObject({ expected: 6, present: 3 })
    expect(r.attendance.byMonth[6]).toMatchObject({ expected: 5, present: 5, rate: 1 })

    const byName = Object.fromEntries(r.attendance.byMember.map((m) => [m.name, m]))
    expect(r.attendance.byMember.map((m) => m.name)).toEqual(['张书记', '王党员', '李党员', '赵党员', 'm-former'])
    expect(byName['王党员']).toMatchObject({ present: 1, leave: { value: 2, recordIds: ['a1', 'a2'] }, absent: { value: 0 } })
    expect(byName['王党员']?.expected.recordIds).toEqual(['a1', 'a2', 'a3'])
    expect(byName['李党员']).toMatchObject({ present: 1, absent: { value: 1, recordIds: ['a1'] } })
    expect(byName['张书记']?.rate).toBe(1)
    expect(byName['m-former']).toMatchObject({ role: null, present: 1 })
  })
})

describe('compileYearReport: 警示教育 and 学习 sub-kinds', () => {
  const records = [
    makeRecord({ id: 'w-video', types: ['warningEducation'], date: '2025-02-01', warning: { kind: 'video' } }),
    makeRecord({ id: 'w-bulletin1', types: ['warningEducation'], date: '2025-03-01', warning: { kind: 'bulletin' } }),
    makeRecord({ id: 'w-bulletin2', types: ['warningEducation'], date: '2025-04-01', warning: { kind: 'bulletin' } }),
    makeRecord({ id: 'w-old', types: ['warningEducation'], date: '2025-05-01' }),
    makeRecord({ id: 's-committee', types: ['study', 'committeeMeeting'], date: '2025-02-02', study: { creditHours: 2, scope: 'committee', reflections: 3 } }),
    makeRecord({ id: 's-all', types: ['study'], date: '2025-03-02', study: { creditHours: 2, scope: 'all', discussion: true, reflections: 20 } }),
    makeRecord({ id: 's-all2', types: ['study'], date: '2025-04-02', study: { creditHours: 2, scope: 'all' } }),
    makeRecord({ id: 's-old', types: ['study'], date: '2025-05-02', study: { creditHours: 2 } }),
    makeRecord({ id: 's-gone', types: ['study'], date: '2025-05-03', study: { creditHours: 2, scope: 'all', reflections: 9 }, deleted: true }),
  ]
  const report = compileYearReport({ records, year: 2025 })

  it('counts each form and scope with the records behind it; records without one stay counted apart', () => {
    expect(report.warningEducation.video).toEqual({ value: 1, recordIds: ['w-video'] })
    expect(report.warningEducation.bulletin).toEqual({ value: 2, recordIds: ['w-bulletin1', 'w-bulletin2'] })
    expect(report.warningEducation.base).toEqual({ value: 0, recordIds: [] })
    expect(report.warningEducation.unspecified).toEqual({ value: 1, recordIds: ['w-old'] })
    expect(report.byType.warningEducation.count.value).toBe(4)
    expect(report.study.byScope.committee.sessions).toEqual({ value: 1, recordIds: ['s-committee'] })
    expect(report.study.byScope.all.sessions).toEqual({ value: 2, recordIds: ['s-all', 's-all2'] })
    expect(report.study.byScope.all.discussion).toEqual({ value: 1, recordIds: ['s-all'] })
    expect(report.study.byScope.unspecified.sessions).toEqual({ value: 1, recordIds: ['s-old'] })
    expect(report.study.reflections).toEqual({ value: 23, recordIds: ['s-committee', 's-all'] })
  })

  it('every number the sentences cite is a listed figure that opens its records', () => {
    const cited: { key: string; value: number }[] = []
    reportSentences(report, {}, (key, value) => { cited.push({ key, value }); return String(value) })
    const listed = new Map(listReportFigures(report).map((f) => [f.key, f]))
    const keys = cited.map((c) => c.key)
    expect(keys).toEqual(expect.arrayContaining(['warning.video', 'warning.bulletin', 'warning.unspecified',
      'study.committee', 'study.all', 'study.all.discussion', 'study.unspecified', 'study.reflections']))
    for (const c of cited) expect(listed.get(c.key)?.value, c.key).toBe(c.value)
    expect(listed.get('warning.unspecified')?.recordIds).toEqual(['w-old'])
    expect(listed.get('study.reflections')).toMatchObject({ label: '心得体会', unit: '篇', recordIds: ['s-committee', 's-all'] })
    expect(listed.get('warning.bulletin')).toMatchObject({ label: '传达警示教育通报', unit: '期' })
  })

  it('lists no 未注明 figure when no record names a sub-kind, so the type count stands alone', () => {
    const old = compileYearReport({ records: records.filter((r) => r.id.endsWith('old')), year: 2025 })
    const keys = listReportFigures(old).filter((f) => f.value > 0).map((f) => f.key)
    expect(keys).not.toContain('warning.unspecified')
    expect(keys).not.toContain('study.unspecified')
    expect(keys).toEqual(expect.arrayContaining(['type.warningEducation', 'type.study']))
  })
})
