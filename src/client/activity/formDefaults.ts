// Sensible defaults for the log form: today, the usual place, everyone present, a suggested topic.
import { ACTIVITY_TYPES, fieldGroupsFor, usesAttendance, type ActivityTypeId } from '@shared/catalogue'
import type { ActivityFields, Attendance } from '@shared/model/activity'
import { monthOf } from '@shared/dates'
import { isCommitteeRole } from '@shared/roles'
import type { Member } from '@shared/model/member'

export interface FormContext {
  today: string
  defaultPlace: string
  members: readonly Member[]
}

export function emptyActivityFields(ctx: FormContext): ActivityFields {
  return {
    types: [], date: ctx.today, place: ctx.defaultPlace, topic: '', host: '', recorder: '',
    summary: '', resolution: '', photoIds: [],
  }
}

/** "11月主题党日", "11月主题党日暨支部党员大会"; a 党小组会 of one group "11月第一党小组党小组会" */
export function suggestedTopic(types: readonly ActivityTypeId[], date: string, partyGroup?: string): string {
  if (types.length === 0) return ''
  const group = partyGroup && types.includes('groupMeeting') ? partyGroup : ''
  return `${monthOf(date)}月${group}${types.map((t) => ACTIVITY_TYPES[t].name).join('暨')}`
}

/** The record's topic is still the one the form suggested (the user has not typed their own). */
export function topicIsSuggested(fields: Pick<ActivityFields, 'types' | 'date' | 'topic' | 'partyGroup'>): boolean {
  return fields.topic === '' || fields.topic === suggestedTopic(fields.types, fields.date, fields.partyGroup)
}

/** The form asks which 党小组 held the meeting: a 党小组会 in a branch that has groups. */
export function asksPartyGroup(types: readonly ActivityTypeId[], groups: readonly string[]): boolean {
  return types.includes('groupMeeting') && groups.some((g) => g.trim() !== '')
}

/**
 * Pick the 党小组 that held the meeting: 应到 becomes that group's active members (marks kept for those still
 * expected), and a suggested topic names the group. A group nobody on the roster belongs to yet leaves 应到 as
 * it was rather than empty.
 */
export function withPartyGroup(fields: ActivityFields, partyGroup: string, ctx: FormContext): ActivityFields {
  const next: ActivityFields = { ...fields, partyGroup }
  if (topicIsSuggested(fields)) next.topic = suggestedTopic(fields.types, fields.date, partyGroup)
  const expected = expectedMembersFor(fields.types, ctx.members, partyGroup)
  if (fields.attendance && expected.length > 0) {
    const kept = new Set(expected)
    next.attendance = {
      ...fields.attendance, expected,
      leave: fields.attendance.leave.filter((l) => kept.has(l.memberId)),
      absent: fields.attendance.absent.filter((a) => kept.has(a)),
    }
  }
  return next
}

/** 应到 for a meeting of these types: 支委会 alone → committee members; otherwise every active member. */
export function expectedMembersFor(types: readonly ActivityTypeId[], members: readonly Member[], group = ''): string[] {
  const active = members.filter((m) => m.active && !('deleted' in m && (m as { deleted?: boolean }).deleted))
  const onlyCommittee = types.length > 0 && types.every((t) => t === 'committeeMeeting')
  if (onlyCommittee) return active.filter((m) => isCommitteeRole(m.role)).map((m) => m.id)
  if (group) return active.filter((m) => m.group === group).map((m) => m.id)
  return active.map((m) => m.id)
}

export function fullAttendance(expected: string[]): Attendance {
  return { expected, leave: [], absent: [], observers: '' }
}

/**
 * Apply a change of types: add the field groups the new types need with defaults, drop the ones no longer shown,
 * keep the topic suggestion in step unless the user typed their own.
 */
export function withTypes(fields: ActivityFields, types: ActivityTypeId[], ctx: FormContext): ActivityFields {
  const next: ActivityFields = { ...fields, types }
  const groups = fieldGroupsFor(types)
  const secretary = ctx.members.find((m) => m.active && m.role === 'secretary')
  // the 党小组 belongs to a 党小组会 only
  if (!types.includes('groupMeeting')) delete next.partyGroup
  if (topicIsSuggested(fields)) next.topic = suggestedTopic(types, fields.date, next.partyGroup)
  if (usesAttendance(types)) {
    if (!next.attendance || onlyCommitteeChanged(fields.types, types)) {
      next.attendance = fullAttendance(expectedMembersFor(types, ctx.members, next.partyGroup))
    }
    if (!next.host && secretary) next.host = secretary.name
  } else {
    delete next.attendance
  }
  if (groups.has('lecture')) next.lecture ??= { speaker: secretary?.name ?? '', speakerRole: 'secretary' }
  else delete next.lecture
  if (groups.has('talk')) next.talk ??= { talker: secretary?.name ?? '', target: '', pair: 'committeeMember', mode: '当面', personCount: 1 }
  else delete next.talk
  if (groups.has('volunteer')) {
    // like an attendance sheet, everyone active starts named (one tap takes a person out); 人次 follows them
    const active = ctx.members.filter((m) => m.active).map((m) => m.id)
    next.volunteer ??= { participants: active.length, hours: 0, beneficiaries: 0, ...(active.length ? { memberIds: active } : {}) }
  } else delete next.volunteer
  if (groups.has('study')) next.study ??= { creditHours: 2 }
  else delete next.study
  // 警示教育形式 is picked in the form (no default: a wrong guess would be counted)
  if (!groups.has('warning')) delete next.warning
  if (groups.has('evaluation')) {
    next.evaluation ??= { excellent: 0, qualified: ctx.members.filter((m) => m.active).length, basicallyQualified: 0, unqualified: 0 }
  } else delete next.evaluation
  return next
}

function onlyCommitteeChanged(before: readonly ActivityTypeId[], after: readonly ActivityTypeId[]): boolean {
  const committeeOnly = (t: readonly ActivityTypeId[]) => t.length > 0 && t.every((x) => x === 'committeeMeeting')
  return committeeOnly(before) !== committeeOnly(after)
}

/**
 * The roster arrived after the form was filled in with none: the parts that name members and are still empty take
 * the roster's defaults (应到 everyone, the 志愿服务 names, 合格 for 评议, the secretary as 主持人); whatever the
 * member already set stays as it is. Returns `fields` itself when nothing changes.
 */
export function withRosterDefaults(fields: ActivityFields, ctx: FormContext): ActivityFields {
  const defaults = withTypes({ ...fields, attendance: undefined, volunteer: undefined, evaluation: undefined, host: '' }, fields.types, ctx)
  const next: ActivityFields = { ...fields }
  const a = fields.attendance
  if (a && defaults.attendance && a.expected.length === 0 && a.leave.length === 0 && a.absent.length === 0) {
    next.attendance = { ...a, expected: defaults.attendance.expected }
  }
  const v = fields.volunteer
  if (v && defaults.volunteer?.memberIds && v.participants === 0 && !v.memberIds?.length) {
    next.volunteer = { ...v, participants: defaults.volunteer.participants, memberIds: defaults.volunteer.memberIds }
  }
  const e = fields.evaluation
  if (e && defaults.evaluation && e.excellent + e.qualified + e.basicallyQualified + e.unqualified === 0) {
    next.evaluation = { ...e, qualified: defaults.evaluation.qualified }
  }
  if (!fields.host && defaults.host) next.host = defaults.host
  const changed = next.attendance !== fields.attendance || next.volunteer !== fields.volunteer
    || next.evaluation !== fields.evaluation || next.host !== fields.host
  return changed ? next : fields
}
