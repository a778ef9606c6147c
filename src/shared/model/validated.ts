// The result of a validation: the parsed value, or the issues with Chinese messages the UI can show.
import type * as z from 'zod/mini'
import type { FieldIssue } from './errors'

export type Validated<T> = { ok: true; value: T } | { ok: false; issues: FieldIssue[] }

export function issuesOf(error: z.core.$ZodError): FieldIssue[] {
  return error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }))
}

export function validateWith<T>(schema: z.ZodMiniType<T>, value: unknown): Validated<T> {
  const result = schema.safeParse(value)
  return result.success ? { ok: true, value: result.data } : { ok: false, issues: issuesOf(result.error) }
}

export const invalid = (path: string, message: string): { ok: false; issues: FieldIssue[] } =>
  ({ ok: false, issues: [{ path, message }] })
