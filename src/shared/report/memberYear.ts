// One member's year (docs/domain.md, "Each member's year"): attendance at each meeting type, 学时 against the
// yearly requirement, and 志愿服务. Pure: the 我的 page, the roster and the 台账's 党员个人年度情况 sheet use it.
//
// What counts for a member:
//  - attendance: every sheet that expects them, under each meeting type of its record (a 主题党日 held as a
//    支部党员大会 counts under both); present unless on 请假 (which wins) or 缺席;
//  - 学时: each 集中学习 whose sheet has them present earns its 学时 (study.creditHours is per participant);
//  - 志愿服务: the record names them (volunteer.memberIds); a record from before names existed falls back to the
//    present members of its sheet, if it has one. Each participant is credited an even share of the hours:
//    hours ÷ 参与人次 (the 人次 count the named members and anyone else who served).
// Deleted records, records of other years and records that do not name the member are not counted.
import { ACTIVITY_TYPE_IDS, ACTIVITY_TYPES, type ActivityTypeId } from '../catalogue'
import type { ActivityRecord } from '../model/activity'
import { isCommitteeRole, type PartyRole } from '../roles'
import { recordsOfYear } from './select'

/** 《党员教育管理工作条例》: 32 学时 a year; 56 for 书记 and the branch committee (docs/domain.md, "学时"). */
export const CREDIT_HOURS_RULE = { member: 32, committee: 56 } as const

export function requiredCreditHours(role: PartyRole): number {
  return isCommitteeRole(role) ? CREDIT_HOURS_RULE.committee : CREDIT_HOURS_RULE.member
}

export interface AttendanceCounts {
  /** sheets that expected the member */
  expected: number
  present: number
  leave: number
  absent: number
  /** the records counted, by date */
  recordIds: string[]
}

export interface TypeAttendance extends AttendanceCounts {
  type: ActivityTypeId
}

export interface MemberYear {
  memberId: string
  year: number
  /** each meeting type that expected the member at least once, in catalogue order */
  byType: TypeAttendance[]
  /** over the records (a record of two meeting types counts once here) */
  total: AttendanceCounts
  study: {
    /** 集中学习 sessions attended (present on the sheet) */
    sessions: number
    /** 学时 earned, rounded to 0.1 */
    creditHours: number
    /** 32, or 56 for 书记 and 支委 */
    required: number
    /** 学时 still missing; 0 once met */
    shortBy: number
    recordIds: string[]
  }
  volunteer: {
    times: number
    /** this member's share of the service hours, rounded to 0.1 */
    hours: number
    recordIds: string[]
  }
}

export interface MemberRef {
  id: string
  role: PartyRole
}

interface Tally {
  byType: Map<ActivityTypeId, AttendanceCounts>
  total: AttendanceCounts
  studySessions: number
  creditHours: number
  studyIds: string[]
  volunteerTimes: number
  volunteerHours: number
  volunteerIds: string[]
}

const emptyCounts = (): AttendanceCounts => ({ expected: 0, present: 0, leave: 0, absent: 0, recordIds: [] })

function emptyTally(): Tally {
  return {
    byType: new Map(), total: emptyCounts(), studySessions: 0, creditHours: 0, studyIds: [], volunteerTimes: 0, volunteerHours: 0, volunteerIds: [],
  }
}

type Mark = 'present' | 'leave' | 'absent'

function count(target: AttendanceCounts, mark: Mark, recordId: string): void {
  target.expected++
  target[mark]++
  target.recordIds.push(recordId)
}

const byDate = (a: ActivityRecord, b: ActivityRecord) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0)

/** Members present at a record's sheet, each once; null without a sheet. */
function sheetMarks(record: ActivityRecord): Map<string, Mark> | null {
  const sheet = record.attendance
  if (!sheet || sheet.expected.length === 0) return null
  const marks = new Map<string, Mark>()
  for (const id of sheet.expected) marks.set(id, 'present')
  for (const id of sheet.absent) if (marks.has(id)) marks.set(id, 'absent')
  for (const l of sheet.leave) if (marks.has(l.memberId)) marks.set(l.memberId, 'leave')
  return marks
}

/** Who served in a 志愿服务: the named members (none when the list is empty), else (older records without the list) the present members of its sheet. */
export function volunteerMemberIds(record: ActivityRecord, marks: ReadonlyMap<string, Mark> | null = sheetMarks(record)): string[] {
  const named = record.volunteer?.memberIds
  if (named) return [...new Set(named)]
  if (!marks) return []
  return [...marks].filter(([, m]) => m === 'present').map(([id]) => id)
}

/**
 * The year of every member in `members` (one pass over the records). A member named on no record still gets a
 * year of zeros. Ids not in `members` are skipped.
 */
export function memberYears(records: readonly ActivityRecord[], year: number, members: readonly MemberRef[]): Map<string, MemberYear> {
  const tallies = new Map<string, Tally>(members.map((m) => [m.id, emptyTally()]))
  for (const record of recordsOfYear(records, year).sort(byDate)) {
    const types = [...new Set(record.types)]
    const marks = sheetMarks(record)
    const meetingTypes = types.filter((t) => ACTIVITY_TYPES[t].attendance)
    if (marks && meetingTypes.length > 0) {
      for (const [id, mark] of marks) {
        const tally = tallies.get(id)
        if (!tally) continue
        count(tally.total, mark, record.id)
        for (const t of meetingTypes) {
          const counts = tally.byType.get(t) ?? tally.byType.set(t, emptyCounts()).get(t)!
          count(counts, mark, record.id)
        }
      }
    }
    if (types.includes('study') && record.study && marks) {
      for (const [id, mark] of marks) {
        const tally = tallies.get(id)
        if (!tally || mark !== 'present') continue
        tally.studySessions++
        tally.creditHours += record.study.creditHours
        tally.studyIds.push(record.id)
      }
    }
    if (types.includes('volunteer')) {
      const served = volunteerMemberIds(record, marks)
      const hours = record.volunteer?.hours ?? 0
      const people = Math.max(record.volunteer?.participants ?? 0, served.length)
      const share = people > 0 ? hours / people : 0
      for (const id of served) {
        const tally = tallies.get(id)
        if (!tally) continue
        tally.volunteerTimes++
        tally.volunteerHours += share
        tally.volunteerIds.push(record.id)
      }
    }
  }
  const out = new Map<string, MemberYear>()
  for (const m of members) out.set(m.id, finish(m, year, tallies.get(m.id)!))
  return out
}

/** One member's year. */
export function memberYear(records: readonly ActivityRecord[], year: number, member: MemberRef): MemberYear {
  return memberYears(records, year, [member]).get(member.id)!
}

const round1 = (value: number) => Math.round(value * 10) / 10

function finish(member: MemberRef, year: number, t: Tally): MemberYear {
  const required = requiredCreditHours(member.role)
  const creditHours = round1(t.creditHours)
  return {
    memberId: member.id,
    year,
    byType: ACTIVITY_TYPE_IDS.filter((type) => t.byType.has(type)).map((type) => ({ type, ...t.byType.get(type)! })),
    total: t.total,
    study: { sessions: t.studySessions, creditHours, required, shortBy: Math.max(0, round1(required - creditHours)), recordIds: t.studyIds },
    volunteer: { times: t.volunteerTimes, hours: round1(t.volunteerHours), recordIds: t.volunteerIds },
  }
}

/** 出席率 as a whole percent, null when nothing expected the member. */
export function attendancePercent(counts: Pick<AttendanceCounts, 'expected' | 'present'>): number | null {
  return counts.expected === 0 ? null : Math.round((counts.present / counts.expected) * 100)
}
