// Which keys a record of each entity carries, by who sets them, and the Chinese name of each user field.
// Every lookup is by own key (Map / Set), so a key such as `constructor` or `__proto__` is simply unknown.
import * as z from 'zod/mini'
import type { SyncEntity } from '../sync/mutation'
import { activityFieldsSchema } from './activity'
import { instantSchema } from './fields'
import { memberFieldsSchema } from './member'
import { branchSettingsSchema } from './settings'

/** The user-editable fields of each entity, each one unit of per-field merge during sync. */
export const USER_FIELD_SCHEMAS: Readonly<Record<SyncEntity, ReadonlyMap<string, z.ZodMiniType>>> = {
  activity: new Map(Object.entries(activityFieldsSchema.shape)),
  member: new Map(Object.entries(memberFieldsSchema.shape)),
  settings: new Map(Object.entries(branchSettingsSchema.shape)),
}

/** Display-only metadata a device may send with a record (device clock; never used for ordering). */
export const DEVICE_METADATA_SCHEMAS: Readonly<Record<SyncEntity, ReadonlyMap<string, z.ZodMiniType>>> = {
  activity: new Map<string, z.ZodMiniType>([['createdAt', instantSchema], ['updatedAt', instantSchema], ['backfilled', z.boolean()]]),
  member: new Map<string, z.ZodMiniType>([['createdAt', instantSchema], ['updatedAt', instantSchema]]),
  settings: new Map(),
}

/**
 * Keys only the server sets (or only a device keeps for itself). A device may echo them in a record it sends;
 * they are ignored, never taken from it.
 */
export const SERVER_OWNED_FIELDS: ReadonlySet<string> = new Set([
  'id', 'createdBy', 'deleted', 'version', 'branchId', 'authorUserId', 'serverVersion', 'syncedVersion',
])

export type FieldKind = 'user' | 'metadata' | 'serverOwned' | 'unknown'

export function fieldKind(entity: SyncEntity, key: string): FieldKind {
  if (USER_FIELD_SCHEMAS[entity].has(key)) return 'user'
  if (DEVICE_METADATA_SCHEMAS[entity].has(key)) return 'metadata'
  if (SERVER_OWNED_FIELDS.has(key)) return 'serverOwned'
  return 'unknown'
}

const FIELD_LABELS: Readonly<Record<SyncEntity, ReadonlyMap<string, string>>> = {
  activity: new Map([
    ['types', '活动类型'], ['date', '日期'], ['startTime', '开始时间'], ['place', '地点'], ['topic', '主题'],
    ['host', '主持人'], ['recorder', '记录人'], ['partyGroup', '党小组'], ['attendance', '出席情况'],
    ['summary', '内容摘要'], ['resolution', '决议及表决情况'], ['lecture', '党课信息'], ['talk', '谈心谈话信息'],
    ['volunteer', '志愿服务情况'], ['study', '学习学时'], ['warning', '警示教育形式'], ['evaluation', '评议结果'], ['photoIds', '照片'], ['planned', '计划标记'],
    ['createdAt', '录入时间'], ['updatedAt', '修改时间'], ['backfilled', '补录标记'],
  ]),
  member: new Map([
    ['name', '姓名'], ['role', '党内职务'], ['group', '党小组'], ['active', '在册状态'], ['order', '排序'], ['note', '备注'],
    ['createdAt', '录入时间'], ['updatedAt', '修改时间'],
  ]),
  settings: new Map([
    ['branchName', '支部名称'], ['defaultPlace', '常用地点'], ['groups', '党小组'], ['rules', '提醒规则'],
    ['trackingSince', '开始记录日期'],
  ]),
}

/** The Chinese name of a field, for messages; an unknown key is quoted (shortened). */
export function fieldLabel(entity: SyncEntity, key: string): string {
  return FIELD_LABELS[entity].get(key) ?? `“${shortKey(key)}”`
}

export function shortKey(key: string): string {
  return key.length > 40 ? `${key.slice(0, 40)}…` : key
}
