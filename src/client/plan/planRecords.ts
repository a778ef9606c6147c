// Turning the year's plan (typed one by one or pasted, src/shared/model/planParser.ts) into planned activity
// records (`planned: true`), saved like any record so they sync and merge field by field.
import type { ActivityTypeId } from '@shared/catalogue'
import type { ActivityFields } from '@shared/model/activity'
import { ValidationError } from '@shared/model/errors'
import { createActivity } from '@client/db'

export interface PlanEntry {
  date: string
  types: ActivityTypeId[]
  topic: string
}

/** The fields of a planned activity: what is known ahead (type, date, topic, the usual place), nothing held yet. */
export function plannedFields(entry: PlanEntry, defaultPlace: string): ActivityFields {
  return {
    types: entry.types, date: entry.date, place: defaultPlace, topic: entry.topic.trim(), host: '', recorder: '',
    summary: '', resolution: '', photoIds: [], planned: true,
  }
}

export interface PlanSaveResult {
  saved: number
  /** '第3行：日期不能晚于一年以后' for each entry refused by the record rules */
  failed: string[]
}

/** Save each entry as a planned record; one refused entry does not stop the others. */
export async function savePlanEntries(entries: readonly (PlanEntry & { line?: number })[], defaultPlace: string): Promise<PlanSaveResult> {
  const result: PlanSaveResult = { saved: 0, failed: [] }
  for (const entry of entries) {
    try {
      await createActivity(plannedFields(entry, defaultPlace))
      result.saved++
    } catch (e) {
      const where = entry.line === undefined ? `${entry.date} ${entry.topic}` : `第${entry.line}行`
      result.failed.push(`${where}：${e instanceof ValidationError || e instanceof Error ? e.message : String(e)}`)
    }
  }
  return result
}
