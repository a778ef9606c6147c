// Device identity and counters kept in the meta table.
import { v7 as uuidv7 } from 'uuid'
import { getDb } from './connection'

const DEVICE_ID_KEY = 'deviceId'
const CLIENT_SEQ_KEY = 'lastClientSeq'
const LOCAL_USER_KEY = 'localUserId'

export function newId(): string {
  return uuidv7()
}

async function readMeta<T>(key: string): Promise<T | undefined> {
  const row = await getDb().meta.get(key)
  return row?.value as T | undefined
}

/** A random id for this browser's database, made once. Used as the sync clientId. */
export async function getDeviceId(): Promise<string> {
  const db = getDb()
  return db.transaction('rw', db.meta, async () => {
    const existing = await readMeta<string>(DEVICE_ID_KEY)
    if (existing) return existing
    const id = newId()
    await db.meta.put({ key: DEVICE_ID_KEY, value: id })
    return id
  })
}

/** Who is entering records on this device: a member id after joining a branch, a device-local id before. */
export async function getLocalUserId(): Promise<string> {
  const db = getDb()
  return db.transaction('rw', db.meta, async () => {
    const existing = await readMeta<string>(LOCAL_USER_KEY)
    if (existing) return existing
    const id = `local-${newId()}`
    await db.meta.put({ key: LOCAL_USER_KEY, value: id })
    return id
  })
}

/** Next strictly increasing sequence number of this device. Call inside a transaction that includes meta. */
export async function nextClientSeq(): Promise<number> {
  const db = getDb()
  const last = (await readMeta<number>(CLIENT_SEQ_KEY)) ?? 0
  const next = last + 1
  await db.meta.put({ key: CLIENT_SEQ_KEY, value: next })
  return next
}

export async function readMetaValue<T>(key: string): Promise<T | undefined> {
  return readMeta<T>(key)
}

export async function writeMetaValue(key: string, value: unknown): Promise<void> {
  await getDb().meta.put({ key, value })
}
