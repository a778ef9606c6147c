// Where this device is in the server's change feed, and when it last synced.
import { getDb } from '../connection'
import { readMeta } from '../meta'
import { META_KEYS } from '../metaKeys'

export interface SyncPosition {
  cursor: number
  epoch: string | null
  branchId: string | null
}

/** Read once per pulled page: the three values in one request (one transaction, not three in a row). */
export async function readSyncPosition(): Promise<SyncPosition> {
  const [cursor, epoch, branchId] = await getDb().meta.bulkGet([META_KEYS.cursor, META_KEYS.epoch, META_KEYS.branchId])
  return {
    cursor: (cursor?.value as number | undefined) ?? 0,
    epoch: (epoch?.value as string | undefined) ?? null,
    branchId: (branchId?.value as string | undefined) ?? null,
  }
}

/** Pull everything again (keeps the local copy; each row is re-applied over it). */
export async function restartPull(): Promise<void> {
  await getDb().meta.put({ key: META_KEYS.cursor, value: 0 })
}

export async function readLastSyncAt(): Promise<string | null> {
  return (await readMeta<string>(META_KEYS.lastSyncAt)) ?? null
}

/** Display only: the device clock is never used for ordering. */
export async function recordSyncSuccess(at: Date = new Date()): Promise<void> {
  await getDb().meta.put({ key: META_KEYS.lastSyncAt, value: at.toISOString() })
}
