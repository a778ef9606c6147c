// Validation failures as values the UI can show. Free of the schema library so it costs nothing to import.

export interface FieldIssue {
  /** dotted path of the offending field, '' for the whole value */
  path: string
  message: string
}

export class ValidationError extends Error {
  constructor(readonly issues: FieldIssue[]) {
    super(issues.map((i) => i.message).join('；'))
    this.name = 'ValidationError'
  }
}

/** '主题最多200字，现在215字': a text over its limit is refused with its length, never cut. */
export function tooLongMessage(label: string, max: number, length: number): string {
  return `${label}最多${max}字，现在${length}字`
}
