// Warnings before saving (src/shared/model/softWarnings.ts): each odd case is named once, in Chinese, with its field;
// a routine record gets none; a planned record gets none of the held-record checks.
import { describe, expect, it } from 'vitest'
import type { ActivityFields } from '../../../src/shared/model/activity'
import { softWarnings } from '../../../src/shared/model/softWarnings'

const today = '2026-12-01'

function meeting(overrides: Partial<ActivityFields> = {}): ActivityFields {
  return {
    types: ['themeDay'], date: today, place: '党员活动室', topic: '12月主题党日', host: '张书记', recorder: '', summary: '',
    resolution: '', photoIds: [], attendance: { expected: ['m-00000001', 'm-00000002'], leave: [], absent: [], observers: '' },
    ...overrides,
  }
}

const ids = (fields: ActivityFields) => softWarnings(fields, today).map((w) => w.id)
const messages = (fields: ActivityFields) => softWarnings(fields, today).map((w) => w.message)

describe('softWarnings', () => {
  it('a routine 主题党日 with everyone present, a 党课 by its speaker, a 志愿服务 with people and hours: no warning', () => {
    expect(softWarnings(meeting(), today)).toEqual([])
    expect(softWarnings(meeting({ types: ['partyLecture'], lecture: { speaker: '张书记', speakerRole: 'secretary' } }), today)).toEqual([])
    expect(softWarnings(meeting({ types: ['volunteer'], attendance: undefined, volunteer: { participants: 8, hours: 16, beneficiaries: 30 } }), today)).toEqual([])
    // 0 hours with people is allowed without a word: the default of a quick log
    expect(softWarnings(meeting({ types: ['volunteer'], attendance: undefined, volunteer: { participants: 8, hours: 0, beneficiaries: 0 } }), today)).toEqual([])
  })

  it('a date ahead asks 活动还没开？ in days, and a planned record does not', () => {
    expect(softWarnings(meeting({ date: '2026-12-02' }), today)).toEqual([
      { id: 'futureDate', path: 'date', message: '日期是明天，还没到：可以存为计划，开过以后再补记出席情况' },
    ])
    expect(messages(meeting({ date: '2027-06-01' }))[0]).toBe('日期是182天以后，还没到：可以存为计划，开过以后再补记出席情况')
    expect(ids(meeting({ date: '2027-06-01', planned: true }))).toEqual([])
  })

  it('a date more than a year back asks to check the year', () => {
    expect(softWarnings(meeting({ date: '2025-11-30' }), today)).toEqual([{ id: 'longAgo', path: 'date', message: '日期在1年多以前，请确认年份' }])
    expect(ids(meeting({ date: '2025-12-01' }))).toEqual([])
  })

  it('应到 0 on a meeting, unless the roster is empty (nobody to pick)', () => {
    const nobody = meeting({ attendance: { expected: [], leave: [], absent: [], observers: '' } })
    expect(softWarnings(nobody, today, { activeMembers: 3 })).toEqual([
      { id: 'noneExpected', path: 'attendance', message: '应到人数为0：主题党日通常有应到人员，请在出席情况中点名' },
    ])
    expect(ids(nobody)).toEqual(['noneExpected'])
    expect(softWarnings(nobody, today, { activeMembers: 0 })).toEqual([])
  })

  it('everyone 缺席, and everyone away (请假 or 缺席)', () => {
    const all = meeting({ attendance: { expected: ['m-00000001', 'm-00000002'], leave: [], absent: ['m-00000001', 'm-00000002'], observers: '' } })
    expect(messages(all)).toEqual(['出席情况：应到2人全部缺席，没有人出席'])
    const away = meeting({ attendance: { expected: ['m-00000001', 'm-00000002'], leave: [{ memberId: 'm-00000001', reason: '出差' }], absent: ['m-00000002'], observers: '' } })
    expect(messages(away)).toEqual(['出席情况：应到2人都请假或缺席，实到0人'])
  })

  it('请假 with no reason, counted', () => {
    const sheet = { expected: ['m-00000001', 'm-00000002', 'm-00000003'], leave: [{ memberId: 'm-00000001', reason: ' ' }, { memberId: 'm-00000002', reason: '' }], absent: [], observers: '' }
    expect(softWarnings(meeting({ attendance: sheet }), today)).toEqual([{ id: 'leaveWithoutReason', path: 'attendance', message: '请假事由：2人请假没有填写事由' }])
  })

  it('志愿服务 with hours or people served but 0 人次', () => {
    const v = (participants: number, hours: number, beneficiaries: number) => meeting({ types: ['volunteer'], attendance: undefined, volunteer: { participants, hours, beneficiaries } })
    expect(softWarnings(v(0, 10, 0), today)).toEqual([{ id: 'volunteerHoursWithoutPeople', path: 'volunteer.participants', message: '参与人次为0，但服务总时长为10小时：请填写参与人次' }])
    expect(messages(v(0, 0, 20))).toEqual(['参与人次为0，但惠及群众20人次：请填写参与人次'])
  })

  it('a 党课 whose speaker is a placeholder (无, 待定)', () => {
    expect(softWarnings(meeting({ types: ['partyLecture'], lecture: { speaker: '待定', speakerRole: 'member' } }), today))
      .toEqual([{ id: 'lectureWithoutSpeaker', path: 'lecture.speaker', message: '讲课人填的是“待定”：党课应写明讲课人' }])
  })

  it('集中学习 with 0 学时; 民主评议 with no grades or more graded than expected', () => {
    expect(messages(meeting({ types: ['study'], study: { creditHours: 0 } }))).toEqual(['学时为0：这次集中学习不计学时？'])
    const review = (excellent: number, qualified: number) => meeting({ types: ['democraticReview'], evaluation: { excellent, qualified, basicallyQualified: 0, unqualified: 0 } })
    expect(messages(review(0, 0))).toEqual(['评议结果：各等次人数都是0'])
    expect(messages(review(1, 2))).toEqual(['评议结果：评议3人，多于应到的2人'])
    expect(messages(review(1, 1))).toEqual([])
  })

  it('every message is Chinese', () => {
    const cases = [
      meeting({ date: '2026-12-05' }), meeting({ date: '2020-01-01' }), meeting({ attendance: { expected: [], leave: [], absent: [], observers: '' } }),
      meeting({ types: ['study'], study: { creditHours: 0 } }),
    ]
    for (const c of cases) for (const m of messages(c)) expect(m).toMatch(/^[^A-Za-z]*$/)
  })
})
