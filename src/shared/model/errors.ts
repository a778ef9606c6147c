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
