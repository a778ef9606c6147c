// The user-editable part of a stored record (what the form edits).
import type { ActivityFields, ActivityRecord } from '@shared/model/activity'

export function fieldsOf(record: ActivityRecord): ActivityFields {
  const {
    id: _id, createdBy: _cb, createdAt: _ca, updatedAt: _ua, backfilled: _b, deleted: _d, ...fields
  } = record as ActivityRecord & { serverVersion?: unknown }
  delete (fields as { serverVersion?: unknown }).serverVersion
  return structuredClone(fields)
}
