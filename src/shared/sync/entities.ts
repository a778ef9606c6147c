// Applying a mutation to a record: how a put merges into the stored record (per top-level field), checked by the
// one rule set every writer uses (model/rules.ts). Pure, so the client can pre-check too.
import { chinaDateOf } from '../dates'
import { DEVICE_METADATA_SCHEMAS, fieldKind, fieldLabel } from '../model/fieldNames'
import { isPlainRecord, type RecordContext, unknownFieldMessage, validateRecordFields } from '../model/rules'
import type { SyncEntity } from './mutation'

export { SERVER_OWNED_FIELDS } from '../model/fieldNames'

export type MergeResult =
  | { ok: true; data: Record<string, unknown>; changedFields: string[] }
  | { ok: false; code: 'invalid'; message: string }

const refuse = (message: string): MergeResult => ({ ok: false, code: 'invalid', message })

/**
 * Merge `fields` over `existing` (null when the record is new) and validate the result. A field set to null is
 * removed. `context` is the server's China date (activities may not be dated more than a year after it) or a
 * full RecordContext with the branch's 党小组; its `previous` is filled in from `existing`.
 */
export function mergeFields(
  entity: SyncEntity,
  existing: Record<string, unknown> | null,
  fields: Record<string, unknown>,
  context: string | RecordContext = chinaDateOf(),
): MergeResult {
  if (!isPlainRecord(fields)) return refuse('修改内容无效')
  const base: RecordContext = typeof context === 'string' ? { today: context } : context
  const metadata = DEVICE_METADATA_SCHEMAS[entity]
  const merged = new Map<string, unknown>()
  if (existing) {
    for (const key of Object.keys(existing)) {
      const kind = fieldKind(entity, key)
      if (kind === 'user' || kind === 'metadata') merged.set(key, existing[key])
    }
  }
  const changedFields: string[] = []
  for (const key of Object.keys(fields)) {
    const value = fields[key]
    const kind = fieldKind(entity, key)
    if (kind === 'serverOwned') continue
    if (kind === 'unknown') return refuse(unknownFieldMessage(key))
    if (kind === 'metadata') {
      const parsed = metadata.get(key)?.safeParse(value)
      if (!parsed?.success) return refuse(`${fieldLabel(entity, key)}无效`)
      merged.set(key, parsed.data)
      continue
    }
    if (value === undefined || value === null) merged.delete(key)
    else merged.set(key, value)
    changedFields.push(key)
  }
  const userFields: Record<string, unknown> = {}
  const meta: Record<string, unknown> = {}
  for (const [key, value] of merged) {
    if (fieldKind(entity, key) === 'user') userFields[key] = value
    else meta[key] = value
  }
  const validated = validateRecordFields(entity, userFields, { ...base, previous: existing })
  if (!validated.ok) return refuse(validated.issues[0]?.message ?? '内容无效')
  return { ok: true, data: { ...(validated.value as Record<string, unknown>), ...meta }, changedFields }
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
