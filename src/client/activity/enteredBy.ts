// 录入人 and 录入时间 of a record, as the list and the detail page show them. `createdBy` is a roster member id
// (an account tied to the roster), an account id, or this phone's own id ('local-…') until the server has it.
import { useAccountStore } from '@client/stores/account'
import { useRosterStore } from '@client/stores/roster'

const LOCAL_AUTHOR_PREFIX = 'local-'
/** someone of the branch whose account is not tied to a roster entry */
export const UNNAMED_AUTHOR = '支部成员'

export interface AuthorContext {
  /** the roster label of a member id, or undefined when the id is not on the roster */
  labelOf: (id: string) => string | undefined
  /** ids this phone's account goes by (account id, its roster entry) */
  myIds: readonly string[]
  /** the signed-in account's display name, or null on a phone used alone */
  myName: string | null
}

export function authorName(createdBy: string, ctx: AuthorContext): string {
  const onRoster = ctx.labelOf(createdBy)
  if (onRoster !== undefined) return onRoster
  if (createdBy.startsWith(LOCAL_AUTHOR_PREFIX) || ctx.myIds.includes(createdBy)) return ctx.myName ?? '本机'
  return UNNAMED_AUTHOR
}

const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000
const twoDigits = (n: number) => String(n).padStart(2, '0')

/**
 * 录入时间 in China time: '2026年11月10日 10:05' (short: '11月10日 10:05'); the device clock, display only.
 * Worked out from the fixed +08:00 offset (China keeps no daylight saving, src/shared/dates.ts), not with
 * Intl.DateTimeFormat: building that formatter costs ~30 ms the first time a page shows a list row, which a save
 * would otherwise pay on its way to the list.
 */
export function enteredAt(createdAt: string, withoutYear = false): string {
  const ms = new Date(createdAt).getTime()
  if (Number.isNaN(ms)) return ''
  const china = new Date(ms + CHINA_OFFSET_MS)
  const day = `${china.getUTCMonth() + 1}月${china.getUTCDate()}日 ${twoDigits(china.getUTCHours())}:${twoDigits(china.getUTCMinutes())}`
  return withoutYear ? day : `${china.getUTCFullYear()}年${day}`
}

/** For components: who entered a record, from the roster and the session as they are now (no per-row state). */
export function useAuthorName() {
  const roster = useRosterStore()
  const account = useAccountStore()
  return (createdBy: string) => {
    const user = account.me?.user
    return authorName(createdBy, {
      labelOf: (id) => (roster.byId.has(id) ? roster.nameOf(id) : undefined),
      myIds: user ? [user.id, user.memberId].filter((v): v is string => typeof v === 'string') : [],
      myName: user?.displayName ?? null,
    })
  }
}
