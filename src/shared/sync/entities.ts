// Per-entity rules for applying a mutation: which fields a client may send, how a put merges into the stored
// record (per top-level field), and validation of the merged result. Pure, so the client can pre-check too.
import * as z from 'zod/mini'
import { activityFieldsSchema } from '../model/activity'
import { memberFieldsSchema } from '../model/member'
import { branchSettingsSchema } from '../model/settings'
import { instantSchema } from '../model/fields'
import { chinaDateOf, latestActivityDate } from '../dates'
import type { SyncEntity } from './mutation'

const FIELD_SCHEMAS = {
  activity: activityFieldsSchema,
  member: memberFieldsSchema,
  settings: branchSettingsSchema,
} as const

/** Display-only metadata a device may send with a put (device clock; never used for ordering). */
const META_SCHEMAS: Record<SyncEntity, Record<string, z.ZodMiniType>> = {
  activity: { createdAt: instantSchema, updatedAt: instantSchema, backfilled: z.boolean() },
  member: { createdAt: instantSchema, updatedAt: instantSchema },
  settings: {},
}

/** Fields only the server sets. A client may echo them; they are ignored. */
export const SERVER_OWNED_FIELDS: ReadonlySet<string> = new Set(['id', 'createdBy', 'deleted', 'version', 'branchId'])

export type MergeResult =
  | { ok: true; data: Record<string, unknown>; changedFields: string[] }
  | { ok: false; code: 'invalid'; message: string }

function firstMessage(error: { issues: readonly { message: string }[] }): string {
  return error.issues[0]?.message ?? '内容无效'
}

/**
 * Merge `fields` over `existing` (null when the record is new) and validate the result.
 * `today` is the server's China date; activity dates may not be more than a year after it.
 */
export function mergeFields(
  entity: SyncEntity,
  existing: Record<string, unknown> | null,
  fields: Record<string, unknown>,
  today: string = chinaDateOf(),
): MergeResult {
  const schema = FIELD_SCHEMAS[entity]
  const meta = META_SCHEMAS[entity]
  const known = new Set(Object.keys(schema.shape))
  const merged: Record<string, unknown> = { ...(existing ?? {}) }
  const changedFields: string[] = []
  for (const [key, value] of Object.entries(fields)) {
    if (SERVER_OWNED_FIELDS.has(key)) continue
    const metaSchema = meta[key]
    if (metaSchema) {
      const parsed = metaSchema.safeParse(value)
      if (!parsed.success) return { ok: false, code: 'invalid', message: `字段 ${key} 无效` }
      merged[key] = parsed.data
      continue
    }
    if (!known.has(key)) return { ok: false, code: 'invalid', message: `未知字段：${key}` }
    if (value === undefined || value === null) delete merged[key]
    else merged[key] = value
    changedFields.push(key)
  }
  const userFields: Record<string, unknown> = {}
  for (const key of known) if (key in merged) userFields[key] = merged[key]
  const parsed = schema.safeParse(userFields)
  if (!parsed.success) return { ok: false, code: 'invalid', message: firstMessage(parsed.error) }
  if (entity === 'activity') {
    const date = (parsed.data as { date: string }).date
    if (date > latestActivityDate(today)) return { ok: false, code: 'invalid', message: '活动日期不能晚于一年以后' }
  }
  const data: Record<string, unknown> = { ...(parsed.data as Record<string, unknown>) }
  for (const key of Object.keys(meta)) if (key in merged) data[key] = merged[key]
  return { ok: true, data, changedFields }
}

/** Content fields withheld from readers of a 谈心谈话 record who are neither its author nor the secretary. */
export function redactHeartTalk(data: Record<string, unknown>): Record<string, unknown> {
  const talk = data.talk as { pair?: unknown; mode?: unknown; personCount?: unknown } | undefined
  const out: Record<string, unknown> = {
    ...data,
    place: '',
    topic: '谈心谈话（内容不公开）',
    host: '',
    recorder: '',
    summary: '',
    resolution: '',
    photoIds: [],
  }
  delete out.attendance
  delete out.lecture
  if (talk) out.talk = { talker: '', target: '', pair: talk.pair, mode: talk.mode, personCount: talk.personCount }
  return out
}

export function isHeartTalk(data: Record<string, unknown>): boolean {
  return Array.isArray(data.types) && data.types.includes('heartTalk')
}
