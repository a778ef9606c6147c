import { describe, expect, it } from 'vitest'
import { compileCommitteeReport } from '../../../src/shared/report'
import { committeeCell, committeeSheet, committeeTableRows, composeCommitteeText } from '../../../src/shared/report/committee'
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

  it('shows rates as whole percents no higher than 100, in rows and totals', () => {
    const c = compileCommitteeReport(branches, 2025)
    expect(committeeCell(c.branches[1]!.values, 'attendance.overall', '%')).toBe('100%')
    expect(committeeCell(c.branches[0]!.values, 'attendance.overall', '%')).toBe('50%')
    expect(committeeCell(c.branches[2]!.values, 'attendance.overall', '%')).toBe('—')
    expect(committeeCell(c.branches[2]!.values, 'type.committeeMeeting', '次')).toBe('0')
    const table = {
      year: 2025, committee: { name: '某街道党工委' }, columns: c.columns, totals: { ...c.branches[0]!.values, 'attendance.overall': 67 },
      branches: c.branches.map((b, i) => ({
        branchName: b.branchName, values: b.values, missedCount: i === 0 ? 2 : 0,
        missedRules: i === 0 ? [{ label: '党小组会每月至少1次', missed: ['3月', '4月'] }] : [],
      })),
    }
    const rows = committeeTableRows(table)
    expect(rows[0]!.slice(0, 4)).toEqual(['支部', '未按期召开（期）', '未按期召开的会议', '活动总数（次）'])
    expect(rows[1]!.slice(0, 3)).toEqual(['第一党支部', '2', '党小组会每月至少1次：3月、4月'])
    expect(rows.at(-1)!.slice(0, 2)).toEqual(['合计', '2'])
    expect(rows.at(-1)!.at(-1)).toBe('67%')
    const rates = rows.slice(1).flat().filter((cell) => cell.endsWith('%')).map((cell) => Number(cell.slice(0, -1)))
    expect(rates).toEqual([50, 100, 67])
  })

  it('writes the roll-up in the committee\'s own register', () => {
    const c = compileCommitteeReport(branches, 2025)
    const summaries = c.branches.map((b, i) => ({ branchName: b.branchName, values: b.values, missedCount: [0, 3, 1][i]! }))
    const totals = { ...c.branches[0]!.values, 'type.committeeMeeting': 22, 'type.generalMeeting': 2, 'lecture.secretary': 5, 'heartTalk.persons': 3 }
    summaries[0]!.values = { ...summaries[0]!.values, 'lecture.secretary': 3 }
    summaries[1]!.values = { ...summaries[1]!.values, 'lecture.secretary': 2 }
    expect(composeCommitteeText({ committeeName: '某街道党工委', year: 2025, currentYear: 2025, branches: summaries, totals })).toBe([
      '今年以来，某街道党工委指导所属3个党支部落实“三会一课”制度，各支部共召开支部党员大会2次、支委会22次。',
      '2个党支部的书记为党员讲党课，合计5次。',
      '各党支部开展主题党日活动1次，开展谈心谈话3人次。',
      '1个党支部按期召开了各项会议，2个党支部尚有未按期召开的会议（第二党支部3期、第三党支部1期），已督促其补齐。',
    ].join('\n'))
    const past = composeCommitteeText({
      committeeName: '某党委', year: 2024, currentYear: 2025, totals: {},
      branches: summaries.map((s) => ({ ...s, values: {}, missedCount: 0 })),
    })
    expect(past).toBe('2024年，某党委指导所属3个党支部落实“三会一课”制度。\n所属3个党支部均按规定按期召开了各项会议。')
    expect(past).not.toContain('支部书记讲党课')
  })

  it('gives the spreadsheet numbers as numbers and rates as whole percents', () => {
    const c = compileCommitteeReport(branches, 2025)
    const sheet = committeeSheet({
      year: 2025, committee: { name: '某党委' }, columns: c.columns, totals: snapshotTotals(c),
      branches: c.branches.map((b) => ({ branchName: b.branchName, values: b.values, missedCount: 0, missedRules: [] })),
    }, '2025-12-31 09:00')
    expect(sheet.title).toBe('某党委2025年各支部情况汇总')
    expect(sheet.subtitle).toBe('共3个党支部 · 导出于2025-12-31 09:00')
    const header = sheet.columns.map((col) => col.header)
    const rate = header.indexOf('平均参会率（%）')
    const meetings = header.indexOf('支委会（次）')
    expect(sheet.rows.map((r) => r[meetings])).toEqual([12, 10, 0, 22])
    expect(sheet.rows.map((r) => r[rate])).toEqual(['50%', '100%', '—', '67%'])
    expect(sheet.rows.map((r) => r[0])).toEqual(['第一党支部', '第二党支部', '第三党支部', '合计'])
    for (const col of sheet.columns) expect(col.width).toBeGreaterThanOrEqual(6)
  })
})

function snapshotTotals(c: ReturnType<typeof compileCommitteeReport>) {
  return Object.fromEntries(c.totalFigures.map((f) => [f.key, f.value]))
}
