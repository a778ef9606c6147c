// The 台账: one row per activity of the year, shared by the CSV export and the Word appendix. A row carries every
// field the domain asks a record to hold (names of who was on leave or absent, 讲课人, 谈心谈话, 志愿服务, 学时,
// 评议, 补录 and when it was entered), structured so the CSV can keep one column per field and the Word table can
// compose them into a few readable cells.
import { activityTypeName, fieldGroupsFor, usesAttendance, type ActivityTypeId } from '../catalogue'
import type { ActivityRecord } from '../model/activity'
import type { Member } from '../model/member'
import { formatAmount } from '../report/format'
import { recordsOfYear } from '../report/select'
import { REVIEW_GRADE_NAMES, REVIEW_GRADES, SPEAKER_ROLE_NAMES, TALK_PAIR_NAMES, type ReviewGrade } from '../roles'
import { STUDY_SCOPE_NAMES, WARNING_KINDS } from '../subKinds'
import { memberLabel } from '../model/memberLabel'

/** What the ledger needs of a roster member: enough to turn an id into a name. */
export type LedgerMember = Pick<Member, 'id' | 'name'>

/** Shown for an attendance id no longer on the roster (same wording as the app's roster store). */
export const REMOVED_MEMBER_NAME = '（已移除）'

export interface LedgerPerson {
  /** the roster name, REMOVED_MEMBER_NAME for an unknown id, '' when no roster was given */
  name: string
  /** 请假事由; '' for 缺席 or when none was given */
  reason: string
}

export interface LedgerTalk {
  talker: string
  target: string
  /** '支委与党员' */
  pair: string
  /** '当面' */
  mode: string
  persons: number
}

export interface LedgerVolunteer {
  participants: number
  hours: number
  beneficiaries: number
  /** the roster members the record names (volunteer.memberIds), as names; [] when it names none or no roster was given */
  members: string[]
}

/** 集中学习's sub-kinds (src/shared/subKinds.ts); each '' / null when the record leaves it out */
export interface LedgerStudy {
  /** '支委班子学习', '全体党员集中学习' or '' */
  scope: string
  discussion: boolean
  /** 心得体会 篇; null when not given */
  reflections: number | null
}

export interface LedgerRow {
  id: string
  date: string
  startTime: string
  /** '主题党日、支部党员大会' (for the CSV; the spreadsheet and Word table keep one type per column or line) */
  types: string
  /** the record's types, each once, in the record's order */
  typeIds: ActivityTypeId[]
  topic: string
  /** 党小组 of a 党小组会; '' otherwise */
  partyGroup: string
  place: string
  host: string
  recorder: string
  /** null when the record has no attendance sheet */
  expected: number | null
  present: number | null
  leave: number | null
  absent: number | null
  /** 请假, in sheet order, each with its reason; [] without a sheet */
  leavePeople: LedgerPerson[]
  /** 缺席 (unexcused), in sheet order; [] without a sheet */
  absentPeople: LedgerPerson[]
  /** 列席: free-text names of non-members who sat in */
  observers: string
  /** 内容摘要 as entered */
  summary: string
  /** 决议及表决情况 as entered */
  resolution: string
  /** true when one of the types takes a roll call (a meeting), so a missing sheet is worth saying */
  takesAttendance: boolean
  /** 党课: null unless the record is a 党课 with a speaker */
  lecture: { speaker: string; role: string } | null
  /** true when the record is a 谈心谈话 (talk may still be null when no details were filled in) */
  isTalk: boolean
  /** 谈心谈话 details; null when not a 谈心谈话 or not filled in. The report then counts it as 1 人次. */
  talk: LedgerTalk | null
  /** 人次 the report counts for this 谈心谈话 (1 when no details were filled in); null when not a 谈心谈话 */
  talkPersons: number | null
  /** true when the record is a 志愿服务 */
  isVolunteer: boolean
  volunteer: LedgerVolunteer | null
  /** 学时 credited per participant; null when not a 集中学习 or not filled in */
  creditHours: number | null
  /** 集中学习 sub-kinds; null when not a 集中学习 or not filled in */
  study: LedgerStudy | null
  /** 警示教育's form ('观看警示教育视频'); '' when not a 警示教育 or not given */
  warningKind: string
  /** 民主评议 counts by grade; null when not a 民主评议 or not filled in */
  evaluation: Readonly<Record<ReviewGrade, number>> | null
  backfilled: boolean
  /** when it was entered, China time: '2025-07-08 14:30' */
  enteredAt: string
}

/**
 * Every non-deleted record dated in `year`, by date, then start time. With `roster`, attendance ids become names
 * (an id not on it reads （已移除）); without one, names are left empty and only the counts are known.
 */
export function buildLedgerRows(records: readonly ActivityRecord[], year: number, roster?: readonly LedgerMember[]): LedgerRow[] {
  const names = roster ? new Map(roster.map((m) => [m.id, memberLabel(m)])) : null
  const rows = recordsOfYear(records, year).map((r) => toLedgerRow(r, names))
  // plain code-unit order (dates and times are fixed-width ASCII): localeCompare took a third of a 10,000-row export
  return rows.sort((a, b) => compareText(a.date, b.date) || compareText(a.startTime, b.startTime) || compareText(a.id, b.id))
}

export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000

/** An ISO instant as China time, 'YYYY-MM-DD HH:mm'; the input unchanged if it does not parse. */
export function chinaDateTime(instant: string): string {
  const ms = Date.parse(instant)
  if (Number.isNaN(ms)) return instant
  return new Date(ms + CHINA_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ')
}

function toLedgerRow(record: ActivityRecord, names: ReadonlyMap<string, string> | null): LedgerRow {
  const nameOf = (id: string) => (names ? names.get(id) ?? REMOVED_MEMBER_NAME : '')
  const sheet = record.attendance && record.attendance.expected.length > 0 ? record.attendance : null
  let counts: Pick<LedgerRow, 'expected' | 'present' | 'leave' | 'absent'> = { expected: null, present: null, leave: null, absent: null }
  const leavePeople: LedgerPerson[] = []
  const absentPeople: LedgerPerson[] = []
  if (sheet) {
    const expected = new Set(sheet.expected)
    const leave = new Set<string>()
    for (const l of sheet.leave) {
      if (!expected.has(l.memberId) || leave.has(l.memberId)) continue
      leave.add(l.memberId)
      leavePeople.push({ name: nameOf(l.memberId), reason: l.reason.trim() })
    }
    const absent = new Set<string>()
    for (const id of sheet.absent) {
      if (!expected.has(id) || leave.has(id) || absent.has(id)) continue
      absent.add(id)
      absentPeople.push({ name: nameOf(id), reason: '' })
    }
    counts = { expected: expected.size, present: expected.size - leave.size - absent.size, leave: leave.size, absent: absent.size }
  }
  const types = [...new Set(record.types)]
  const groups = fieldGroupsFor(types)
  const isTalk = groups.has('talk')
  const isVolunteer = groups.has('volunteer')
  const t = isTalk ? record.talk : undefined
  const e = groups.has('evaluation') ? record.evaluation : undefined
  return {
    id: record.id,
    date: record.date,
    startTime: record.startTime ?? '',
    types: types.map(activityTypeName).join('、'),
    typeIds: types,
    topic: record.topic,
    partyGroup: record.partyGroup ?? '',
    place: record.place,
    host: record.host,
    recorder: record.recorder,
    ...counts,
    leavePeople,
    absentPeople,
    observers: record.attendance?.observers.trim() ?? '',
    summary: record.summary.trim(),
    resolution: record.resolution.trim(),
    takesAttendance: usesAttendance(types),
    lecture: groups.has('lecture') && record.lecture
      ? { speaker: record.lecture.speaker, role: SPEAKER_ROLE_NAMES[record.lecture.speakerRole] }
      : null,
    isTalk,
    talk: t ? { talker: t.talker.trim(), target: t.target.trim(), pair: TALK_PAIR_NAMES[t.pair], mode: t.mode, persons: t.personCount } : null,
    talkPersons: isTalk ? t?.personCount ?? 1 : null,
    isVolunteer,
    volunteer: isVolunteer && record.volunteer ? volunteerOf(record.volunteer, names) : null,
    creditHours: groups.has('study') && record.study ? record.study.creditHours : null,
    study: groups.has('study') && record.study
      ? { scope: record.study.scope ? STUDY_SCOPE_NAMES[record.study.scope] : '', discussion: record.study.discussion === true, reflections: record.study.reflections ?? null }
      : null,
    warningKind: groups.has('warning') && record.warning ? WARNING_KINDS[record.warning.kind].name : '',
    evaluation: e
      ? { excellent: e.excellent, qualified: e.qualified, basicallyQualified: e.basicallyQualified, unqualified: e.unqualified }
      : null,
    backfilled: record.backfilled,
    enteredAt: chinaDateTime(record.createdAt),
  }
}

function volunteerOf(v: NonNullable<ActivityRecord['volunteer']>, names: ReadonlyMap<string, string> | null): LedgerVolunteer {
  const members = names && v.memberIds ? [...new Set(v.memberIds)].map((id) => names.get(id) ?? REMOVED_MEMBER_NAME) : []
  return { participants: v.participants, hours: v.hours, beneficiaries: v.beneficiaries, members }
}

/** '王芳（出差）、李四'; '' when no names are known */
export function peopleText(people: readonly LedgerPerson[]): string {
  if (people.some((p) => p.name === '')) return ''
  return people.map((p) => (p.reason ? `${p.name}（${p.reason}）` : p.name)).join('、')
}

/** '应到4人，实到2人', '' without a sheet. In words: '4/2' and '2/4' both appeared in the app and were misread. */
export function attendanceCell(row: LedgerRow): string {
  return row.expected === null ? '' : `应到${row.expected}人，实到${row.present ?? 0}人`
}

/**
 * '请假3人：王芳、李四（出差）、张三（病假）': people with the same reason share it (in sheet order), so a long leave
 * list stays short in a table cell; '请假1人' when names are unknown; '' when nobody was on leave.
 */
export function leaveText(row: LedgerRow): string {
  if (row.leavePeople.length === 0) return ''
  const names = peopleByReason(row.leavePeople)
  return `请假${row.leavePeople.length}人${names ? `：${names}` : ''}`
}

/** '王芳、李四（出差）、张三（病假）'; '' when names are unknown */
export function peopleByReason(people: readonly LedgerPerson[]): string {
  if (people.some((p) => p.name === '')) return ''
  const groups = new Map<string, string[]>()
  for (const p of people) groups.set(p.reason, [...(groups.get(p.reason) ?? []), p.name])
  return [...groups].map(([reason, who]) => `${who.join('、')}${reason ? `（${reason}）` : ''}`).join('、')
}

/** '缺席1人：李四'; '' when nobody was absent */
export function absentText(row: LedgerRow): string {
  return groupText('缺席', row.absentPeople)
}

function groupText(label: string, people: readonly LedgerPerson[]): string {
  if (people.length === 0) return ''
  const names = peopleText(people)
  return `${label}${people.length}人${names ? `：${names}` : ''}`
}

/** '张三（支部书记）' */
export function lectureText(row: LedgerRow): string {
  return row.lecture ? `${row.lecture.speaker}（${row.lecture.role}）` : ''
}

/** '张书记→王芳，支委与党员，当面，1人次'; '1人次（未填写谈话人和对象）' when no details were filled in */
export function talkText(row: LedgerRow): string {
  if (!row.isTalk) return ''
  const t = row.talk
  if (!t) return `${row.talkPersons ?? 1}人次（未填写谈话详情）`
  const who = t.talker || t.target ? `${t.talker || '（未填）'}→${t.target || '（未填）'}` : ''
  return [who, t.pair, t.mode, `${t.persons}人次`].filter((p) => p !== '').join('，')
}

/** '12人次，30小时，惠及50人次；参加党员：王芳、李四'; '未填写人次和时长' for a 志愿服务 without details */
export function volunteerText(row: LedgerRow): string {
  if (!row.isVolunteer) return ''
  const v = row.volunteer
  if (!v) return '未填写人次和时长'
  const counts = `${v.participants}人次，${formatAmount(v.hours)}小时，惠及${v.beneficiaries}人次`
  return v.members.length > 0 ? `${counts}；参加党员：${v.members.join('、')}` : counts
}

/** '支委班子学习，含交流研讨，心得体会3篇'; '' when none of the sub-kinds is given */
export function studyKindText(row: LedgerRow): string {
  const s = row.study
  if (!s) return ''
  return [s.scope, s.discussion ? '含交流研讨' : '', s.reflections === null ? '' : `心得体会${s.reflections}篇`].filter((p) => p !== '').join('，')
}

/** '2学时' */
export function creditHoursText(row: LedgerRow): string {
  return row.creditHours === null ? '' : `${formatAmount(row.creditHours)}学时`
}

/** '优秀3名、合格10名、基本合格1名、不合格0名' */
export function evaluationText(row: LedgerRow): string {
  const e = row.evaluation
  return e ? REVIEW_GRADES.map((g) => `${REVIEW_GRADE_NAMES[g]}${e[g]}名`).join('、') : ''
}
