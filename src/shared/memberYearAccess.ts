// Who may see a member's year (docs/domain.md, "Each member's year"): the same kind of rule as permissions.ts, kept
// apart so the first screen, which loads permissions.ts, does not carry it (only 我的 and the roster use it).
import type { Actor, Permission } from './permissions'

export const MEMBER_YEAR_PRIVATE_MESSAGE = '只有本人和支部书记可以查看党员个人年度情况'

/**
 * May `actor` see roster member `memberId`'s year (attendance, 学时, 志愿服务)? It is private to the member and the
 * secretary; a phone used alone sees every member of its own roster; a committee account sees none.
 */
export function mayViewMemberYear(actor: Actor, memberId: string): Permission {
  if (actor.role === 'alone' || actor.role === 'secretary') return { allowed: true }
  if (actor.role === 'member' && actor.memberId !== null && actor.memberId === memberId) return { allowed: true }
  return { allowed: false, code: 'forbidden', message: MEMBER_YEAR_PRIVATE_MESSAGE }
}
