import { describe, expect, it } from 'vitest'
import { checkCompliance } from '../../../src/shared/report'
import { DEFAULT_RULES } from '../../../src/shared/rules'
import type { FrequencyRule } from '../../../src/shared/model/settings'
import { makeRecord } from './fixtures'

const rule = (id: string) => DEFAULT_RULES.find((r) => r.id === id)!

// 支委会 held every month Jan–Aug except March and July; 党员大会 in Q1 and Q2
const records = [
  ...[1, 2, 4, 5, 6, 8].map((m) => makeRecord({ id: `cm-${m}`, types: ['committeeMeeting'], date: `2025-0${m}-12` })),
  makeRecord({ id: 'cm-deleted', types: ['committeeMeeting'], date: '2025-07-12', deleted: true }),
  makeRecord({ id: 'gm-q1', types: ['generalMeeting', 'themeDay'], date: '2025-03-30' }),
  makeRecord({ id: 'gm-q2', types: ['generalMeeting'], date: '2025-04-02' }),
  makeRecord({ id: 'lecture-guest', types: ['partyLecture'], date: '2025-05-02', lecture: { speaker: '刘教授', speakerRole: 'guest' } }),
  makeRecord({ id: 'talk-cc', types: ['heartTalk'], date: '2025-02-02',
    talk: { talker: '张书记', target: '班子', pair: 'committeeCommittee', mode: '当面', personCount: 3 } }),
]

describe('checkCompliance', () => {
  it('finds the missing months, the upcoming ones and the current one', () => {
    const result = checkCompliance(records, [rule('committee-monthly')], 2025, '2025-08-25')
    const monthlyCommittee = result.rules[0]!
    expect(monthlyCommittee.label).toBe('支委会每月至少1次')
    expect(monthlyCommittee.periods.map((p) => p.state)).toEqual([
      'met', 'met', 'missed', 'met', 'met', 'met', 'missed', 'met', 'upcoming', 'upcoming', 'upcoming', 'upcoming',
    ])
    expect(monthlyCommittee.missed.map((p) => p.label)).toEqual(['3月', '7月'])
    expect(monthlyCommittee.upcoming.map((p) => p.label)).toEqual(['9月', '10月', '11月', '12月'])
    expect(monthlyCommittee.current?.label).toBe('8月')
    expect(monthlyCommittee.current?.recordIds).toEqual(['cm-8'])
    expect(monthlyCommittee.dueSoon).toBeNull() // August is already met
    expect(result.missedCount).toBe(2)
  })

  it('marks the current quarter due, and due soon near its end', () => {
    const early = checkCompliance(records, [rule('general-quarterly')], 2025, '2025-07-15').rules[0]!
    expect(early.periods.map((p) => [p.label, p.count, p.state])).toEqual([
      ['第一季度', 1, 'met'], ['第二季度', 1, 'met'], ['第三季度', 0, 'due'], ['第四季度', 0, 'upcoming'],
    ])
    expect(early.dueSoon).toBeNull()
    const late = checkCompliance(records, [rule('general-quarterly')], 2025, '2025-09-20').rules[0]!
    expect(late.dueSoon).toMatchObject({ daysLeft: 10, period: { label: '第三季度' } })
  })

  it('narrows rules by speaker role and talk pair, counting 谈心谈话 in 人次', () => {
    const rules = [rule('lecture-quarterly'), rule('lecture-secretary-yearly'), rule('talk-committeeCommittee-yearly'),
      rule('talk-memberMember-yearly')]
    const result = checkCompliance(records, rules, 2025, '2025-12-31')
    const [quarterly, secretary, talkCc, talkMm] = result.rules
    expect(quarterly?.periods.map((p) => p.state)).toEqual(['missed', 'met', 'missed', 'due'])
    expect(secretary?.label).toBe('支部书记讲党课每年至少1次')
    expect(secretary?.periods[0]).toMatchObject({ count: 0, state: 'due' })
    expect(secretary?.dueSoon?.daysLeft).toBe(0)
    expect(talkCc?.periods[0]).toMatchObject({ count: 3, recordIds: ['talk-cc'], state: 'met' })
    expect(talkCc?.label).toBe('支委之间谈心谈话每年至少1人次')
    expect(talkMm?.periods[0]?.count).toBe(0)
  })

  it('treats a past year as closed, skips disabled rules and honours min above 1', () => {
    const twice: FrequencyRule = { ...rule('committee-monthly'), id: 'twice', min: 2 }
    const off: FrequencyRule = { ...rule('org-life-yearly'), enabled: false }
    const result = checkCompliance(records, [twice, off], 2025, '2026-03-01')
    expect(result.rules.map((r) => r.rule.id)).toEqual(['twice'])
    expect(result.rules[0]?.missed).toHaveLength(12)
    expect(result.rules[0]?.current).toBeNull()
  })

  it('reports every period of a future year as upcoming', () => {
    const result = checkCompliance([], [rule('theme-day-monthly')], 2027, '2025-06-01')
    expect(result.rules[0]?.upcoming).toHaveLength(12)
    expect(result.missedCount).toBe(0)
  })

  describe('with since: the day the branch started keeping its ledger in the app', () => {
    const since = '2026-11-10'
    const started = [makeRecord({ id: 'cm-nov', types: ['committeeMeeting'], date: '2026-11-12' })]

    it('does not judge the months before a branch that started on 2026-11-10', () => {
      const result = checkCompliance(started, DEFAULT_RULES, 2026, '2026-11-23', undefined, { since })
      const committee = result.rules.find((r) => r.rule.id === 'committee-monthly')!
      expect(committee.periods.map((p) => p.state)).toEqual([...Array(10).fill('untracked'), 'met', 'upcoming'])
      expect(committee.untracked.map((p) => p.label)).toEqual(['1月', '2月', '3月', '4月', '5月', '6月', '7月', '8月', '9月', '10月'])
      expect(committee.missed).toEqual([])
      const theme = result.rules.find((r) => r.rule.id === 'theme-day-monthly')!
      expect(theme.periods.slice(9).map((p) => p.state)).toEqual(['untracked', 'due', 'upcoming'])
      // the quarter holding the start date is judged; the three before are not
      const general = result.rules.find((r) => r.rule.id === 'general-quarterly')!
      expect(general.periods.map((p) => p.state)).toEqual(['untracked', 'untracked', 'untracked', 'due'])
      expect(result.missedCount).toBe(0)
      expect(result.since).toBe(since)
      // 3 monthly rules × 10 months + 2 quarterly rules × 3 quarters
      expect(result.untrackedCount).toBe(36)
    })

    it('still counts a yearly rule: the year holds the start date', () => {
      const lecture = makeRecord({ id: 'lecture-sec', types: ['partyLecture'], date: '2026-12-02',
        lecture: { speaker: '张书记', speakerRole: 'secretary' } })
      const rules = [rule('lecture-secretary-yearly'), rule('org-life-yearly')]
      const during = checkCompliance([...started, lecture], rules, 2026, '2026-12-20', undefined, { since })
      expect(during.rules.map((r) => [r.rule.id, r.periods[0]!.state, r.periods[0]!.count])).toEqual([
        ['lecture-secretary-yearly', 'met', 1], ['org-life-yearly', 'due', 0],
      ])
      expect(during.rules[1]!.dueSoon?.daysLeft).toBe(11)
      const after = checkCompliance([...started, lecture], rules, 2026, '2027-01-05', undefined, { since })
      expect(after.rules[1]!.missed.map((p) => p.label)).toEqual(['2026年'])
      expect(after.missedCount).toBe(1)
    })

    it('judges the month holding the start date and the ones after, once they are over', () => {
      const result = checkCompliance([], [rule('committee-monthly')], 2026, '2027-01-05', undefined, { since })
      expect(result.rules[0]!.missed.map((p) => p.label)).toEqual(['11月', '12月'])
      expect(result.missedCount).toBe(2)
      expect(result.untrackedCount).toBe(10)
    })

    it('keeps a period met before the start date met, and leaves a year before it unjudged', () => {
      const early = makeRecord({ id: 'cm-mar', types: ['committeeMeeting'], date: '2026-03-03' })
      const result = checkCompliance([early], [rule('committee-monthly')], 2026, '2026-11-23', undefined, { since })
      expect(result.rules[0]!.periods[2]).toMatchObject({ label: '3月', state: 'met', recordIds: ['cm-mar'] })
      const lastYear = checkCompliance([], [rule('committee-monthly'), rule('org-life-yearly')], 2025, '2026-11-23', undefined, { since })
      expect(lastYear.missedCount).toBe(0)
      expect(lastYear.untrackedCount).toBe(13)
    })

    it('judges every period without since, as before', () => {
      const result = checkCompliance(started, [rule('committee-monthly')], 2026, '2026-11-23')
      expect(result.since).toBeNull()
      expect(result.untrackedCount).toBe(0)
      expect(result.missedCount).toBe(10)
    })
  })

  describe('党小组会 per 党小组', () => {
    const groups = ['第一党小组', '第二党小组']
    const first = makeRecord({ id: 'gm-first-mar', types: ['groupMeeting'], date: '2026-03-12', partyGroup: '第一党小组' })

    it('checks a per-group rule once per group, counting only that group’s records', () => {
      const result = checkCompliance([first], [rule('group-monthly')], 2026, '2026-04-20', undefined, { groups })
      expect(result.rules.map((r) => [r.key, r.group, r.label])).toEqual([
        ['group-monthly:第一党小组', '第一党小组', '第一党小组：党小组会每月至少1次'],
        ['group-monthly:第二党小组', '第二党小组', '第二党小组：党小组会每月至少1次'],
      ])
      const [one, two] = result.rules
      expect(one!.periods[2]).toMatchObject({ label: '3月', state: 'met', count: 1, recordIds: ['gm-first-mar'] })
      expect(two!.periods[2]).toMatchObject({ label: '3月', state: 'missed', count: 0, recordIds: [] })
      expect(one!.missed.map((p) => p.label)).toEqual(['1月', '2月'])
      expect(two!.missed.map((p) => p.label)).toEqual(['1月', '2月', '3月'])
      expect(result.missedCount).toBe(5)
    })

    it('counts a 党小组会 without a group (or of a group no longer configured) for no group', () => {
      const records = [
        makeRecord({ id: 'gm-none', types: ['groupMeeting'], date: '2026-03-05' }),
        makeRecord({ id: 'gm-old', types: ['groupMeeting'], date: '2026-03-06', partyGroup: '老党小组' }),
      ]
      const result = checkCompliance(records, [rule('group-monthly')], 2026, '2026-04-20', undefined, { groups })
      expect(result.rules.map((r) => r.periods[2]!.state)).toEqual(['missed', 'missed'])
    })

    it('checks the whole branch when no groups are configured, as before', () => {
      const other = makeRecord({ id: 'gm-x', types: ['groupMeeting'], date: '2026-03-20' })
      for (const options of [{}, { groups: [] }, { groups: ['  ', ''] }]) {
        const result = checkCompliance([other], [rule('group-monthly')], 2026, '2026-04-20', undefined, options)
        expect(result.rules).toHaveLength(1)
        expect(result.rules[0]).toMatchObject({ key: 'group-monthly', group: null, label: '党小组会每月至少1次' })
        expect(result.rules[0]!.periods[2]!.state).toBe('met')
      }
    })

    it('leaves other rules whole-branch, honours perGroup: false, and treats a saved 党小组会 rule without the flag as per group', () => {
      const { perGroup: _p, ...legacy } = rule('group-monthly')
      const whole: FrequencyRule = { ...rule('group-monthly'), id: 'group-whole', perGroup: false }
      const result = checkCompliance([first], [rule('committee-monthly'), legacy, whole], 2026, '2026-04-20', undefined, { groups })
      expect(result.rules.map((r) => r.key)).toEqual([
        'committee-monthly', 'group-monthly:第一党小组', 'group-monthly:第二党小组', 'group-whole',
      ])
      expect(result.rules[3]!.periods[2]!.state).toBe('met')
    })
  })
})
