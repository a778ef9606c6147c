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
    createdAt: '2025-07-20T06:30:00.000Z',
    topic: '学习"七一"讲话，交流体会\n第二段', host: '张书记', attendance: {
      expected: ['a', 'b', 'c', 'd', 'gone'], leave: [{ memberId: 'b', reason: '出差' }, { memberId: 'gone', reason: '' }],
      absent: ['c'], observers: '社区书记刘某' } }),
  makeRecord({ id: 'r-early', types: ['committeeMeeting'], date: '2025-01-03', topic: '=SUM(A1)', host: '@cmd', recorder: '+1',
    attendance: { expected: ['a'], leave: [{ memberId: 'a', reason: '=HYPERLINK("x")' }], absent: [], observers: '-2' } }),
  makeRecord({ id: 'r-deleted', types: ['committeeMeeting'], date: '2025-02-03', deleted: true }),
  makeRecord({ id: 'r-other-year', types: ['committeeMeeting'], date: '2024-12-31' }),
  makeRecord({ id: 'r-talk', types: ['heartTalk'], date: '2025-03-03', topic: '谈心',
    talk: { talker: '张书记', target: '王芳', pair: 'committeeMember', mode: '当面', personCount: 2 } }),
  makeRecord({ id: 'r-lecture', types: ['partyLecture'], date: '2025-04-01', topic: '新时代的党建', lecture: { speaker: '张三', speakerRole: 'secretary' } }),
  makeRecord({ id: 'r-volunteer', types: ['volunteer'], date: '2025-05-01', topic: '社区义诊',
    volunteer: { participants: 12, hours: 30.5, beneficiaries: 200 } }),
  makeRecord({ id: 'r-study', types: ['study'], date: '2025-05-10', study: { creditHours: 2 } }),
  makeRecord({ id: 'r-review', types: ['democraticReview'], date: '2025-12-20',
    evaluation: { excellent: 3, qualified: 10, basicallyQualified: 1, unqualified: 0 } }),
]

const roster = [makeMember('a', '张三', 'secretary', 1), makeMember('b', '王芳', 'member', 2),
  makeMember('c', '李四', 'member', 3), makeMember('d', '赵六', 'probationary', 4)]

/** The ledger as objects keyed by header, by record id. */
function ledgerById(csv: string): Map<string, Record<string, string>> {
  const [header, ...rows] = parseCsv(csv.slice(1))
  return new Map(rows.map((r) => {
    const row = Object.fromEntries(header!.map((h, i) => [h, r[i]!]))
    return [row['记录编号']!, row]
  }))
}

describe('buildLedgerCsv', () => {
  it('starts with a BOM and has one row per non-deleted activity of the year, by date, one column per field', () => {
    const csv = buildLedgerCsv(records, 2025, roster)
    expect(csv.startsWith(UTF8_BOM)).toBe(true)
    const rows = parseCsv(csv.slice(1))
    expect(rows[0]).toEqual([...LEDGER_CSV_HEADER])
    expect(rows[0]!.slice(3, 15)).toEqual(['主题党日', '支部党员大会', '支委会', '党小组会', '党课', '组织生活会', '民主评议党员', '谈心谈话', '志愿服务', '集中学习', '警示教育', '其他活动'])
    expect(rows[0]!.some((h) => h.includes('、'))).toBe(false)
    expect(rows[0]).toEqual(expect.arrayContaining(['应到人数', '实到人数', '请假人员（事由）', '缺席人员', '列席人员', '讲课人',
      '谈话人', '谈话对象', '谈话类别', '谈话方式', '谈心谈话人次', '志愿服务人次', '志愿服务时长（小时）', '志愿服务惠及人次',
      '学时', '评议优秀', '补录', '录入时间']))
    const idColumn = LEDGER_CSV_HEADER.indexOf('记录编号')
    expect(rows.slice(1).map((r) => r[idColumn])).toEqual(['r-early', 'r-talk', 'r-lecture', 'r-volunteer', 'r-study', 'r-late', 'r-review'])
    expect(new Set(rows.map((r) => r.length))).toEqual(new Set([LEDGER_CSV_HEADER.length]))
  })

  it('names who was on leave (with reasons) and absent, from the roster; an unknown id reads （已移除）', () => {
    const late = ledgerById(buildLedgerCsv(records, 2025, roster)).get('r-late')!
    expect(late).toMatchObject({
      序号: '6', 日期: '2025-06-30', 时间: '15:00', 支部党员大会: '✓', 主题党日: '✓', 支委会: '', 主题: '学习"七一"讲话，交流体会\n第二段',
      地点: '党员活动室', 主持人: '张书记', 记录人: '李委员',
      应到人数: '5', 实到人数: '2', 请假人数: '2', 缺席人数: '1',
      '请假人员（事由）': '王芳（出差）、（已移除）', 缺席人员: '李四', 列席人员: '社区书记刘某',
      补录: '是', 录入时间: '2025-07-20 14:30',
    })
  })

  it('carries 讲课人, 谈心谈话, 志愿服务, 学时 and 评议 in their own columns', () => {
    const byId = ledgerById(buildLedgerCsv(records, 2025, roster))
    expect(byId.get('r-lecture')).toMatchObject({ 讲课人: '张三', 讲课人身份: '支部书记', 补录: '否' })
    expect(byId.get('r-talk')).toMatchObject({
      谈话人: '张书记', 谈话对象: '王芳', 谈话类别: '支委与党员', 谈话方式: '当面', 谈心谈话人次: '2', 应到人数: '', 志愿服务人次: '',
    })
    expect(byId.get('r-volunteer')).toMatchObject({ 志愿服务人次: '12', '志愿服务时长（小时）': '30.5', 志愿服务惠及人次: '200', 谈心谈话人次: '' })
    expect(byId.get('r-study')).toMatchObject({ 学时: '2', 党小组: '' })
    const group = makeRecord({ id: 'r-group', types: ['groupMeeting'], date: '2025-05-12', topic: '5月党小组会', partyGroup: '第一党小组' })
    expect(ledgerById(buildLedgerCsv([group], 2025, roster)).get('r-group')).toMatchObject({ 党小组: '第一党小组', 主题: '5月党小组会' })
    expect(byId.get('r-review')).toMatchObject({ 评议优秀: '3', 评议合格: '10', 评议基本合格: '1', 评议不合格: '0' })
  })

  it('has the 学习 and 警示教育 sub-kinds and the named 志愿服务 members in their own columns', () => {
    const more = [
      makeRecord({ id: 'r-s1', types: ['study'], date: '2025-08-01', study: { creditHours: 2, scope: 'all', discussion: true, reflections: 12 } }),
      makeRecord({ id: 'r-w1', types: ['warningEducation'], date: '2025-08-02', warning: { kind: 'bulletin' } }),
      makeRecord({ id: 'r-v1', types: ['volunteer'], date: '2025-08-03', volunteer: { participants: 3, hours: 6, beneficiaries: 9, memberIds: ['b', 'gone'] } }),
    ]
    const byId = ledgerById(buildLedgerCsv([...records, ...more], 2025, roster))
    expect(byId.get('r-s1')).toMatchObject({ 学时: '2', 参学范围: '全体党员集中学习', 交流研讨: '✓', '心得体会（篇）': '12', 警示教育形式: '' })
    expect(byId.get('r-study')).toMatchObject({ 参学范围: '', 交流研讨: '', '心得体会（篇）': '' })
    expect(byId.get('r-w1')).toMatchObject({ 警示教育形式: '传达警示教育通报', 学时: '' })
    expect(byId.get('r-v1')).toMatchObject({ 志愿服务人次: '3', 志愿服务参加党员: '王芳、（已移除）' })
    expect(byId.get('r-volunteer')).toMatchObject({ 志愿服务参加党员: '' })
    // without a roster only the counts
    expect(ledgerById(buildLedgerCsv(more, 2025)).get('r-v1')).toMatchObject({ 志愿服务参加党员: '' })
  })

  it('counts a 谈心谈话 without details as 1 人次, as the report does', () => {
    const bare = [makeRecord({ id: 'bare-talk', types: ['heartTalk'], date: '2025-03-03' })]
    expect(ledgerById(buildLedgerCsv(bare, 2025)).get('bare-talk')).toMatchObject({ 谈心谈话人次: '1', 谈话人: '' })
  })

  it('still works without a roster: counts, but no names', () => {
    const late = ledgerById(buildLedgerCsv(records, 2025)).get('r-late')!
    expect(late).toMatchObject({ 请假人数: '2', '请假人员（事由）': '', 缺席人员: '' })
  })

  it('quotes commas, quotes and line breaks, and defuses formulas', () => {
    const byId = ledgerById(buildLedgerCsv(records, 2025, roster))
    expect(byId.get('r-early')).toMatchObject({
      主题: "'=SUM(A1)", 主持人: "'@cmd", 记录人: "'+1", 列席人员: "'-2",
      // the reason sits inside the cell after the name, so it cannot start a formula
      '请假人员（事由）': '张三（=HYPERLINK("x")）',
    })
    expect(csvCell('a,b')).toBe('"a,b"')
    expect(csvCell('say "hi"')).toBe('"say ""hi"""')
    expect(csvCell(' lead')).toBe('" lead"')
    expect(csvCell('-1')).toBe("'-1")
    expect(csvCell('=1+1')).toBe("'=1+1")
    expect(csvCell('\t=1')).toBe("'\t=1")
    expect(csvCell(-1)).toBe('-1')
  })

  it('defuses a formula in a roster name or 谈话 field', () => {
    const evil = [makeRecord({ id: 'evil', types: ['heartTalk', 'themeDay'], date: '2025-03-03',
      talk: { talker: '=cmd|x', target: '@SUM(1)', pair: 'memberMember', mode: '电话', personCount: 1 },
      attendance: { expected: ['x'], leave: [], absent: ['x'], observers: '' } })]
    const row = ledgerById(buildLedgerCsv(evil, 2025, [makeMember('x', '=1+2')])).get('evil')!
    expect(row).toMatchObject({ 谈话人: "'=cmd|x", 谈话对象: "'@SUM(1)", 缺席人员: "'=1+2" })
  })

  it('writes just the header for an empty year', () => {
    expect(parseCsv(buildLedgerCsv(records, 2023).slice(1))).toEqual([[...LEDGER_CSV_HEADER]])
  })
})

describe('buildMemberAttendanceCsv', () => {
  it('has one row per member with counts and rate', () => {
    const roster = [makeMember('a', '张三', 'secretary', 1), makeMember('b', '李四', 'member', 2),
      makeMember('c', '王五', 'member', 3), makeMember('d', '赵六', 'probationary', 4)]
    const records = [makeRecord({ types: ['generalMeeting'], date: '2025-06-30', attendance: {
      expected: ['a', 'b', 'c', 'd'], leave: [{ memberId: 'b', reason: '出差' }], absent: ['c'], observers: '' } })]
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
