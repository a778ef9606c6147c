// Device identity and counters kept in the meta table.
import { v7 as uuidv7 } from 'uuid'
import { getDb } from './connection'
import { META_KEYS, type MetaKey } from './metaKeys'

export function newId(): string {
  return uuidv7()
}

export async function readMeta<T>(key: MetaKey): Promise<T | undefined> {
  const row = await getDb().meta.get(key)
  return row?.value as T | undefined
}

/** A random id for this browser's database, made once. Used as the sync clientId. */
export async function getDeviceId(): Promise<string> {
  const db = getDb()
  return db.transaction('rw', db.meta, async () => {
    const existing = await readMeta<string>(META_KEYS.deviceId)
    if (existing) return existing
    const id = newId()
    await db.meta.put({ key: META_KEYS.deviceId, value: id })
    return id
  })
}

/** Who is entering records on this device: a member id after joining a branch, a device-local id before. */
export async function getLocalUserId(): Promise<string> {
  const db = getDb()
  return db.transaction('rw', db.meta, async () => {
    const existing = await readMeta<string>(META_KEYS.localUserId)
    if (existing) return existing
    const id = `local-${newId()}`
    await db.meta.put({ key: META_KEYS.localUserId, value: id })
    return id
  })
}

/** Next strictly increasing sequence number of this device. Call inside a transaction that includes meta. */
export async function nextClientSeq(): Promise<number> {
  return reserveClientSeqs(1)
}

/**
 * Reserve `count` consecutive sequence numbers at once and return the first (bulk writes: one read and one write
 * of the counter instead of one pair per change). Call inside a transaction that includes meta.
 */
export async function reserveClientSeqs(count: number): Promise<number> {
  const db = getDb()
  const last = (await readMeta<number>(META_KEYS.lastClientSeq)) ?? 0
  await db.meta.put({ key: META_KEYS.lastClientSeq, value: last + count })
  return last + 1
}
