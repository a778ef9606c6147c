// The log form checks a record with the same functions db/ runs before every write and the server runs on every
// push (src/shared/model/validate.ts), so what the form accepts is what will be stored and synced.
import type { ActivityFields } from '@shared/model/activity'
import type { FieldIssue } from '@shared/model/errors'

export interface FormCheckContext {
  /** today's China date */
  today: string
  /** the branch's 党小组: a 党小组会 must name one of them */
  groups: readonly string[]
  /** for an edit, the record as it was when editing began (a 党小组会 left as it was is not re-checked) */
  previous?: ActivityFields | null
}

/** The problems with `fields`, each with the path of the field it is about; [] when it may be saved. */
export async function activityFormIssues(fields: ActivityFields, context: FormCheckContext): Promise<FieldIssue[]> {
  // Loaded on first use, like db/'s own copy, to keep the schema library out of the first download.
  const { validateActivityFields } = await import('@shared/model/validate')
  const value: unknown = JSON.parse(JSON.stringify(fields))
  const result = validateActivityFields(value, { today: context.today, groups: context.groups, previous: context.previous ?? null })
  return result.ok ? [] : result.issues
}
