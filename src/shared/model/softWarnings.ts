// Warnings, not refusals: a record that passes every rule (rules.ts) may still look like a slip — a date ahead,
// a meeting nobody was expected at, hours with nobody serving. The form shows these before saving and the
// member may confirm 仍然保存. Free of the schema library; pure, so the form and tests share it.
import { ACTIVITY_TYPES, usesAttendance } from '../catalogue'
import { daysBetween, type ChinaDate } from '../dates'
import type { ActivityFields } from './activity'

export type SoftWarningId =
  | 'futureDate'
  | 'longAgo'
  | 'noneExpected'
  | 'everyoneAbsent'
  | 'nobodyPresent'
  | 'leaveWithoutReason'
  | 'volunteerHoursWithoutPeople'
  | 'volunteerBeneficiariesWithoutPeople'
  | 'lectureWithoutSpeaker'
  | 'studyWithoutHours'
  | 'reviewWithoutGrades'
  | 'reviewMoreThanExpected'

export interface SoftWarning {
  id: SoftWarningId
  /** the field it is about, as the validator's paths name fields ('attendance', 'volunteer.hours') */
  path: string
  /** Chinese, names the field */
  message: string
}

/** How many days ahead a record may be dated without asking; beyond, the form asks 活动还没开？ */
export const FUTURE_GRACE_DAYS = 0

/** Dated this many days or more before today, the form asks whether the year is right. */
export const LONG_AGO_DAYS = 366

const meetingNames = (fields: Pick<ActivityFields, 'types'>) => fields.types
  .filter((t) => ACTIVITY_TYPES[t].attendance).map((t) => ACTIVITY_TYPES[t].name).join('、')

export interface SoftWarningContext {
  /**
   * Active members on the roster. With none, 应到 0 is not warned about: there is nobody to pick, and the
   * attendance sheet already says the roster is empty. Undefined: warned about.
   */
  activeMembers?: number
}

/** The odd cases of one record, in form order. A planned record (计划) only gets what applies to a plan. */
export function softWarnings(fields: ActivityFields, today: ChinaDate, context: SoftWarningContext = {}): SoftWarning[] {
  const out: SoftWarning[] = []
  const ahead = daysBetween(today, fields.date)
  if (!fields.planned && ahead > FUTURE_GRACE_DAYS) {
    out.push({ id: 'futureDate', path: 'date', message: `日期是${ahead === 1 ? '明天' : `${ahead}天以后`}，还没到：可以存为计划，开过以后再补记出席情况` })
  }
  if (-ahead >= LONG_AGO_DAYS) out.push({ id: 'longAgo', path: 'date', message: `日期在${Math.floor(-ahead / 365)}年多以前，请确认年份` })
  if (fields.planned) return out

  const sheet = fields.attendance
  if (sheet && usesAttendance(fields.types)) {
    const names = meetingNames(fields)
    const expected = sheet.expected.length
    const away = sheet.leave.length + sheet.absent.length
    if (expected === 0) {
      if (context.activeMembers !== 0) out.push({ id: 'noneExpected', path: 'attendance', message: `应到人数为0：${names}通常有应到人员，请在出席情况中点名` })
    } else if (sheet.absent.length === expected) out.push({ id: 'everyoneAbsent', path: 'attendance', message: `出席情况：应到${expected}人全部缺席，没有人出席` })
    else if (away === expected) out.push({ id: 'nobodyPresent', path: 'attendance', message: `出席情况：应到${expected}人都请假或缺席，实到0人` })
    const noReason = sheet.leave.filter((l) => l.reason.trim() === '').length
    if (noReason > 0) out.push({ id: 'leaveWithoutReason', path: 'attendance', message: `请假事由：${noReason}人请假没有填写事由` })
  }

  const v = fields.volunteer
  if (v && fields.types.includes('volunteer')) {
    if (v.participants === 0 && v.hours > 0) {
      out.push({ id: 'volunteerHoursWithoutPeople', path: 'volunteer.participants', message: `参与人次为0，但服务总时长为${v.hours}小时：请填写参与人次` })
    }
    if (v.participants === 0 && v.beneficiaries > 0) {
      out.push({ id: 'volunteerBeneficiariesWithoutPeople', path: 'volunteer.participants', message: `参与人次为0，但惠及群众${v.beneficiaries}人次：请填写参与人次` })
    }
  }
  if (fields.lecture && fields.types.includes('partyLecture') && /^(无|暂无|待定|-+|—+)$/.test(fields.lecture.speaker.trim())) {
    out.push({ id: 'lectureWithoutSpeaker', path: 'lecture.speaker', message: `讲课人填的是“${fields.lecture.speaker.trim()}”：党课应写明讲课人` })
  }
  if (fields.study && fields.types.includes('study') && fields.study.creditHours === 0) {
    out.push({ id: 'studyWithoutHours', path: 'study.creditHours', message: '学时为0：这次集中学习不计学时？' })
  }
  const e = fields.evaluation
  if (e && fields.types.includes('democraticReview')) {
    const graded = e.excellent + e.qualified + e.basicallyQualified + e.unqualified
    if (graded === 0) out.push({ id: 'reviewWithoutGrades', path: 'evaluation', message: '评议结果：各等次人数都是0' })
    else if (sheet && sheet.expected.length > 0 && graded > sheet.expected.length) {
      out.push({ id: 'reviewMoreThanExpected', path: 'evaluation', message: `评议结果：评议${graded}人，多于应到的${sheet.expected.length}人` })
    }
  }
  return out
}
