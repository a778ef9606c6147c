// Attendance arithmetic, free of the schema library.
import type { Attendance } from './activity'

function awaySet(attendance: Attendance): Set<string> {
  return new Set([...attendance.leave.map((l) => l.memberId), ...attendance.absent])
}

/** 实到 = 应到 − 请假 − 缺席 */
export function presentCount(attendance: Attendance): number {
  const away = awaySet(attendance)
  return attendance.expected.filter((id) => !away.has(id)).length
}

export function presentMemberIds(attendance: Attendance): string[] {
  const away = awaySet(attendance)
  return attendance.expected.filter((id) => !away.has(id))
}
