// Where this device is in the server's change feed, and when it last synced.
import { getDb } from '../connection'
import { readMeta } from '../meta'
import { META_KEYS } from '../metaKeys'

export interface SyncPosition {
  cursor: number
  epoch: string | null
  branchId: string | null
}

export async function readSyncPosition(): Promise<SyncPosition> {
  return {
    cursor: (await readMeta<number>(META_KEYS.cursor)) ?? 0,
    epoch: (await readMeta<string>(META_KEYS.epoch)) ?? null,
    branchId: (await readMeta<string>(META_KEYS.branchId)) ?? null,
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
