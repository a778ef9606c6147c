// Validation with Chinese messages, shared by the phone (before saving) and the server (before applying).
import type * as z from 'zod/mini'
import { chinaDateOf, latestActivityDate } from '../dates'
import { activityFieldsSchema, type ActivityFields } from './activity'

import { ValidationError, type FieldIssue } from './errors'
import { memberFieldsSchema, type MemberFields } from './member'
import { branchSettingsSchema, type BranchSettings } from './settings'

export { ValidationError, type FieldIssue } from './errors'

export type Validated<T> = { ok: true; value: T } | { ok: false; issues: FieldIssue[] }

export function issuesOf(error: z.core.$ZodError): FieldIssue[] {
  return error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }))
}

export function validateWith<T>(schema: z.ZodMiniType<T>, value: unknown): Validated<T> {
  const result = schema.safeParse(value)
  return result.success ? { ok: true, value: result.data } : { ok: false, issues: issuesOf(result.error) }
}

/** Activity fields, plus the rule that an activity is at most a year ahead of today (China date). */
export function validateActivityFields(value: unknown, today = chinaDateOf()): Validated<ActivityFields> {
  const result = validateWith(activityFieldsSchema, value)
  if (!result.ok) return result
  const latest = latestActivityDate(today)
  if (result.value.date > latest) {
    return { ok: false, issues: [{ path: 'date', message: '日期不能晚于一年以后' }] }
  }
  const attendance = result.value.attendance
  if (attendance) {
    const expected = new Set(attendance.expected)
    const away = [...attendance.leave.map((l) => l.memberId), ...attendance.absent]
    if (away.some((id) => !expected.has(id))) {
      return { ok: false, issues: [{ path: 'attendance', message: '请假或缺席的人员须在应到名单中' }] }
    }
    if (new Set(away).size !== away.length) {
      return { ok: false, issues: [{ path: 'attendance', message: '同一人不能既请假又缺席' }] }
    }
  }
  return result
}

export function validateMemberFields(value: unknown): Validated<MemberFields> {
  return validateWith(memberFieldsSchema, value)
}

export function validateBranchSettings(value: unknown): Validated<BranchSettings> {
  return validateWith(branchSettingsSchema, value)
}

/** Throw a ValidationError unless valid. */
export function orThrow<T>(result: Validated<T>): T {
  if (!result.ok) throw new ValidationError(result.issues)
  return result.value
}
