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

/** What a record is checked against besides itself: the branch's 党小组 as this phone has them. */
export interface ActivityContext {
  groups: string[]
}

export async function readActivityContext(): Promise<ActivityContext> {
  return { groups: (await getDb().settings.get('branch'))?.value.groups ?? [] }
}

export type ActivityChecker = (fields: unknown) => ActivityFields
export type MemberChecker = (fields: unknown) => MemberFields

/** A checker for many records against one context (backup import); throws ValidationError on the first bad one. */
// `_context` goes to the shared rules (the 党小组会 group against the branch's groups) once they take one.
export async function activityChecker(_context: ActivityContext): Promise<ActivityChecker> {
  const { validateActivityFields, orThrow } = await loadValidation()
  return (fields) => orThrow(validateActivityFields(plain(fields)))
}

export async function checkActivity(fields: unknown): Promise<ActivityFields> {
  return (await activityChecker(await readActivityContext()))(fields)
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
