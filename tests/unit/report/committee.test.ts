import { describe, expect, it } from 'vitest'
import { compileCommitteeReport } from '../../../src/shared/report'
import { makeMember, makeRecord, monthly } from './fixtures'

describe('compileCommitteeReport', () => {
  const branches = [
    {
      branchId: 'b1', branchName: '第一党支部',
      roster: [makeMember('b1-m1', '甲'), makeMember('b1-m2', '乙')],
      records: [
        ...monthly('b1-cm', ['committeeMeeting'], 12),
        makeRecord({ id: 'b1-gm', types: ['generalMeeting', 'themeDay'], date: '2025-04-01', attendance: {
          expected: ['b1-m1', 'b1-m2'], leave: [], absent: ['b1-m2'], observers: '' } }),
        makeRecord({ id: 'b1-old', types: ['generalMeeting'], date: '2024-04-01' }),
      ],
    },
    {
      branchId: 'b2', branchName: '第二党支部',
      roster: [makeMember('b2-m1', '丙')],
      records: [
        ...monthly('b2-cm', ['committeeMeeting'], 10),
        makeRecord({ id: 'b2-talk', types: ['heartTalk'], date: '2025-05-01',
          talk: { talker: '丙', target: '群众', pair: 'memberMasses', mode: '当面', personCount: 3 } }),
        makeRecord({ id: 'b2-gm', types: ['generalMeeting'], date: '2025-06-01', attendance: {
          expected: ['b2-m1'], leave: [], absent: [], observers: '' } }),
      ],
    },
    {
      branchId: 'b3', branchName: '第三党支部',
      records: [makeRecord({ id: 'b3-deleted', types: ['generalMeeting'], date: '2025-06-01', deleted: true })],
    },
  ]

  it('gives each branch its own figures and the committee the totals', () => {
    const c = compileCommitteeReport(branches, 2025)
    expect(c.branches.map((b) => b.branchName)).toEqual(['第一党支部', '第二党支部', '第三党支部'])
    expect(c.branches.map((b) => b.values['type.committeeMeeting'])).toEqual([12, 10, 0])
    expect(c.branches.map((b) => b.values['type.generalMeeting'])).toEqual([1, 1, 0])
    expect(c.branches[1]?.values['heartTalk.persons']).toBe(3)
    expect(c.totals.byType.committeeMeeting.count.value).toBe(22)
    expect(c.totals.byType.generalMeeting.count.recordIds).toEqual(['b1-gm', 'b2-gm'])
    expect(c.totals.heartTalk.persons.value).toBe(3)
    expect(c.totals.attendance.overall).toMatchObject({ expected: 3, present: 2, absent: 1 })
    expect(c.totals.attendance.byMember.map((m) => m.name)).toEqual(['丙', '甲', '乙']) // same display order, so by name (pinyin)
  })

  it('offers table columns for figures non-zero somewhere, plus the average attendance rate', () => {
    const c = compileCommitteeReport(branches, 2025)
    expect(c.columns.map((col) => col.label)).toEqual([
      '活动总数', '主题党日', '支部党员大会', '支委会', '谈心谈话', '谈心谈话（党员与群众）', '平均参会率',
    ])
    expect(c.branches.map((b) => b.values['attendance.overall'])).toEqual([50, 100, undefined])
    expect(c.totalFigures.find((f) => f.key === 'records')?.value).toBe(25)
  })
})
