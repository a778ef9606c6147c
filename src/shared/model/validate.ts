// Validation with Chinese messages, shared by the phone (before saving) and the server (before applying).
// The rules themselves live in rules.ts; these are the per-entity entry points the phone calls.
import { chinaDateOf } from '../dates'
import type { ActivityFields } from './activity'
import { ValidationError } from './errors'
import type { MemberFields } from './member'
import { type RecordContext, validateRecordFields } from './rules'
import type { BranchSettings } from './settings'
import type { Validated } from './validated'

export { ValidationError, type FieldIssue } from './errors'
export { issuesOf, validateWith, type Validated } from './validated'
export { validateRecordFields, type RecordContext, type RecordFields } from './rules'

/**
 * An activity's fields against every record rule (rules.ts). `today` (China date) bounds the date; pass a full
 * context to also check the 党小组会's group against the branch's groups.
 */
export function validateActivityFields(value: unknown, today: string | RecordContext = chinaDateOf()): Validated<ActivityFields> {
  return validateRecordFields('activity', value, typeof today === 'string' ? { today } : today)
}

export function validateMemberFields(value: unknown): Validated<MemberFields> {
  return validateRecordFields('member', value, { today: chinaDateOf() })
}

export function validateBranchSettings(value: unknown): Validated<BranchSettings> {
  return validateRecordFields('settings', value, { today: chinaDateOf() })
}

/** Throw a ValidationError unless valid. */
export function orThrow<T>(result: Validated<T>): T {
  if (!result.ok) throw new ValidationError(result.issues)
  return result.value
}
