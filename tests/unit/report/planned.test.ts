// Planned never counts (src/shared/model/planned.ts): a 计划 record is in no figure, ledger row, meeting record,
// reminder count or compliance count until it is held; the compliance check shows it as 已计划 against the rule.
import { describe, expect, it } from 'vitest'
import { checkCompliance, compileYearReport, effectiveTrackingSince, homeWarnings } from '../../../src/shared/report'
import { compileCommitteeReport } from '../../../src/shared/report/committee'
import { buildLedgerRows } from '../../../src/shared/export/ledger'
import { meetingsIn } from '../../../src/shared/export/meetingMinutes'
import { DEFAULT_RULES } from '../../../src/shared/rules'
import type { ActivityRecord } from '../../../src/shared/model/activity'
import { makeRecord } from './fixtures'

const rule = (id: string) => DEFAULT_RULES.find((r) => r.id === id)!

const sheet = { expected: ['m-00000001', 'm-00000002'], leave: [], absent: [], observers: '' }
const held = makeRecord({ id: 'held-theme-day', types: ['themeDay'], date: '2026-03-10', attendance: sheet })
const planned = makeRecord({ id: 'plan-theme-day', types: ['themeDay', 'generalMeeting'], date: '2026-04-15', topic: '学习党章', planned: true })
const plannedVolunteer = makeRecord({
  id: 'plan-volunteer', types: ['volunteer'], date: '2026-05-01', planned: true, volunteer: { participants: 10, hours: 20, beneficiaries: 50 },
})
const asHeld = (r: ActivityRecord): ActivityRecord => { const { planned: _p, ...rest } = r; return { ...rest, attendance: sheet } }

describe('planned never counts', () => {
  it('the year report counts held records only; the same record held counts', () => {
    const report = compileYearReport({ records: [held, planned, plannedVolunteer], year: 2026 })
    expect(report.records.value).toBe(1)
    expect(report.byType.themeDay.count).toEqual({ value: 1, recordIds: ['held-theme-day'] })
    expect(report.byType.generalMeeting.count.value).toBe(0)
    expect(report.volunteer.hours.value).toBe(0)
    expect(report.attendance.overall.meetings.value).toBe(1)

    const after = compileYearReport({ records: [held, asHeld(planned)], year: 2026 })
    expect(after.byType.themeDay.count).toEqual({ value: 2, recordIds: ['held-theme-day', 'plan-theme-day'] })
    expect(after.byType.generalMeeting.count.value).toBe(1)
  })

  it('the committee roll-up, the 台账 and the 会议记录 leave plans out', () => {
    const committee = compileCommitteeReport([{ branchId: 'b1', branchName: '一支部', records: [held, planned] }], 2026)
    expect(committee.totals.byType.themeDay.count.value).toBe(1)
    expect(buildLedgerRows([held, planned, plannedVolunteer], 2026).map((r) => r.id)).toEqual(['held-theme-day'])
    expect(meetingsIn([held, planned], { year: 2026 }).map((r) => r.id)).toEqual(['held-theme-day'])
  })

  it('home reminders do not take a plan for a held meeting', () => {
    const augustHeld = makeRecord({ types: ['committeeMeeting'], date: '2026-08-10' })
    const plannedCommittee = makeRecord({ types: ['committeeMeeting'], date: '2026-09-25', planned: true })
    expect(homeWarnings([augustHeld], [rule('committee-monthly')], '2026-09-22').map((w) => w.message)).toEqual(['本月尚未召开支委会'])
    expect(homeWarnings([augustHeld, plannedCommittee], [rule('committee-monthly')], '2026-09-22').map((w) => w.message)).toEqual(['本月尚未召开支委会'])
    expect(homeWarnings([augustHeld, asHeld(plannedCommittee)], [rule('committee-monthly')], '2026-09-22')).toEqual([])
  })

  it('a plan dated before every held record does not move the start of checking earlier', () => {
    const early = makeRecord({ types: ['themeDay'], date: '2026-01-05', planned: true })
    expect(effectiveTrackingSince({}, [early, held], '2026-06-01')).toBe('2026-03-10')
  })
})

describe('compliance: planned against required', () => {
  it('a month ahead with only a plan is 已计划, not met; this month with only a plan too; a past one is missed', () => {
    const records = [
      makeRecord({ id: 'plan-sep', types: ['committeeMeeting'], date: '2026-09-25', planned: true }),
      makeRecord({ id: 'plan-oct', types: ['committeeMeeting'], date: '2026-10-10', planned: true }),
      makeRecord({ id: 'plan-aug', types: ['committeeMeeting'], date: '2026-08-10', planned: true }),
      makeRecord({ id: 'held-jul', types: ['committeeMeeting'], date: '2026-07-10' }),
    ]
    const periods = checkCompliance(records, [rule('committee-monthly')], 2026, '2026-09-22').rules[0]!.periods
    expect(periods[6]).toMatchObject({ state: 'met', count: 1, planned: 0 })
    expect(periods[7]).toMatchObject({ state: 'missed', count: 0, planned: 1, plannedIds: ['plan-aug'] })
    expect(periods[8]).toMatchObject({ state: 'planned', count: 0, planned: 1, plannedIds: ['plan-sep'], recordIds: [] })
    expect(periods[9]).toMatchObject({ state: 'planned', count: 0, planned: 1 })
    expect(periods[10]).toMatchObject({ state: 'upcoming', planned: 0 })
    const result = checkCompliance(records, [rule('committee-monthly')], 2026, '2026-09-22')
    expect(result.missedCount).toBe(7) // Jan–Jun and Aug; the plans do not hide a missed month
  })

  it('a planned 党课 with no speaker yet stands for the 书记讲党课 rule; a deleted plan for nothing', () => {
    const lecture = makeRecord({ id: 'plan-lecture', types: ['partyLecture'], date: '2026-11-20', planned: true })
    const gone = makeRecord({ id: 'plan-gone', types: ['orgLifeMeeting'], date: '2026-12-20', planned: true, deleted: true })
    const result = checkCompliance([lecture, gone], [rule('lecture-secretary-yearly'), rule('org-life-yearly')], 2026, '2026-10-01')
    expect(result.rules.map((r) => r.periods[0]!.state)).toEqual(['planned', 'due'])
  })
})
