// The year's plan pasted as lines or a table (src/shared/model/planParser.ts): forgiving about forms, and a line
// it cannot read says which line and why, without losing the others.
import { describe, expect, it } from 'vitest'
import { parsePlan } from '../../../src/shared/model/planParser'

describe('parsePlan', () => {
  it('reads 月日, ISO and slashed dates, the type and the topic; no year means the given one', () => {
    const { plans, errors } = parsePlan([
      '3月15日 主题党日 学习党的二十届四中全会精神',
      '2027-04-02 支委会：研究发展党员',
      '2027/5/6 党课',
      '6.1 支部党员大会 选举',
      '2028年1月8日 组织生活会 专题组织生活会',
    ].join('\n'), 2027)
    expect(errors).toEqual([])
    expect(plans).toEqual([
      { line: 1, date: '2027-03-15', types: ['themeDay'], topic: '学习党的二十届四中全会精神' },
      { line: 2, date: '2027-04-02', types: ['committeeMeeting'], topic: '研究发展党员' },
      { line: 3, date: '2027-05-06', types: ['partyLecture'], topic: '5月党课' },
      { line: 4, date: '2027-06-01', types: ['generalMeeting'], topic: '选举' },
      { line: 5, date: '2028-01-08', types: ['orgLifeMeeting'], topic: '专题组织生活会' },
    ])
  })

  it('reads a table pasted from a spreadsheet, skipping its header row and blank lines', () => {
    const { plans, errors } = parsePlan('日期\t类型\t主题\n\n2027-07-01\t主题党日\t重温入党誓词\n', 2027)
    expect(errors).toEqual([])
    expect(plans).toEqual([{ line: 3, date: '2027-07-01', types: ['themeDay'], topic: '重温入党誓词' }])
  })

  it('joined types (暨, 、) make one event of several types; a type word after a space is the topic', () => {
    const { plans } = parsePlan('12月1日 主题党日暨支部党员大会：换届选举\n4月1日 支委会、党课 讲党史\n3月15日 主题党日 学习党章', 2027)
    expect(plans.map((p) => [p.types, p.topic])).toEqual([
      [['themeDay', 'generalMeeting'], '换届选举'], [['committeeMeeting', 'partyLecture'], '讲党史'], [['themeDay'], '学习党章'],
    ])
  })

  it('names the line and what is wrong, and keeps the lines it could read', () => {
    const { plans, errors } = parsePlan('4月31日 支委会\n5月 主题党日\n主题党日 没有日期\n6月1日 开会\n6月2日 支委会', 2027)
    expect(errors.map((e) => e.message)).toEqual([
      '第1行：没有4月31日这一天', '第2行：请写明几日（如 3月15日）', '第3行：开头没有日期（如 3月15日 或 2027-03-15）',
      '第4行：没有认出活动类型（如 主题党日、支委会、党课）',
    ])
    expect(errors[3]?.text).toBe('6月1日 开会')
    expect(plans).toEqual([{ line: 5, date: '2027-06-02', types: ['committeeMeeting'], topic: '6月支委会' }])
  })

  it('refuses a topic over 200 characters with its length instead of cutting it', () => {
    const { plans, errors } = parsePlan(`3月1日 主题党日 ${'学'.repeat(215)}`, 2027)
    expect(plans).toEqual([])
    expect(errors[0]?.message).toBe('第1行：主题最多200字，现在215字')
  })
})
