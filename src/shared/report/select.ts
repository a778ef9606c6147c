// Which records a year counts: not deleted, held (not only planned: model/planned.ts), dated in the year, and each id once. Ids are unique in storage; if a
// caller still passes two live versions of one record, the latest edit (updatedAt) wins.
import type { ActivityRecord } from '../model/activity'
import { isCountedRecord } from '../model/planned'
import { yearPrefix } from './periods'

export function recordsOfYear(records: readonly ActivityRecord[], year: number): ActivityRecord[] {
  const prefix = yearPrefix(year)
  const ids = new Set<string>()
  const out: ActivityRecord[] = []
  for (const record of records) {
    if (!isCountedRecord(record) || !record.date.startsWith(prefix)) continue
    if (ids.has(record.id)) return latestVersions(out.concat(records.slice(records.indexOf(record))), prefix)
    ids.add(record.id)
    out.push(record)
  }
  return out
}

/** The slow path, for input holding two versions of one record: keep the latest edit of each id. */
function latestVersions(records: readonly ActivityRecord[], prefix: string): ActivityRecord[] {
  const byId = new Map<string, ActivityRecord>()
  for (const record of records) {
    const earlier = byId.get(record.id)
    if (!earlier || Date.parse(record.updatedAt) >= Date.parse(earlier.updatedAt)) byId.set(record.id, record)
  }
  return [...byId.values()].filter((r) => isCountedRecord(r) && r.date.startsWith(prefix))
}

/** The record's types without repeats, in the order given. */
export function distinctTypes<T>(types: readonly T[]): readonly T[] {
  if (types.length < 2) return types
  for (let i = 1; i < types.length; i++) {
    if (types.lastIndexOf(types[i] as T, i - 1) !== -1) return [...new Set(types)]
  }
  return types
}
