// The 台账 as spreadsheet sheets: one sheet per group of types, each type its own column (so a secretary can filter
// and count a type in Excel or WPS), plus "党员个人年度情况" with each member's year (src/shared/report/memberYear.ts). Pure data: the .xlsx is written on
// the phone (src/client/export/xlsx.ts). A record of several types appears on the sheet of each of its groups; its
// 记录编号 matches the rows up.
import { ACTIVITY_TYPE_IDS, ACTIVITY_TYPES, activityTypeName, type ActivityTypeId } from '../catalogue'
import type { ActivityRecord } from '../model/activity'
import type { Member } from '../model/member'
import { formatAmount } from '../report/format'
import { attendancePercent, CREDIT_HOURS_RULE, memberYears } from '../report/memberYear'
import { PARTY_ROLE_NAMES, REVIEW_GRADE_NAMES, REVIEW_GRADES } from '../roles'
import { buildLedgerRows, peopleText, type LedgerMember, type LedgerRow } from './ledger'
import { memberLabel } from '../model/memberLabel'

export { CREDIT_HOURS_RULE }

export type SheetCell = string | number | null

export interface LedgerSheetColumn {
  header: string
  /** width in characters of '0'; a Chinese character takes about 2 */
  width: number
  /** long text: wrapped in its cell */
  wrap?: boolean
}

export interface LedgerSheet {
  /** the tab's name: '三会一课' */
  name: string
  /** first line above the table: '红星社区第一党支部2026年度活动台账（三会一课）' */
  title: string
  /** second line: '共12项 · 导出于2026-11-20 10:00' */
  subtitle: string
  columns: LedgerSheetColumn[]
  rows: SheetCell[][]
}

export const TYPE_GROUPS: readonly { name: string; types: readonly ActivityTypeId[] }[] = [
  { name: '三会一课', types: ['generalMeeting', 'committeeMeeting', 'groupMeeting', 'partyLecture'] },
  { name: '主题党日', types: ['themeDay'] },
  { name: '谈心谈话', types: ['heartTalk'] },
  { name: '志愿服务', types: ['volunteer'] },
  { name: '学习教育', types: ['study', 'warningEducation'] },
  { name: '其他', types: ['orgLifeMeeting', 'democraticReview', 'other'] },
]

export const MEMBER_SHEET_NAME = '党员个人年度情况'

/** A checked type column. */
export const TYPE_MARK = '✓'

/** Width of a text in spreadsheet characters: a CJK or full-width character counts 2. */
export function displayWidth(text: string): number {
  let w = 0
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    w += c >= 0x2e80 && c <= 0xffef ? 2 : 1
  }
  return w
}

interface ColumnSpec {
  header: string
  value: (r: LedgerRow) => SheetCell
  /** fixed width for long text, which then wraps */
  wrapWidth?: number
}

const common = {
  date: { header: '日期', value: (r) => r.date },
  time: { header: '时间', value: (r) => r.startTime },
  topic: { header: '主题/议题', value: (r) => r.topic, wrapWidth: 30 },
  place: { header: '地点', value: (r) => r.place, wrapWidth: 16 },
  host: { header: '主持人', value: (r) => r.host },
  recorder: { header: '记录人', value: (r) => r.recorder },
  expected: { header: '应到人数', value: (r) => r.expected },
  present: { header: '实到人数', value: (r) => r.present },
  leave: { header: '请假人数', value: (r) => r.leave },
  absent: { header: '缺席人数', value: (r) => r.absent },
  leavePeople: { header: '请假人员（事由）', value: (r) => peopleText(r.leavePeople), wrapWidth: 20 },
  absentPeople: { header: '缺席人员', value: (r) => peopleText(r.absentPeople), wrapWidth: 16 },
  observers: { header: '列席人员', value: (r) => r.observers, wrapWidth: 16 },
  summary: { header: '内容摘要', value: (r) => r.summary, wrapWidth: 44 },
  resolution: { header: '决议及表决情况', value: (r) => r.resolution, wrapWidth: 30 },
  backfilled: { header: '补录', value: (r) => (r.backfilled ? '是' : '否') },
  enteredAt: { header: '录入时间', value: (r) => r.enteredAt },
  id: { header: '记录编号', value: (r) => r.id },
} satisfies Record<string, ColumnSpec>

const attendanceColumns = [common.expected, common.present, common.leave, common.absent, common.leavePeople, common.absentPeople, common.observers]

const groupColumns: Readonly<Record<string, ColumnSpec[]>> = {
  三会一课: [
    { header: '党小组', value: (r) => r.partyGroup },
    { header: '讲课人', value: (r) => r.lecture?.speaker ?? '' },
    { header: '讲课人身份', value: (r) => r.lecture?.role ?? '' },
  ],
  谈心谈话: [
    { header: '谈话人', value: (r) => r.talk?.talker ?? '' },
    { header: '谈话对象', value: (r) => r.talk?.target ?? '', wrapWidth: 20 },
    { header: '谈话类别', value: (r) => r.talk?.pair ?? '' },
    { header: '谈话方式', value: (r) => r.talk?.mode ?? '' },
    { header: '人次', value: (r) => r.talkPersons },
  ],
  志愿服务: [
    { header: '参与人次', value: (r) => r.volunteer?.participants ?? null },
    { header: '服务时长（小时）', value: (r) => r.volunteer?.hours ?? null },
    { header: '惠及人次', value: (r) => r.volunteer?.beneficiaries ?? null },
    { header: '参加党员', value: (r) => r.volunteer?.members.join('、') ?? '', wrapWidth: 20 },
  ],
  学习教育: [
    { header: '学时（每人）', value: (r) => r.creditHours },
    { header: '参学范围', value: (r) => r.study?.scope ?? '' },
    { header: '交流研讨', value: (r) => (r.study?.discussion ? TYPE_MARK : '') },
    { header: '心得体会（篇）', value: (r) => r.study?.reflections ?? null },
    { header: '警示教育形式', value: (r) => r.warningKind },
  ],
  其他: REVIEW_GRADES.map((g) => ({ header: `评议${REVIEW_GRADE_NAMES[g]}`, value: (r: LedgerRow) => r.evaluation?.[g] ?? null })),
}

function columnsFor(group: (typeof TYPE_GROUPS)[number]): ColumnSpec[] {
  const typeColumns: ColumnSpec[] = group.types.map((t) => ({
    header: activityTypeName(t),
    value: (r) => (r.typeIds.includes(t) ? TYPE_MARK : ''),
  }))
  const takesAttendance = group.types.some((t) => ACTIVITY_TYPES[t].attendance)
  return [
    common.date, common.time, ...typeColumns, common.topic, common.place, common.host, common.recorder,
    ...(takesAttendance ? attendanceColumns : []),
    ...(groupColumns[group.name] ?? []),
    common.summary, common.resolution, common.backfilled, common.enteredAt, common.id,
  ]
}

function fittedColumns(specs: readonly ColumnSpec[], rows: readonly SheetCell[][]): LedgerSheetColumn[] {
  return specs.map((spec, i) => {
    if (spec.wrapWidth !== undefined) return { header: spec.header, width: spec.wrapWidth, wrap: true }
    let widest = displayWidth(spec.header)
    for (const row of rows) {
      const v = row[i]
      if (v !== null && v !== undefined && v !== '') widest = Math.max(widest, displayWidth(String(v)))
    }
    return { header: spec.header, width: Math.min(widest + 2, 40) }
  })
}

export interface LedgerSheetsInput {
  records: readonly ActivityRecord[]
  year: number
  branchName: string
  /** names for 请假/缺席 and the member sheet; without it the member sheet is left out */
  roster?: readonly Pick<Member, 'id' | 'name' | 'note' | 'role' | 'group' | 'active' | 'deleted' | 'order'>[]
  /** 'YYYY-MM-DD HH:mm', China time: when the file was made */
  exportedAt: string
}

function sheetTitle(branchName: string, year: number, what: string): string {
  return `${branchName.trim() || '党支部'}${year}年度${what}`
}

/** The six type-group sheets (every one, also when empty, so the workbook always has the same tabs), then 党员个人年度情况. */
export function buildLedgerSheets(input: LedgerSheetsInput): LedgerSheet[] {
  const rows = buildLedgerRows(input.records, input.year, input.roster as readonly LedgerMember[] | undefined)
  const sheets: LedgerSheet[] = TYPE_GROUPS.map((group) => {
    const specs = columnsFor(group)
    const groupRows = rows.filter((r) => r.typeIds.some((t) => group.types.includes(t)))
    const data = groupRows.map((r, i) => [i + 1, ...specs.map((s) => s.value(r))])
    const columns = fittedColumns([{ header: '序号', value: () => null }, ...specs], data)
    return {
      name: group.name,
      title: sheetTitle(input.branchName, input.year, `活动台账（${group.name}）`),
      subtitle: `共${groupRows.length}项 · 导出于${input.exportedAt}`,
      columns,
      rows: data,
    }
  })
  if (input.roster) sheets.push(buildMemberSheet(input.records, input.year, input.branchName, input.roster, input.exportedAt))
  return sheets
}

/**
 * 党员个人年度情况: one row per member (active ones, and former ones some record of the year names), in roster
 * order: attendance by meeting type, 学时 against 32 / 56, 志愿服务 times and hours (src/shared/report/memberYear.ts).
 */
export function buildMemberSheet(
  records: readonly ActivityRecord[], year: number, branchName: string,
  roster: NonNullable<LedgerSheetsInput['roster']>, exportedAt: string,
): LedgerSheet {
  const listed = roster.filter((m) => !m.deleted).sort((a, b) => a.order - b.order)
  const years = memberYears(records, year, listed)
  const named = (id: string) => {
    const y = years.get(id)!
    return y.total.expected > 0 || y.study.sessions > 0 || y.volunteer.times > 0
  }
  const members = listed.filter((m) => m.active || named(m.id))
  const typesSeen = new Set<ActivityTypeId>()
  for (const m of members) for (const t of years.get(m.id)!.byType) typesSeen.add(t.type)
  const types = ACTIVITY_TYPE_IDS.filter((t) => typesSeen.has(t) && ACTIVITY_TYPES[t].attendance)
  const headers = [
    '姓名', '职务', '党小组',
    ...types.flatMap((t) => [`${activityTypeName(t)}应到`, `${activityTypeName(t)}实到`]),
    '合计应到', '合计实到', '请假', '缺席', '参会率', '学时', '学时要求', '学时情况', '志愿服务次数', '志愿服务时长（小时）',
  ]
  const data: SheetCell[][] = members.map((m) => {
    const y = years.get(m.id)!
    const byType = new Map(y.byType.map((t) => [t.type, t]))
    const percent = attendancePercent(y.total)
    return [
      memberLabel(m), PARTY_ROLE_NAMES[m.role], m.group,
      ...types.flatMap((t) => [byType.get(t)?.expected ?? 0, byType.get(t)?.present ?? 0]),
      y.total.expected, y.total.present, y.total.leave, y.total.absent,
      percent === null ? '' : `${percent}%`,
      y.study.creditHours, y.study.required, y.study.shortBy === 0 ? '已达到' : `差${formatAmount(y.study.shortBy)}学时`,
      y.volunteer.times, y.volunteer.hours,
    ]
  })
  const columns = headers.map((header, i) => {
    let widest = displayWidth(header)
    for (const row of data) widest = Math.max(widest, displayWidth(String(row[i] ?? '')))
    return { header, width: Math.min(widest + 2, 24) }
  })
  return {
    name: MEMBER_SHEET_NAME,
    title: sheetTitle(branchName, year, MEMBER_SHEET_NAME),
    subtitle: `共${members.length}人 · 学时按每名党员参加（实到）的集中学习累计，党员每年不少于${CREDIT_HOURS_RULE.member}学时，书记和支委不少于${CREDIT_HOURS_RULE.committee}学时；志愿服务计入记录中点名参加的党员，时长按参与人次平均 · 导出于${exportedAt}`,
    columns,
    rows: data,
  }
}

/** One member's line of 党员个人年度情况 in the Word 台账: the year's totals in words and numbers. */
export interface MemberYearLine {
  name: string
  role: string
  /** '应到12次，出席10次，请假1次，缺席1次'; '—' when nothing expected them */
  attendance: string
  /** '83%'; '' when nothing expected them */
  rate: string
  /** '14.5/56学时' */
  creditHours: string
  /** '已达到' or '差41.5学时' */
  creditState: string
  /** '2次，5.5小时'; '' when none */
  volunteer: string
}

/** 党员个人年度情况 for the Word 台账: active members, and former ones some record of the year names, in roster order. */
export function memberYearLines(records: readonly ActivityRecord[], year: number, roster: NonNullable<LedgerSheetsInput['roster']>): MemberYearLine[] {
  const listed = roster.filter((m) => !m.deleted).sort((a, b) => a.order - b.order)
  const years = memberYears(records, year, listed)
  return listed.flatMap((m) => {
    const y = years.get(m.id)!
    if (!m.active && y.total.expected === 0 && y.study.sessions === 0 && y.volunteer.times === 0) return []
    const t = y.total
    const percent = attendancePercent(t)
    return [{
      name: m.name,
      role: PARTY_ROLE_NAMES[m.role],
      attendance: t.expected === 0 ? '' : `应到${t.expected}次，出席${t.present}次，请假${t.leave}次，缺席${t.absent}次`,
      rate: percent === null ? '' : `${percent}%`,
      creditHours: `${formatAmount(y.study.creditHours)}/${y.study.required}学时`,
      creditState: y.study.shortBy === 0 ? '已达到' : `差${formatAmount(y.study.shortBy)}学时`,
      volunteer: y.volunteer.times === 0 ? '' : `${y.volunteer.times}次，${formatAmount(y.volunteer.hours)}小时`,
    }]
  })
}
