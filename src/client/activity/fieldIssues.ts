// Placing the shared validator's messages (src/shared/model/validate.ts) next to the field each one names.
import type { FieldIssue } from '@shared/model/errors'

/** The first message about `path` or a field inside it ('attendance' also matches 'attendance.leave.0.reason'). */
export function issueAt(issues: readonly FieldIssue[], path: string): string | undefined {
  return issues.find((i) => i.path === path || i.path.startsWith(`${path}.`))?.message
}

/** The messages inside `prefix`, with paths relative to it ('lecture.speaker' → 'speaker'). */
export function issuesUnder(issues: readonly FieldIssue[], prefix: string): FieldIssue[] {
  const start = `${prefix}.`
  return issues.filter((i) => i.path.startsWith(start)).map((i) => ({ ...i, path: i.path.slice(start.length) }))
}

/** The message about `path` itself, not one of its fields (a missing group of fields as a whole). */
export function issueOn(issues: readonly FieldIssue[], path: string): string | undefined {
  return issues.find((i) => i.path === path)?.message
}
