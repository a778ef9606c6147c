// Before every write: the shared record rules (src/shared/model/validate.ts). The validators are loaded on first
// write, keeping the schema library out of the app's first download.
import type { ActivityFields } from '@shared/model/activity'
import type { MemberFields } from '@shared/model/member'
import type { BranchSettings } from '@shared/model/settings'
import { getDb } from './connection'
import { plain } from './plain'

function loadValidation() {
  return import('@shared/model/validate')
}

export function loadBackupFormat() {
  return import('@shared/backup')
}

/**
 * What a record is checked against besides itself: the branch's 党小组 as this phone has them, and for an edit the
 * record as stored before it (a 党小组会 whose group the edit leaves alone is not checked again).
 */
export interface ActivityContext {
  groups: string[]
  previous?: object | null
}

export async function readActivityContext(previous?: object | null): Promise<ActivityContext> {
  return { groups: (await getDb().settings.get('branch'))?.value.groups ?? [], previous }
}

export type ActivityChecker = (fields: unknown) => ActivityFields
export type MemberChecker = (fields: unknown) => MemberFields

/** A checker for many records against one context (backup import); throws ValidationError on the first bad one. */
// The context goes to the shared rules once they take one (the 党小组会 group against the branch's groups):
// validateActivityFields(value, { today: chinaDateOf(), groups: context.groups, previous: context.previous }).
// `copy`: false for values that are plain data already (a parsed backup file); a form's values are copied first,
// which unwraps Vue's proxies.
export async function activityChecker(context: ActivityContext, copy = true): Promise<ActivityChecker> {
  const rules = await loadActivityRules(copy)
  return (fields) => rules(fields, context)
}

/**
 * The activity rules as a plain function of the fields and their context, for checking inside a write's own
 * transaction (where nothing but IndexedDB may be awaited). The same checks as activityChecker.
 */
export async function loadActivityRules(copy = true): Promise<(fields: unknown, context: ActivityContext) => ActivityFields> {
  const { validateActivityFields, orThrow } = await loadValidation()
  return (fields, _context) => orThrow(validateActivityFields(copy ? plain(fields) : fields))
  // (`_context`: see activityChecker)
}

/** `previous`: the record as stored, when this is an edit of it. */
export async function checkActivity(fields: unknown, previous?: object | null): Promise<ActivityFields> {
  return (await activityChecker(await readActivityContext(previous)))(fields)
}

export async function memberChecker(): Promise<MemberChecker> {
  const { validateMemberFields, orThrow } = await loadValidation()
  return (fields) => {
    const value = orThrow(validateMemberFields(plain(fields)))
    return { ...value, name: value.name.trim(), group: value.group.trim() }
  }
}

export async function checkSettings(settings: unknown): Promise<BranchSettings> {
  const { validateBranchSettings, orThrow } = await loadValidation()
  return orThrow(validateBranchSettings(plain(settings)))
}
