// 计划 (planned) versus held records, free of the schema library so home and the report can import it cheaply.

interface PlannedMark {
  deleted?: boolean | undefined
  planned?: boolean | undefined
}

/** A record that counts (report, ledger, compliance, reminders): not deleted, and held rather than only planned. */
export function isCountedRecord(record: PlannedMark): boolean {
  return !record.deleted && record.planned !== true
}

/** A live planned activity (计划): shown on home, in the list and against the rules, never counted. */
export function isPlannedRecord(record: PlannedMark): boolean {
  return !record.deleted && record.planned === true
}
