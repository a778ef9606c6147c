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

/** Who writes from this device and under which sequence number, for one change to be queued. */
export interface WriterIds {
  localUserId: string
  clientId: string
  clientSeq: number
}

/**
 * The device's ids and the next sequence number, read at once (one IndexedDB round trip), with the counter moved
 * on. Call inside a transaction that includes meta, before queueing exactly one change under `clientSeq`.
 */
export async function takeWriterIds(): Promise<WriterIds> {
  const db = getDb()
  const [user, device, last] = await db.meta.bulkGet([META_KEYS.localUserId, META_KEYS.deviceId, META_KEYS.lastClientSeq])
  const clientSeq = ((last?.value as number | undefined) ?? 0) + 1
  const counted = db.meta.put({ key: META_KEYS.lastClientSeq, value: clientSeq })
  // made once per device: only its very first change waits for these
  const localUserId = typeof user?.value === 'string' ? user.value : await getLocalUserId()
  const clientId = typeof device?.value === 'string' ? device.value : await getDeviceId()
  await counted
  return { localUserId, clientId, clientSeq }
}

/** Next strictly increasing sequence number of this device. Call inside a transaction that includes meta. */
export async function nextClientSeq(): Promise<number> {
  const db = getDb()
  const last = (await readMeta<number>(META_KEYS.lastClientSeq)) ?? 0
  const next = last + 1
  await db.meta.put({ key: META_KEYS.lastClientSeq, value: next })
  return next
}
