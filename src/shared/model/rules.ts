// The rules a record must meet, once, for every writer: the phone's form, the phone's database before each write
// (and backup import), and the server on every push (through mergeFields in sync/entities.ts).
// The rules (docs/domain.md, record fields):
//  - each field has its type and length (activity.ts, member.ts, settings.ts);
//  - an activity carries the field group each of its types needs (党课 → 讲课信息, 谈心谈话 → 谈话信息, …);
//    警示教育形式 and the 学习 sub-kinds (支委班子 / 全体, 交流研讨, 心得体会) are optional, so older records stay valid;
//  - 请假 and 缺席 are among 应到, and nobody is both;
//  - a 志愿服务 names each participating member once, and its 参与人次 is at least the number named (others who
//    served, 群众 and non-roster volunteers, make up the rest); records from before the names existed name nobody;
//  - in a branch with 党小组, a 党小组会 names one of them, and no two 党小组 share a name;
//  - an activity is dated from 2000 to one year after today (China date);
//  - a planned activity (计划, `planned: true`) needs none of its types' field groups: it has not been held, so it
//    has no attendance, speaker or hours yet; its date may lie ahead like any other;
//  - keys only the server sets are ignored; any other key the entity does not have is refused.
import type * as z from 'zod/mini'
import { ACTIVITY_TYPES, type FieldGroup } from '../catalogue'
import { type ChinaDate, latestActivityDate } from '../dates'
import type { SyncEntity } from '../sync/mutation'
import { activityFieldsSchema, type ActivityFields, type Attendance, type VolunteerInfo } from './activity'
import type { FieldIssue } from './errors'
import { fieldKind, fieldLabel, shortKey, USER_FIELD_SCHEMAS } from './fieldNames'
import { memberFieldsSchema, type MemberFields } from './member'
import { branchSettingsSchema, type BranchSettings } from './settings'
import { invalid, issuesOf, type Validated } from './validated'

export interface RecordContext {
  /** today's China date: an activity may be dated at most one year after it */
  today: ChinaDate
  /** the branch's 党小组 (BranchSettings.groups); absent or empty when the branch has none */
  groups?: readonly string[] | undefined
  /**
   * The record's fields as stored before this change (an edit). A 党小组会 whose group and types this change
   * leaves as they were is not checked against today's groups again (a group may have been renamed since).
   */
  previous?: Readonly<Record<string, unknown>> | null | undefined
}

export interface RecordFields {
  activity: ActivityFields
  member: MemberFields
  settings: BranchSettings
}

const SCHEMAS: { readonly [E in SyncEntity]: z.ZodMiniType<RecordFields[E]> } = {
  activity: activityFieldsSchema,
  member: memberFieldsSchema,
  settings: branchSettingsSchema,
}

export function isPlainRecord(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false
  const proto: unknown = Object.getPrototypeOf(value)
  return proto === Object.prototype || proto === null
}

/** `fields` reduced to the entity's user fields, or the first key that is none of the entity's. */
function userFieldsOf(entity: SyncEntity, fields: Record<string, unknown>): { fields: Record<string, unknown> } | { unknownKey: string } {
  const out: Record<string, unknown> = {}
  for (const key of Object.keys(fields)) {
    const kind = fieldKind(entity, key)
    if (kind === 'unknown') return { unknownKey: key }
    if (kind === 'user') out[key] = fields[key]
  }
  return { fields: out }
}

export const unknownFieldMessage = (key: string) => `未知字段：${shortKey(key)}`

/** Messages for what the schemas leave to the library's defaults (wrong types, missing fields): name the field. */
function errorFor(entity: SyncEntity) {
  return (issue: { path?: PropertyKey[] | undefined; input?: unknown }) => {
    const top = issue.path?.[0]
    const label = typeof top === 'string' ? fieldLabel(entity, top) : '记录'
    return issue.input === undefined && issue.path?.length === 1 ? `请填写${label}` : `${label}无效`
  }
}

/**
 * Field groups a record may leave out: 警示教育形式 (older records have none; a logger may not know it). Like the
 * other groups, it may also stay on a record after its type is removed (a concurrent edit can leave it): the
 * report counts it only under 警示教育.
 */
type OptionalGroup = 'meeting' | 'warning'
type RequiredGroup = Exclude<FieldGroup, OptionalGroup>

const GROUP_FIELDS: Readonly<Record<RequiredGroup, keyof ActivityFields>> = {
  lecture: 'lecture', talk: 'talk', volunteer: 'volunteer', study: 'study', evaluation: 'evaluation',
}

/** Each field group a type needs (党课 → lecture, …) is filled in. */
function fieldGroupIssue(fields: ActivityFields): FieldIssue | null {
  for (const [group, key] of Object.entries(GROUP_FIELDS) as [RequiredGroup, keyof ActivityFields][]) {
    const needing = fields.types.filter((t) => ACTIVITY_TYPES[t].fieldGroups.includes(group))
    if (needing.length > 0 && fields[key] === undefined) {
      const names = needing.map((t) => ACTIVITY_TYPES[t].name).join('、')
      return { path: key, message: `${names}须填写${fieldLabel('activity', key)}` }
    }
  }
  return null
}

export function attendanceIssue(attendance: Attendance): FieldIssue | null {
  const expected = new Set(attendance.expected)
  if (expected.size !== attendance.expected.length) return { path: 'attendance', message: '应到名单中有重复的人员' }
  const away = [...attendance.leave.map((l) => l.memberId), ...attendance.absent]
  if (away.some((id) => !expected.has(id))) return { path: 'attendance', message: '请假或缺席的人员须在应到名单中' }
  if (new Set(away).size !== away.length) return { path: 'attendance', message: '同一人不能既请假又缺席' }
  return null
}

/** 志愿服务: the members named took part, each once; 参与人次 counts them and anyone else who served. */
export function volunteerIssue(volunteer: VolunteerInfo): FieldIssue | null {
  const named = volunteer.memberIds ?? []
  if (new Set(named).size !== named.length) return { path: 'volunteer.memberIds', message: '参加党员中有重复的人员' }
  if (volunteer.participants < named.length) {
    return { path: 'volunteer.participants', message: `参与人次不能少于点名的参加党员人数（${named.length}人）` }
  }
  return null
}

const configuredGroups = (groups: readonly string[] | undefined) => (groups ?? []).map((g) => g.trim()).filter((g) => g !== '')

function sameGroupMeeting(fields: ActivityFields, previous: Readonly<Record<string, unknown>>): boolean {
  const types = previous.types
  return Array.isArray(types) && types.includes('groupMeeting') && previous.partyGroup === fields.partyGroup
}

/** In a branch with 党小组, a 党小组会 names one of them. */
export function groupMeetingIssue(fields: ActivityFields, context: RecordContext): FieldIssue | null {
  const groups = configuredGroups(context.groups)
  if (!fields.types.includes('groupMeeting') || groups.length === 0) return null
  if (context.previous && sameGroupMeeting(fields, context.previous)) return null
  const named = fields.partyGroup?.trim() ?? ''
  if (named === '') return { path: 'partyGroup', message: '请选择党小组' }
  if (!groups.includes(named)) return { path: 'partyGroup', message: `党小组“${named}”不在支部设置的党小组中` }
  return null
}

function activityIssue(fields: ActivityFields, context: RecordContext): FieldIssue | null {
  if (fields.date > latestActivityDate(context.today)) return { path: 'date', message: '日期不能晚于一年以后' }
  if (fields.attendance) {
    const issue = attendanceIssue(fields.attendance)
    if (issue) return issue
  }
  if (fields.volunteer) {
    const issue = volunteerIssue(fields.volunteer)
    if (issue) return issue
  }
  if (fields.planned) return groupMeetingIssue(fields, context)
  return fieldGroupIssue(fields) ?? groupMeetingIssue(fields, context)
}

/** 党小组 are told apart by name (a 党小组会 names its group), so no name appears twice. */
function settingsIssue(settings: BranchSettings): FieldIssue | null {
  const names = configuredGroups(settings.groups)
  const duplicate = names.find((name, i) => names.indexOf(name) !== i)
  return duplicate === undefined ? null : { path: 'groups', message: `党小组“${duplicate}”重复` }
}

/**
 * Validate a whole record's user fields. `fields` may also carry keys the server owns (id, createdBy, deleted, …)
 * and display metadata (createdAt, updatedAt, backfilled): those are left out of the value. Any other key is
 * refused as 未知字段. Messages are Chinese and name the field.
 */
export function validateRecordFields<E extends SyncEntity>(entity: E, fields: unknown, context: RecordContext): Validated<RecordFields[E]> {
  if (!isPlainRecord(fields)) return invalid('', '记录内容无效')
  const user = userFieldsOf(entity, fields)
  if ('unknownKey' in user) return invalid(user.unknownKey, unknownFieldMessage(user.unknownKey))
  const parsed = SCHEMAS[entity].safeParse(user.fields, { error: errorFor(entity) })
  if (!parsed.success) return { ok: false, issues: issuesOf(parsed.error) }
  const issue = entity === 'activity' ? activityIssue(parsed.data as ActivityFields, context)
    : entity === 'settings' ? settingsIssue(parsed.data as BranchSettings) : null
  if (issue) return { ok: false, issues: [issue] }
  return { ok: true, value: parsed.data }
}

/** True when `key` is one of the entity's user fields (own keys only). */
export function isUserField(entity: SyncEntity, key: string): boolean {
  return USER_FIELD_SCHEMAS[entity].has(key)
}
