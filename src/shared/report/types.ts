// The shape of a compiled year: every figure a 履职情况 section cites, each traceable to its records.
import type { ActivityTypeId } from '../catalogue'
import type { StudyScope, WarningKind } from '../subKinds'
import type { PartyRole, SpeakerRole, TalkPair } from '../roles'
import type { Figure } from './figure'

/** 应到 / 实到 / 请假 / 缺席 summed over the meetings that have an attendance sheet. */
export interface AttendanceFigures {
  /** meetings with a non-empty attendance sheet */
  meetings: Figure
  expected: number
  present: number
  leave: number
  absent: number
  /** present / expected, or null when nobody was expected */
  rate: number | null
}

/** One roster member's year: how many meetings they were expected at and how they attended. */
export interface MemberAttendance {
  memberId: string
  /** roster name; the id when the member is no longer on the roster */
  name: string
  role: PartyRole | null
  group: string
  /** meetings the member was expected at */
  expected: Figure
  /** meetings attended: the expected records not listed under leave or absent */
  present: number
  /** 请假 */
  leave: Figure
  /** 缺席 (unexcused) */
  absent: Figure
  /** present / expected, or null when never expected */
  rate: number | null
}

/** A study record's scope, or 'unspecified' for records logged without one (older records). */
export type StudyScopeKey = StudyScope | 'unspecified'

/** A 警示教育 record's form, or 'unspecified' for records logged without one. */
export type WarningKindKey = WarningKind | 'unspecified'

/** The 集中学习 sessions of one scope. */
export interface StudyScopeFigures {
  /** 次 */
  sessions: Figure
  /** of which with 交流研讨 */
  discussion: Figure
}

export interface TypeFigures {
  /** 次: records carrying this type */
  count: Figure
  /** 期: only for types counted in 期 (主题党日, 警示教育); each record is one 期 */
  issues: Figure | null
  /** per month, index 0 = January */
  byMonth: Figure[]
  /** per quarter, index 0 = Q1 */
  byQuarter: Figure[]
}

export interface YearReport {
  year: number
  /** distinct records counted (not deleted, dated in the year) */
  records: Figure
  /** of which 补录 */
  backfilled: Figure
  byType: Record<ActivityTypeId, TypeFigures>
  /** all distinct records per month / quarter (a two-type record counts once) */
  totalByMonth: Figure[]
  totalByQuarter: Figure[]
  /** 党课 by who gave it; lectures logged without a speaker are in partyLecture.count only */
  lecturesBySpeaker: Record<SpeakerRole, Figure>
  heartTalk: {
    /** 人次: sum of talk.personCount (1 when not given) */
    persons: Figure
    personsByPair: Record<TalkPair, Figure>
    /** with whom, as the report names them (see talk-objects.ts), in the order first met */
    objects: string[]
  }
  volunteer: {
    /** 次 */
    events: Figure
    /** 人次 */
    participants: Figure
    /** 小时 */
    hours: Figure
    /** 惠及群众人次 */
    beneficiaries: Figure
  }
  study: {
    /** 次 */
    sessions: Figure
    /** 学时 of one participant summed over the sessions: what a member who attended every session earned */
    creditHours: Figure
    /**
     * 学时 per member from the attendance sheets: the present members' 学时 summed, divided by the members expected
     * at least once. Null unless every study session with 学时 has a sheet (else the average would be too low).
     */
    hoursPerMember: Figure | null
    /** sessions by who gathered (支委班子 / 全体党员 / not given) */
    byScope: Record<StudyScopeKey, StudyScopeFigures>
    /** 心得体会 篇 summed over the sessions */
    reflections: Figure
  }
  /** 警示教育 records by form: 次 (通报 期), one per record */
  warningEducation: Record<WarningKindKey, Figure>
  review: {
    /** 次 */
    sessions: Figure
    /** 名 graded in all */
    graded: Figure
    excellent: Figure
    qualified: Figure
    basicallyQualified: Figure
    unqualified: Figure
  }
  attendance: {
    /** per meeting type; a record carrying two types counts in each */
    byType: Partial<Record<ActivityTypeId, AttendanceFigures>>
    /** all meetings, each record once */
    overall: AttendanceFigures
    /** all meetings per month, index 0 = January */
    byMonth: AttendanceFigures[]
    /** per member, in roster order, then members who are no longer on the roster */
    byMember: MemberAttendance[]
  }
}
