import { describe, expect, it } from 'vitest'
import { homeWarnings } from '../../../src/shared/report'
import { DEFAULT_RULES } from '../../../src/shared/rules'
import { makeRecord } from './fixtures'

const rules = DEFAULT_RULES.filter((r) => ['general-quarterly', 'committee-monthly', 'org-life-yearly',
  'lecture-secretary-yearly'].includes(r.id))

describe('homeWarnings', () => {
  it('warns ahead about the current month and quarter, most urgent first, then the month just missed', () => {
    const records = [
      makeRecord({ types: ['committeeMeeting'], date: '2025-07-10' }),
      makeRecord({ types: ['generalMeeting'], date: '2025-06-30' }),
    ]
    const warnings = homeWarnings(records, rules, '2025-09-22')
    expect(warnings.map((w) => [w.level, w.message, w.detail])).toEqual([
      ['due', '本季度尚未召开支部党员大会', '距季度末还有8天'],
      ['due', '本月尚未召开支委会', '距月底还有8天'],
      ['missed', '上月没有支委会记录', '如已开展，请补录'],
    ])
  })

  it('is quiet early in a period, and reminds about yearly rules in the last quarter', () => {
    const records = [makeRecord({ types: ['committeeMeeting'], date: '2025-08-10' }),
      makeRecord({ types: ['committeeMeeting'], date: '2025-09-10' }),
      makeRecord({ types: ['generalMeeting'], date: '2025-07-02' })]
    expect(homeWarnings(records, rules, '2025-09-12')).toEqual([])
    const october = homeWarnings([...records, makeRecord({ types: ['committeeMeeting'], date: '2025-10-09' }),
      makeRecord({ types: ['generalMeeting'], date: '2025-10-09' })], rules, '2025-10-20')
    expect(october.map((w) => w.message)).toEqual(['今年支部书记尚未讲党课', '今年尚未召开组织生活会']) // ties keep rule order
    expect(october[0]?.daysLeft).toBe(72)
  })

  it('says how many are still needed when some were held, and looks back across the new year', () => {
    const twice = DEFAULT_RULES.filter((r) => r.id === 'committee-monthly').map((r) => ({ ...r, min: 2 }))
    const records = [makeRecord({ types: ['committeeMeeting'], date: '2025-12-05' }),
      makeRecord({ types: ['committeeMeeting'], date: '2026-01-05' }),
      makeRecord({ types: ['committeeMeeting'], date: '2026-01-06', deleted: true })]
    const warnings = homeWarnings(records, twice, '2026-01-31')
    expect(warnings.map((w) => [w.message, w.detail])).toEqual([
      ['本月支委会1次，还差1次', '今天是月底最后一天'],
      ['上月支委会1次，少于要求的2次', '如已开展，请补录'],
    ])
  })

  describe('with since: the day the branch started keeping its ledger in the app', () => {
    it('never asks to 补录 a period that ended before since', () => {
      const all = DEFAULT_RULES
      const warnings = homeWarnings([], all, '2026-11-23', { since: '2026-11-10' })
      expect(warnings.filter((w) => w.level === 'missed')).toEqual([])
      expect(warnings.some((w) => w.message.startsWith('上月') || w.message.startsWith('上季度') || w.message.startsWith('去年'))).toBe(false)
      // the current month is still reminded about: it holds the start date
      expect(warnings.map((w) => w.message)).toContain('本月尚未召开支委会')
      // without since, the same new branch is told about October
      expect(homeWarnings([], all, '2026-11-23').map((w) => w.message)).toContain('上月没有支委会记录')
    })

    it('still tells about the period just ended when it holds the start date', () => {
      const warnings = homeWarnings([], rules, '2026-11-05', { since: '2026-10-20' })
      // the third quarter ended before the start date: no word about it
      expect(warnings.filter((w) => w.level === 'missed').map((w) => w.message)).toEqual(['上月没有支委会记录'])
    })

    it('says nothing about a period that ends before a start date set ahead', () => {
      const monthly = rules.filter((r) => r.id === 'committee-monthly')
      expect(homeWarnings([], monthly, '2026-11-25', { since: '2026-12-01' })).toEqual([])
      expect(homeWarnings([], monthly, '2026-11-25').map((w) => w.message)).toEqual(['本月尚未召开支委会', '上月没有支委会记录'])
    })
  })

  describe('党小组会 per 党小组', () => {
    const groupRule = DEFAULT_RULES.filter((r) => r.id === 'group-monthly')
    const groups = ['第一党小组', '第二党小组']

    it('names the group that is short', () => {
      const records = [makeRecord({ types: ['groupMeeting'], date: '2026-03-10', partyGroup: '第一党小组' })]
      const warnings = homeWarnings(records, groupRule, '2026-03-25', { groups })
      expect(warnings.map((w) => [w.level, w.group, w.message, w.detail])).toEqual([
        ['due', '第二党小组', '本月第二党小组尚未召开党小组会', '距月底还有6天'],
        ['missed', '第一党小组', '上月第一党小组没有党小组会记录', '如已开展，请补录'],
        ['missed', '第二党小组', '上月第二党小组没有党小组会记录', '如已开展，请补录'],
      ])
      // without groups one meeting covers the branch's month
      expect(homeWarnings(records, groupRule, '2026-03-25').map((w) => [w.group, w.message])).toEqual([
        [null, '上月没有党小组会记录'],
      ])
    })

    it('says when a 党小组会 was recorded without its group', () => {
      const records = [makeRecord({ types: ['groupMeeting'], date: '2026-03-10' })]
      const warnings = homeWarnings(records, groupRule, '2026-03-25', { groups, missedForDays: 0 })
      expect(warnings.map((w) => [w.message, w.detail])).toEqual([
        ['本月第一党小组尚未召开党小组会', '距月底还有6天；另有1条党小组会记录未选党小组'],
        ['本月第二党小组尚未召开党小组会', '距月底还有6天；另有1条党小组会记录未选党小组'],
      ])
    })
  })
})
