// Rewriting one attendance sheet from a phone's own roster ids to a branch's (pure; used by join.ts).
import type { Attendance, VolunteerInfo } from '@shared/model/activity'
import { presentMemberIds } from '@shared/model/attendanceMath'

/** local member id → the branch's id, or null: not on the branch roster (非名册人员), with the name to use. */
export type IdMapping = ReadonlyMap<string, { to: string | null; name: string }>

const OBSERVER_SEPARATOR = '、'

function unique(ids: string[]): string[] {
  return [...new Set(ids)]
}

/**
 * The same sheet in the branch's ids. Ids not in `mapping` stay as they are. A person mapped to null leaves
 * 应到/请假/缺席; if they were present, their name joins 列席 (observers). Two local entries mapped to one branch
 * entry count once.
 */
export function mapAttendance(attendance: Attendance, mapping: IdMapping): Attendance {
  const target = (id: string): string | null => (mapping.has(id) ? mapping.get(id)!.to : id)
  const present = new Set(presentMemberIds(attendance))
  const leave: Attendance['leave'] = []
  for (const entry of attendance.leave) {
    const to = target(entry.memberId)
    if (to !== null && !leave.some((l) => l.memberId === to)) leave.push({ ...entry, memberId: to })
  }
  const onLeave = new Set(leave.map((l) => l.memberId))
  const absent = unique(attendance.absent.map(target).filter((id): id is string => id !== null && !onLeave.has(id)))
  const expected = unique(attendance.expected.map(target).filter((id): id is string => id !== null))
  const newObservers = attendance.expected
    .filter((id) => present.has(id) && mapping.get(id)?.to === null)
    .map((id) => mapping.get(id)!.name)
  const existing = attendance.observers.trim()
  const observers = [...(existing ? [existing] : []), ...newObservers.filter((n) => !existing.split(OBSERVER_SEPARATOR).includes(n))]
    .join(OBSERVER_SEPARATOR)
  return { expected, leave, absent, observers }
}

/** Does the sheet name any of the mapped ids? */
export function mentionsAny(attendance: Attendance | undefined, ids: ReadonlySet<string>): boolean {
  if (!attendance) return false
  return attendance.expected.some((id) => ids.has(id)) || attendance.absent.some((id) => ids.has(id))
    || attendance.leave.some((l) => ids.has(l.memberId))
}

/**
 * A 志愿服务's named members in the branch's ids. A person mapped to null (非名册人员) is no longer named but still
 * counted in 参与人次, which already counts non-roster volunteers.
 */
export function mapVolunteer(volunteer: VolunteerInfo, mapping: IdMapping): VolunteerInfo {
  if (!volunteer.memberIds) return volunteer
  const target = (id: string): string | null => (mapping.has(id) ? mapping.get(id)!.to : id)
  return { ...volunteer, memberIds: unique(volunteer.memberIds.map(target).filter((id): id is string => id !== null)) }
}

/** Does the record name any of the mapped ids, on its sheet or among its 志愿服务 members? */
export function recordMentionsAny(record: { attendance?: Attendance | undefined; volunteer?: VolunteerInfo | undefined }, ids: ReadonlySet<string>): boolean {
  return mentionsAny(record.attendance, ids) || (record.volunteer?.memberIds ?? []).some((id) => ids.has(id))
}
