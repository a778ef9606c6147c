// The log form checks a record with the same functions db/ runs before every write and the server runs on every
// push (src/shared/model/validate.ts), so what the form accepts is what will be stored and synced.
import type { ActivityFields } from '@shared/model/activity'
import type { FieldIssue } from '@shared/model/errors'
import { partyGroupIssue } from './formDefaults'

/** The problems with `fields` in a branch with these 党小组, as of `today` (China date); [] when it may be saved. */
export async function activityFormIssues(fields: ActivityFields, groups: readonly string[], today: string): Promise<FieldIssue[]> {
  // Loaded on first use, like db/'s own copy, to keep the schema library out of the first download.
  const { validateActivityFields } = await import('@shared/model/validate')
  const value: unknown = JSON.parse(JSON.stringify(fields))
  const result = validateActivityFields(value, today)
  const issues = result.ok ? [] : result.issues
  const group = partyGroupIssue(fields, groups)
  return group && !issues.some((i) => i.path === group.path) ? [...issues, group] : issues
}
