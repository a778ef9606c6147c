import { describe, expect, it } from 'vitest'
import { compileYearReport, composeReportText, emptyYearReport, reportSentences, type YearReport } from '../../../src/shared/report'
import { makeRecord, monthly } from './fixtures'

/** A report with seed 002's figures set directly. */
function seed002Figures(): YearReport {
  const r = emptyYearReport(2022)
  r.byType.themeDay.count.value = 11
  r.byType.generalMeeting.count.value = 4
  r.byType.committeeMeeting.count.value = 25
  r.byType.partyLecture.count.value = 4
  r.lecturesBySpeaker.secretary.value = 4
  r.heartTalk.persons.value = 26
  r.study.sessions.value = 15
  r.study.creditHours.value = 37.5
  r.volunteer.events.value = 6
  r.volunteer.participants.value = 90
  r.volunteer.hours.value = 180
  return r
}

describe('composeReportText', () => {
  it('writes the seed 002 sentences exactly, in the seeds order, zeros left out', () => {
    const text = composeReportText(seed002Figures(), { currentYear: 2022 })
    expect(text.paragraphs).toEqual([
      '今年以来，组织主题党日活动11次，召开支部党员大会4次，召开支委会25次，开展支部书记讲党课4次。',
      '开展集中学习15次，全勤党员每人累计37.5学时。',
      '开展谈心谈话26人次。全年共开展志愿服务6次，参与党员群众90人次，累计服务时长180小时。',
    ])
    expect(text.text).toBe(text.paragraphs.join('\n'))
    expect(text.sentences.map((s) => s.key)).toEqual(['organizationLife', 'study', 'heartTalk', 'volunteer'])
  })

  it('writes 组织生活会, 民主评议 and attendance rates, and splits 党课 by the secretary', () => {
    const r = seed002Figures()
    r.byType.orgLifeMeeting.count.value = 1
    r.review.sessions.value = 1
    r.review.graded.value = 18
    r.review.excellent.value = 3
    r.byType.partyLecture.count.value = 6
    r.byType.warningEducation.count.value = 5
    r.attendance.byType.generalMeeting = { meetings: { value: 4, recordIds: [] }, expected: 80, present: 76, leave: 3, absent: 1, rate: 0.95 }
    r.attendance.byType.committeeMeeting = { meetings: { value: 25, recordIds: [] }, expected: 125, present: 125, leave: 0, absent: 0, rate: 1 }
    r.attendance.byType.groupMeeting = { meetings: { value: 1, recordIds: [] }, expected: 200, present: 199, leave: 1, absent: 0, rate: 0.995 }
    const text = composeReportText(r, {
      opener: '2022年以来，', themeDayUnit: '期', sentencePerParagraph: true,
      attendanceRates: ['generalMeeting', 'committeeMeeting', 'groupMeeting', 'themeDay'],
    })
    expect(text.paragraphs).toEqual([
      '2022年以来，组织主题党日活动11期，召开支部党员大会4次，召开支委会25次，开展党课6次，其中支部书记讲党课4次。',
      '召开组织生活会1次，开展民主评议党员1次，评议党员18名，其中优秀3名。',
      '党员大会、支委会、党小组会平均参会率分别为95%、100%、99%。',
      '开展集中学习15次，全勤党员每人累计37.5学时。',
      '开展警示教育5次。',
      '开展谈心谈话26人次。',
      '全年共开展志愿服务6次，参与党员群众90人次，累计服务时长180小时。',
    ])
    expect(composeReportText(r, { attendanceRates: ['committeeMeeting'], sentencePerParagraph: true }).paragraphs)
      .toContain('支委会平均参会率100%。')
    expect(composeReportText(r, { attendanceRates: [] }).text).not.toContain('参会率')
  })

  it('moves the opener to the first sentence there is, and writes nothing for an empty year', () => {
    const r = emptyYearReport(2025)
    expect(composeReportText(r)).toEqual({ sentences: [], paragraphs: [], text: '' })
    r.heartTalk.persons.value = 3
    expect(composeReportText(r, { currentYear: 2025 }).text).toBe('今年以来，开展谈心谈话3人次。')
  })

  it('opens a past year with 全年 (or the chosen opener), never 今年以来', () => {
    const r = emptyYearReport(2025)
    r.byType.committeeMeeting.count.value = 12
    expect(composeReportText(r, { currentYear: 2026 }).text).toBe('全年召开支委会12次。')
    expect(composeReportText(r, { currentYear: 2026, openerChoice: 'year' }).text).toBe('2025年，召开支委会12次。')
    expect(composeReportText(r, { currentYear: 2026, openerChoice: 'none' }).text).toBe('召开支委会12次。')
    expect(composeReportText(r, { currentYear: 2025, openerChoice: 'wholeYear' }).text).toBe('全年召开支委会12次。')
  })

  it('writes text compiled from logged records', () => {
    const records = [
      ...monthly('td', ['themeDay'], 12),
      makeRecord({ id: 'gm', types: ['generalMeeting', 'themeDay'], date: '2025-06-28', attendance: {
        expected: ['a', 'b', 'c', 'd'], leave: [{ memberId: 'd', reason: '出差' }], absent: [], observers: '' } }),
      makeRecord({ id: 'gm-deleted', types: ['generalMeeting'], date: '2025-06-29', deleted: true }),
      makeRecord({ id: 'lec', types: ['partyLecture'], date: '2025-07-01', lecture: { speaker: '张书记', speakerRole: 'secretary' } }),
      makeRecord({ id: 'vol', types: ['volunteer'], date: '2025-03-05', volunteer: { participants: 12, hours: 24.5, beneficiaries: 0 } }),
    ]
    const text = composeReportText(compileYearReport({ records, year: 2025 }), { currentYear: 2025 })
    expect(text.paragraphs).toEqual([
      '今年以来，组织主题党日活动13次，召开支部党员大会1次，开展支部书记讲党课1次。党员参加组织生活平均参会率75%。',
      '全年共开展志愿服务1次，参与党员群众12人次，累计服务时长24.5小时。',
    ])
  })

  it('names with whom the talks were held, as seed 002 does', () => {
    const talk = (id: string, target: string, personCount: number, pair: 'committeeCommittee' | 'committeeMember' = 'committeeMember') =>
      makeRecord({ id, types: ['heartTalk'], date: `2022-0${id.length}-01`, talk: { talker: '书记', target, pair, mode: '当面', personCount } })
    const records = [talk('a', '班子成员', 6, 'committeeCommittee'), talk('bb', '部门负责人', 8), talk('ccc', '中心员工', 10), talk('dddd', '中心员工', 2)]
    const text = reportSentences(compileYearReport({ records, year: 2022 })).map((s) => s.text)
    expect(text).toEqual(['与班子成员、部门负责人和中心员工开展各类谈心谈话26人次。'])

    // a personal name is never put into the report: the pair type names the object
    const named = [talk('a', '张某某', 1, 'committeeCommittee'), talk('bb', '', 2)]
    expect(reportSentences(compileYearReport({ records: named, year: 2022 }))[0]!.text).toBe('与支委班子成员和党员开展各类谈心谈话3人次。')
    const one = [talk('a', '班子成员', 4, 'committeeCommittee')]
    expect(reportSentences(compileYearReport({ records: one, year: 2022 }))[0]!.text).toBe('与班子成员开展谈心谈话4人次。')
  })

  it('writes 学时 per member: 人均 from the sheets, else what a member at every session earned', () => {
    const sheet = (absent: string[]) => ({ expected: ['a', 'b', 'c', 'd'], leave: [], absent, observers: '' })
    const sessions = [
      makeRecord({ id: 's1', types: ['study'], date: '2025-03-01', study: { creditHours: 4 }, attendance: sheet([]) }),
      makeRecord({ id: 's2', types: ['study'], date: '2025-06-01', study: { creditHours: 4 }, attendance: sheet(['d']) }),
    ]
    const report = compileYearReport({ records: sessions, year: 2025 })
    const studySentence = (r: YearReport) => reportSentences(r).find((s) => s.key === 'study')?.text
    expect(studySentence(report)).toBe('开展集中学习2次，党员人均参学7学时。')
    expect(report.study.hoursPerMember).toEqual({ value: 7, recordIds: ['s1', 's2'] })
    const unsheeted = [...sessions, makeRecord({ id: 's3', types: ['study'], date: '2025-09-01', study: { creditHours: 2 } })]
    expect(studySentence(compileYearReport({ records: unsheeted, year: 2025 }))).toBe('开展集中学习3次，全勤党员每人累计10学时。')
  })
})

describe('警示教育 and 学习 by sub-kind (seed 002 phrasing)', () => {
  const dated = (i: number) => `2022-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 27) + 1).padStart(2, '0')}`
  const warnings = (kind: 'video' | 'base' | 'lecture' | 'bulletin' | null, n: number) =>
    Array.from({ length: n }, (_, i) => makeRecord({ types: ['warningEducation'], date: dated(i), ...(kind ? { warning: { kind } } : {}) }))
  const studies = (n: number, study: Record<string, unknown>) =>
    Array.from({ length: n }, (_, i) => makeRecord({ types: ['study'], date: dated(i), study: { creditHours: 0, ...study } }))
  const sentenceOf = (key: string, records: ReturnType<typeof makeRecord>[]) =>
    reportSentences(compileYearReport({ records, year: 2022 })).find((s) => s.key === key)?.text

  it('names each form of 警示教育 in its unit: 视频 and 基地 together, 通报 in 期', () => {
    const records = [...warnings('video', 3), ...warnings('base', 2), ...warnings('lecture', 1), ...warnings('bulletin', 11)]
    expect(sentenceOf('warningEducation', records)).toBe('组织党员干部观看警示教育视频3次、参观警示教育基地2次，宣讲廉政党课1次，传达警示教育通报11期。')
  })

  it('counts 警示教育 logged without a form beside the named ones, and alone reads as before', () => {
    expect(sentenceOf('warningEducation', [...warnings('lecture', 1), ...warnings('bulletin', 4), ...warnings(null, 2)]))
      .toBe('宣讲廉政党课1次，传达警示教育通报4期，开展其他警示教育2次。')
    expect(sentenceOf('warningEducation', warnings(null, 5))).toBe('开展警示教育5次。')
  })

  it('tells 支委班子学习 from 全体党员集中学习和交流研讨, and counts 心得体会 篇', () => {
    const records = [...studies(12, { scope: 'committee' }), ...studies(14, { scope: 'all', discussion: true }),
      ...studies(1, { scope: 'all', discussion: true, reflections: 50 })]
    expect(sentenceOf('study', records)).toBe('支委班子集中学习12次，全体党员开展集中学习和交流研讨15次，撰写心得体会50篇。')
  })

  it('says how many had 交流研讨 when only some did, and counts sessions without a scope apart', () => {
    const records = [...studies(3, { scope: 'all' }), ...studies(2, { scope: 'all', discussion: true, reflections: 4 }), ...studies(1, {})]
    expect(sentenceOf('study', records)).toBe('全体党员开展集中学习5次，其中交流研讨2次，另开展集中学习1次，撰写心得体会8篇。')
    expect(sentenceOf('study', studies(3, { discussion: true }))).toBe('开展集中学习和交流研讨3次。')
    expect(sentenceOf('study', [...studies(2, {}), ...studies(1, { creditHours: 4 })])).toBe('开展集中学习3次，全勤党员每人累计4学时。')
  })

  it('puts 学时 after the sessions and 心得体会 last', () => {
    const records = studies(2, { scope: 'committee', creditHours: 3, reflections: 2 })
    expect(sentenceOf('study', records)).toBe('支委班子集中学习2次，全勤党员每人累计6学时，撰写心得体会4篇。')
  })
})
