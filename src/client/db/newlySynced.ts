// "新同步 N 条": activity records that arrived by sync from others (noted by db/sync/pull.ts), until dismissed.
import { getDb } from './connection'
import { META_KEYS } from './metaKeys'
import type { StoredActivity } from './schema'

async function arrivedIds(): Promise<string[]> {
  const value = (await getDb().meta.get(META_KEYS.newlySynced))?.value
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []
}

/** The arrived records still live on this phone, newest date first. */
export async function listNewlySynced(): Promise<StoredActivity[]> {
  const ids = await arrivedIds()
  if (ids.length === 0) return []
  const rows = (await getDb().activities.bulkGet(ids)).filter((r): r is StoredActivity => !!r && !r.deleted)
  return rows.sort((a, b) => b.date.localeCompare(a.date) || b.createdAt.localeCompare(a.createdAt))
}

/** How many arrived records are still live (for the notice). */
export async function countNewlySynced(): Promise<number> {
  return (await listNewlySynced()).length
}

/** The member has seen them: the notice goes away until the next arrivals. */
export async function dismissNewlySynced(): Promise<void> {
  await getDb().meta.delete(META_KEYS.newlySynced)
}
