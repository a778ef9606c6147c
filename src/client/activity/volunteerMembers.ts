// Naming who served in a 志愿服务 (docs/domain.md, "志愿服务"): one tap per roster member. 参与人次 counts the named
// members and anyone else who served, so it follows the named count while it equals it, rises when more are named
// than it says, and keeps a larger figure the logger typed (群众 and non-roster volunteers).
import type { VolunteerInfo } from '@shared/model/activity'

/** The record with `ids` as its named members and 参与人次 kept consistent with them. */
export function withVolunteerMembers(volunteer: VolunteerInfo, ids: readonly string[]): VolunteerInfo {
  const before = volunteer.memberIds?.length ?? 0
  const unique = [...new Set(ids)]
  const follows = volunteer.participants === before
  const participants = follows ? unique.length : Math.max(volunteer.participants, unique.length)
  return { ...volunteer, participants, memberIds: unique }
}

/** One tap: name the member, or no longer name them. */
export function toggleVolunteerMember(volunteer: VolunteerInfo, id: string): VolunteerInfo {
  const named = volunteer.memberIds ?? []
  return withVolunteerMembers(volunteer, named.includes(id) ? named.filter((m) => m !== id) : [...named, id])
}

/** 参与人次 beyond the named members: 群众 and volunteers not on the roster. */
export function othersCount(volunteer: VolunteerInfo): number {
  return Math.max(0, volunteer.participants - (volunteer.memberIds?.length ?? 0))
}
