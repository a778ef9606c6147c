import { describe, expect, it } from 'vitest'
import { buildLedgerCsv, buildMemberAttendanceCsv, csvCell, LEDGER_CSV_HEADER, UTF8_BOM } from '../../../src/shared/export'
import { compileYearReport } from '../../../src/shared/report'
import { makeMember, makeRecord } from '../report/fixtures'

/** A small RFC 4180 reader, enough to read our own output back. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let field = ''
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++ } else if (c === '"') quoted = false
      else field += c
    } else if (c === '"') quoted = true
    else if (c === ',') { row.push(field); field = '' } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field); rows.push(row); row = []; field = ''; i++
    } else field += c
  }
  if (field !== '' || row.length > 0) { row.push(field); rows.push(row) }
  return rows
}

const records = [
  makeRecord({ id: 'r-late', types: ['generalMeeting', 'themeDay'], date: '2025-06-30', startTime: '15:00', backfilled: true,
    topic: '学习"七一"讲话，交流体会\n第二段', host: '张书记', attendance: {
      expected: ['a', 'b', 'c', 'd'], leave: [{ memberId: 'b', reason: '出差' }], absent: ['c'], observers: '' } }),
  makeRecord({ id: 'r-early', types: ['committeeMeeting'], date: '2025-01-03', topic: '=SUM(A1)' }),
  makeRecord({ id: 'r-deleted', types: ['committeeMeeting'], date: '2025-02-03', deleted: true }),
  makeRecord({ id: 'r-other-year', types: ['committeeMeeting'], date: '2024-12-31' }),
  makeRecord({ id: 'r-talk', types: ['heartTalk'], date: '2025-03-03', topic: '谈心' }),
]

describe('buildLedgerCsv', () => {
  it('starts with a BOM and has one row per non-deleted activity of the year, by date', () => {
    const csv = buildLedgerCsv(records, 2025)
    expect(csv.startsWith(UTF8_BOM)).toBe(true)
    const rows = parseCsv(csv.slice(1))
    expect(rows[0]).toEqual([...LEDGER_CSV_HEADER])
    expect(rows.slice(1).map((r) => r[13])).toEqual(['r-early', 'r-talk', 'r-late'])
    expect(rows.slice(1).map((r) => r.length)).toEqual([14, 14, 14])
  })

  it('quotes commas, quotes and line breaks, and defuses formulas', () => {
    const rows = parseCsv(buildLedgerCsv(records, 2025).slice(1))
    const late = rows[3]!
    expect(late.slice(0, 8)).toEqual(['3', '2025-06-30', '15:00', '支部党员大会、主题党日', '学习"七一"讲话，交流体会\n第二段', '党员活动室', '张书记', '李委员'])
    expect(late.slice(8, 13)).toEqual(['4', '2', '1', '1', '是'])
    expect(rows[1]?.[4]).toBe("'=SUM(A1)")
    expect(rows[2]?.slice(8, 13)).toEqual(['', '', '', '', ''])
    expect(csvCell('a,b')).toBe('"a,b"')
    expect(csvCell('say "hi"')).toBe('"say ""hi"""')
    expect(csvCell(' lead')).toBe('" lead"')
    expect(csvCell('-1')).toBe("'-1")
    expect(csvCell(-1)).toBe('-1')
  })

  it('writes just the header for an empty year', () => {
    expect(parseCsv(buildLedgerCsv(records, 2023).slice(1))).toEqual([[...LEDGER_CSV_HEADER]])
  })
})

describe('buildMemberAttendanceCsv', () => {
  it('has one row per member with counts and rate', () => {
    const roster = [makeMember('a', '张三', 'secretary', 1), makeMember('b', '李四', 'member', 2),
      makeMember('c', '王五', 'member', 3), makeMember('d', '赵六', 'probationary', 4)]
    const csv = buildMemberAttendanceCsv(compileYearReport({ records, roster, year: 2025 }))
    expect(csv.startsWith(UTF8_BOM)).toBe(true)
    expect(parseCsv(csv.slice(1))).toEqual([
      ['姓名', '职务', '党小组', '应参加', '参加', '请假', '缺席', '参会率'],
      ['张三', '书记', '', '1', '1', '0', '0', '100%'],
      ['李四', '党员', '', '1', '0', '1', '0', '0%'],
      ['王五', '党员', '', '1', '0', '0', '1', '0%'],
      ['赵六', '预备党员', '', '1', '1', '0', '0', '100%'],
    ])
  })
})
