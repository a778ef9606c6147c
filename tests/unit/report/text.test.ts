import { describe, expect, it } from 'vitest'
import { compileYearReport, composeReportText, emptyYearReport, type YearReport } from '../../../src/shared/report'
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
    const text = composeReportText(seed002Figures())
    expect(text.paragraphs).toEqual([
      '今年以来，组织主题党日活动11次，召开支部党员大会4次，召开支委会25次，开展支部书记讲党课4次。',
      '开展集中学习15次，累计37.5学时。',
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
    const text = composeReportText(r, { opener: '2022年以来，', themeDayUnit: '期', sentencePerParagraph: true })
    expect(text.paragraphs).toEqual([
      '2022年以来，组织主题党日活动11期，召开支部党员大会4次，召开支委会25次，开展党课6次，其中支部书记讲党课4次。',
      '召开组织生活会1次，开展民主评议党员1次，评议党员18名，其中优秀3名。',
      '开展集中学习15次，累计37.5学时。',
      '开展警示教育5次。',
      '开展谈心谈话26人次。',
      '全年共开展志愿服务6次，参与党员群众90人次，累计服务时长180小时。',
      '党员大会平均参会率95%，支委会平均参会率100%，党小组会平均参会率99%。',
    ])
  })

  it('moves the opener to the first sentence there is, and writes nothing for an empty year', () => {
    const r = emptyYearReport(2025)
    expect(composeReportText(r)).toEqual({ sentences: [], paragraphs: [], text: '' })
    r.heartTalk.persons.value = 3
    expect(composeReportText(r).text).toBe('今年以来，开展谈心谈话3人次。')
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
    const text = composeReportText(compileYearReport({ records, year: 2025 }))
    expect(text.paragraphs).toEqual([
      '今年以来，组织主题党日活动13次，召开支部党员大会1次，开展支部书记讲党课1次。',
      '全年共开展志愿服务1次，参与党员群众12人次，累计服务时长24.5小时。',
      '党员大会平均参会率75%，主题党日平均参会率75%。',
    ])
  })
})
