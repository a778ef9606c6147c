import JSZip from 'jszip'
import readXlsxFile from 'read-excel-file/node'
import { describe, expect, it } from 'vitest'
import { buildLedgerXlsx } from '../../../src/client/export/xlsx'
import { buildLedgerSheets, CREDIT_HOURS_RULE, MEMBER_SHEET_NAME, TYPE_GROUPS, TYPE_MARK } from '../../../src/shared/export/ledgerSheets'
import { makeMember, makeRecord } from '../report/fixtures'

const roster = [makeMember('a', '张三', 'secretary', 1), makeMember('b', '王芳', 'member', 2), makeMember('c', '李四', 'member', 3)]
const everyone = ['a', 'b', 'c']

const records = [
  makeRecord({ id: 'r-combined', types: ['themeDay', 'generalMeeting'], date: '2026-01-09', startTime: '14:30', topic: '1月主题党日暨党员大会',
    summary: '学习党章。', resolution: '全票通过接收预备党员。', attendance: { expected: everyone, leave: [{ memberId: 'c', reason: '出差' }], absent: [], observers: '' } }),
  makeRecord({ id: 'r-committee', types: ['committeeMeeting'], date: '2026-02-03', topic: '2月支委会', attendance: { expected: ['a', 'b'], leave: [], absent: ['b'], observers: '' } }),
  makeRecord({ id: 'r-study', types: ['study'], date: '2026-03-12', topic: '专题学习', study: { creditHours: 40 }, attendance: { expected: everyone, leave: [], absent: ['c'], observers: '' } }),
  makeRecord({ id: 'r-study-2', types: ['study'], date: '2026-05-12', topic: '读书班', study: { creditHours: 20 }, attendance: { expected: everyone, leave: [], absent: [], observers: '' } }),
  makeRecord({ id: 'r-talk', types: ['heartTalk'], date: '2026-04-01', topic: '谈心', talk: { talker: '张三', target: '王芳', pair: 'committeeMember', mode: '当面', personCount: 1 } }),
  makeRecord({ id: 'r-volunteer', types: ['volunteer'], date: '2026-06-01', topic: '社区清扫', volunteer: { participants: 2, hours: 6, beneficiaries: 40 },
    attendance: { expected: ['a', 'b'], leave: [], absent: [], observers: '' } }),
  makeRecord({ id: 'r-old', types: ['themeDay'], date: '2025-12-20', topic: '去年' }),
]

async function workbook(withRoster = true) {
  const blob = await buildLedgerXlsx({ records, year: 2026, branchName: '红星社区第一党支部', roster: withRoster ? roster : undefined, exportedAt: '2026-11-20 10:00' })
  return Buffer.from(await blob.arrayBuffer())
}

describe('the 台账 as .xlsx', () => {
  it('has one sheet per type group and 党员个人年度情况, each with the branch, year and a header row', async () => {
    const sheets = await readXlsxFile(await workbook())
    expect(sheets.map((s) => s.sheet)).toEqual([...TYPE_GROUPS.map((g) => g.name), MEMBER_SHEET_NAME])
    const meetings = sheets[0]!.data
    expect(meetings[0]![0]).toBe('红星社区第一党支部2026年度活动台账（三会一课）')
    expect(meetings[1]![0]).toBe('共2项 · 导出于2026-11-20 10:00')
    const header = meetings[2]!
    expect(header.slice(0, 7)).toEqual(['序号', '日期', '时间', '支部党员大会', '支委会', '党小组会', '党课'])
    expect(header).toContain('内容摘要')
    expect(header).toContain('决议及表决情况')
    // each type its own column: the combined meeting is ticked under 支部党员大会 only, and also listed under 主题党日
    const row = meetings[3]!
    const at = (name: string) => row[header.indexOf(name)]
    expect(at('日期')).toBe('2026-01-09')
    expect(at('支部党员大会')).toBe(TYPE_MARK)
    expect(at('支委会')).toBeNull()
    expect(at('应到人数')).toBe(3)
    expect(at('实到人数')).toBe(2)
    expect(at('请假人员（事由）')).toBe('李四（出差）')
    expect(at('内容摘要')).toBe('学习党章。')
    expect(at('决议及表决情况')).toBe('全票通过接收预备党员。')
    expect(at('记录编号')).toBe('r-combined')
    expect(header.some((h) => typeof h === 'string' && h.includes('、'))).toBe(false)
    const themeDays = sheets[1]!.data
    expect(themeDays[3]![themeDays[2]!.indexOf('主题党日')]).toBe(TYPE_MARK)
    expect(themeDays).toHaveLength(4) // last year's 主题党日 is not in 2026's ledger
    const volunteer = sheets[3]!.data
    expect(volunteer[2]).toContain('服务时长（小时）')
    expect(volunteer[3]![volunteer[2]!.indexOf('服务时长（小时）')]).toBe(6)
  })

  it('gives each member attendance by type, 学时 against 32 / 56 and volunteer hours', async () => {
    const sheets = await readXlsxFile(await workbook())
    const data = sheets.find((s) => s.sheet === MEMBER_SHEET_NAME)!.data
    const header = data[2]!
    const rowOf = (name: string) => data.find((r) => r[0] === name)!
    const at = (name: string, col: string) => rowOf(name)[header.indexOf(col)]
    expect(header).toEqual(expect.arrayContaining(['支部党员大会应到', '支部党员大会实到', '支委会应到', '集中学习实到', '学时', '学时要求', '学时情况', '志愿服务时长（小时）']))
    expect(at('张三', '职务')).toBe('书记')
    expect(at('张三', '学时要求')).toBe(CREDIT_HOURS_RULE.committee)
    expect(at('张三', '学时')).toBe(60)
    expect(at('张三', '学时情况')).toBe('已达到')
    expect(at('王芳', '支委会应到')).toBe(1)
    expect(at('王芳', '支委会实到')).toBe(0)
    expect(at('王芳', '学时要求')).toBe(CREDIT_HOURS_RULE.member)
    expect(at('王芳', '学时情况')).toBe('已达到')
    expect(at('李四', '学时')).toBe(20)
    expect(at('李四', '学时情况')).toBe('差12学时')
    expect(at('李四', '请假')).toBe(1)
    expect(at('张三', '志愿服务时长（小时）')).toBe(3)
    expect(at('李四', '志愿服务次数')).toBe(0)
    // 合计 counts a combined meeting once
    expect(at('张三', '合计应到')).toBe(4) // the combined meeting once, the committee, two studies; not the volunteer day
    expect(at('张三', '参会率')).toBe('100%')
  })

  it('shows the 学习 and 警示教育 sub-kinds and who served in a 志愿服务 as columns; the member sheet credits the named', async () => {
    const more = [
      makeRecord({ id: 'r-s-committee', types: ['study'], date: '2026-07-01', topic: '班子学习', study: { creditHours: 3, scope: 'committee', discussion: true, reflections: 4 },
        attendance: { expected: ['a'], leave: [], absent: [], observers: '' } }),
      makeRecord({ id: 'r-s-plain', types: ['study'], date: '2026-07-02', topic: '旧记录', study: { creditHours: 2 }, attendance: { expected: everyone, leave: [], absent: [], observers: '' } }),
      makeRecord({ id: 'r-w-base', types: ['warningEducation'], date: '2026-07-03', topic: '参观基地', warning: { kind: 'base' } }),
      makeRecord({ id: 'r-w-none', types: ['warningEducation'], date: '2026-07-04', topic: '警示教育' }),
      makeRecord({ id: 'r-v-named', types: ['volunteer'], date: '2026-07-05', topic: '义诊', volunteer: { participants: 5, hours: 10, beneficiaries: 60, memberIds: ['c', 'b'] } }),
    ]
    const blob = await buildLedgerXlsx({ records: more, year: 2026, branchName: '红星社区第一党支部', roster, exportedAt: '2026-11-20 10:00' })
    const sheets = await readXlsxFile(Buffer.from(await blob.arrayBuffer()))
    const study = sheets.find((s) => s.sheet === '学习教育')!.data
    const header = study[2]!
    const row = (id: string) => study.find((r) => r[header.indexOf('记录编号')] === id)!
    const at = (id: string, col: string) => row(id)[header.indexOf(col)]
    expect(at('r-s-committee', '参学范围')).toBe('支委班子学习')
    expect(at('r-s-committee', '交流研讨')).toBe(TYPE_MARK)
    expect(at('r-s-committee', '心得体会（篇）')).toBe(4)
    expect(at('r-s-plain', '参学范围')).toBeNull()
    expect(at('r-s-plain', '心得体会（篇）')).toBeNull()
    expect(at('r-w-base', '警示教育形式')).toBe('参观警示教育基地')
    expect(at('r-w-none', '警示教育形式')).toBeNull()
    const volunteer = sheets.find((s) => s.sheet === '志愿服务')!.data
    expect(volunteer[3]![volunteer[2]!.indexOf('参加党员')]).toBe('李四、王芳')
    const members = sheets.find((s) => s.sheet === MEMBER_SHEET_NAME)!.data
    expect(MEMBER_SHEET_NAME).toBe('党员个人年度情况')
    expect(members[0]![0]).toBe('红星社区第一党支部2026年度党员个人年度情况')
    const mh = members[2]!
    const member = (name: string, col: string) => members.find((r) => r[0] === name)![mh.indexOf(col)]
    expect(member('李四', '志愿服务次数')).toBe(1)
    expect(member('李四', '志愿服务时长（小时）')).toBe(2)
    expect(member('张三', '志愿服务次数')).toBe(0)
    expect(member('张三', '学时')).toBe(5)
    expect(member('王芳', '学时')).toBe(2)
  })

  it('prints landscape on A4 with the header row repeated and frozen', async () => {
    const zip = await JSZip.loadAsync(await workbook())
    const workbookXml = await zip.file('xl/workbook.xml')!.async('string')
    expect(workbookXml).toContain(`<definedName name="_xlnm.Print_Titles" localSheetId="0">'三会一课'!$3:$3</definedName>`)
    expect(workbookXml.match(/_xlnm\.Print_Titles/g)).toHaveLength(7)
    const sheet = await zip.file('xl/worksheets/sheet1.xml')!.async('string')
    expect(sheet).toMatch(/<pageSetup[^>]*orientation="landscape"/)
    expect(sheet).toMatch(/<pageSetup[^>]*paperSize="9"/)
    expect(sheet).toMatch(/<pageSetup[^>]*fitToWidth="1"/)
    expect(sheet).toContain('ySplit="3"')
    // 宋体 11 is the workbook's default font (font 0), so plain body cells need no style of their own
    const styles = await zip.file('xl/styles.xml')!.async('string')
    expect(styles.match(/<font>.*?<\/font>/s)![0]).toContain('<name val="宋体"/>')
    expect(styles.match(/<font>.*?<\/font>/s)![0]).toContain('<sz val="11"/>')
    expect([...styles.matchAll(/<font>(.*?)<\/font>/gs)].every((f) => f[1]!.includes('<name val="宋体"/>'))).toBe(true)
    expect(sheet).toMatch(/<c r="B4" t="s">/)
    // Chinese columns are wide enough: 日期 fits 'YYYY-MM-DD', 内容摘要 is wide and wraps
    const widths = [...sheet.matchAll(/<col [^>]*width="([\d.]+)"/g)].map((m) => Number(m[1]))
    const header = buildLedgerSheets({ records, year: 2026, branchName: '', exportedAt: '' })[0]!.columns
    expect(widths[header.findIndex((c) => c.header === '日期')]).toBeGreaterThanOrEqual(10)
    expect(widths[header.findIndex((c) => c.header === '内容摘要')]).toBeGreaterThanOrEqual(40)
  })

  it('leaves 党员个人年度情况 out without a roster and keeps every group sheet when the year is empty', () => {
    const sheets = buildLedgerSheets({ records: [], year: 2030, branchName: '', exportedAt: '2030-01-01 00:00' })
    expect(sheets.map((s) => s.name)).toEqual(TYPE_GROUPS.map((g) => g.name))
    expect(sheets[0]!.title).toBe('党支部2030年度活动台账（三会一课）')
    expect(sheets.every((s) => s.rows.length === 0)).toBe(true)
  })
})
