// The `planned` part of the rule set (src/shared/model/rules.ts) and the field messages of src/shared/model/fields.ts:
// every message Chinese and naming its field, a text over its limit refused with its length.
import { describe, expect, it } from 'vitest'
import { validateRecordFields } from '../../../src/shared/model/validate'
import { mergeFields } from '../../../src/shared/sync/entities'

const today = '2026-06-15'

function activity(over: Record<string, unknown> = {}): Record<string, unknown> {
  return { types: ['themeDay'], date: '2026-06-01', place: '党员活动室', topic: '6月主题党日', host: '', recorder: '',
    summary: '', resolution: '', photoIds: [], ...over }
}

const messagesOf = (r: { ok: boolean; issues?: { path: string; message: string }[] }) => (r.ok ? [] : r.issues!.map((i) => `${i.path}：${i.message}`))
const check = (over: Record<string, unknown>) => messagesOf(validateRecordFields('activity', activity(over), { today }))

describe('planned records', () => {
  it('a planned 党课 or 志愿服务 needs no speaker or hours yet; held, it does', () => {
    expect(check({ types: ['partyLecture'], date: '2026-09-01', planned: true })).toEqual([])
    expect(check({ types: ['volunteer', 'democraticReview'], planned: true })).toEqual([])
    expect(check({ types: ['partyLecture'], date: '2026-09-01' })).toEqual(['lecture：党课须填写党课信息'])
  })

  it('planned is true or absent, and a plan is still dated at most a year ahead', () => {
    expect(check({ planned: false })).toEqual(['planned：计划标记无效'])
    expect(check({ planned: 'yes' })).toEqual(['planned：计划标记无效'])
    expect(check({ date: '2027-06-17', planned: true })).toEqual(['date：日期不能晚于一年以后'])
  })

  it('a push that turns a plan into a held record (planned: null) drops the mark by the per-field merge', () => {
    const stored = { ...activity({ planned: true }), id: 'rec-00000001', createdBy: 'm', createdAt: '2026-06-01T00:00:00.000Z',
      updatedAt: '2026-06-01T00:00:00.000Z', backfilled: false, deleted: false }
    const merged = mergeFields('activity', stored, { planned: null, attendance: { expected: [], leave: [], absent: [], observers: '' } }, today)
    expect(merged.ok && 'planned' in merged.data).toBe(false)
    expect(merged.ok && merged.changedFields).toContain('planned')
  })
})

describe('field messages', () => {
  it('an empty or non-numeric number asks for that field by name, never in English', () => {
    const volunteer = (v: Record<string, unknown>) => check({ types: ['volunteer'], volunteer: { participants: 1, hours: 1, beneficiaries: 0, ...v } })
    expect(volunteer({ participants: '' })).toEqual(['volunteer.participants：请填写参与人次（数字）'])
    expect(volunteer({ hours: null })).toEqual(['volunteer.hours：请填写服务时长（数字）'])
    expect(volunteer({ beneficiaries: 'abc' })).toEqual(['volunteer.beneficiaries：惠及人次应为数字'])
    expect(volunteer({ participants: -1 })).toEqual(['volunteer.participants：参与人次不能为负数'])
    expect(volunteer({ participants: 1.5 })).toEqual(['volunteer.participants：参与人次须为整数'])
    expect(check({ types: ['study'], study: { creditHours: '' } })).toEqual(['study.creditHours：请填写学时（数字）'])
    expect(check({ types: ['heartTalk'], talk: { talker: '', target: '', pair: 'committeeMember', mode: '当面', personCount: '' } }))
      .toEqual(['talk.personCount：请填写人次（数字）'])
  })

  it('a text over its limit is refused with its length', () => {
    expect(check({ topic: '学'.repeat(215) })).toEqual(['topic：主题最多200字，现在215字'])
    expect(check({ place: '地'.repeat(101) })).toEqual(['place：地点最多100字，现在101字'])
    expect(check({ summary: '摘'.repeat(5001) })).toEqual(['summary：内容摘要最多5000字，现在5001字'])
    expect(check({ types: ['partyLecture'], lecture: { speaker: '讲'.repeat(51), speakerRole: 'member' } })).toEqual(['lecture.speaker：讲课人最多50字，现在51字'])
    expect(check({ attendance: { expected: ['m-00000001'], leave: [{ memberId: 'm-00000001', reason: '因'.repeat(101) }], absent: [], observers: '' } }))
      .toEqual(['attendance.leave.0.reason：请假事由最多100字，现在101字'])
  })

  it('a missing date asks for it', () => {
    expect(check({ date: undefined })).toEqual(['date：请填写日期'])
  })
})
