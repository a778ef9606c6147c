// The roster as screens show it, kept apart from the join code (db/join.ts) so the first download stays small.
// While a join's roster mapping is pending, only the branch's entries: the phone's own would be the same people
// a second time.
import { getDb } from './connection'
import { readMeta } from './meta'
import { META_KEYS } from './metaKeys'
import type { StoredMember } from './schema'

export const isBranch = (m: StoredMember) => m.serverVersion !== null && !m.deleted

export async function isRosterMappingPending(): Promise<boolean> {
  return (await readMeta<boolean>(META_KEYS.rosterMappingPending)) === true
}

/** The roster the roster page and the attendance sheet show. */
export async function rosterForDisplay(): Promise<StoredMember[]> {
  const pending = await isRosterMappingPending()
  const rows = await getDb().members.orderBy('order').toArray()
  return rows.filter(pending ? isBranch : (m) => !m.deleted)
}
