// The IndexedDB schema. Every version is kept: Dexie upgrades a device's database step by step.
import Dexie, { type DexieOptions, type EntityTable } from 'dexie'
import type { ActivityRecord } from '@shared/model/activity'
import type { Member } from '@shared/model/member'
import type { BranchSettings } from '@shared/model/settings'
import type { Mutation } from '@shared/sync/mutation'

/** Server version of a row; null until the server has acknowledged it. */
export interface SyncStamp {
  serverVersion: number | null
}

/**
 * `deletedAt`: when this phone deleted the record or learned of its deletion (回收站 keeps 30 days); kept on this
 * device only, never sent.
 */
export type StoredActivity = ActivityRecord & SyncStamp & { deletedAt?: string }
export type StoredMember = Member & SyncStamp

export interface StoredSettings extends SyncStamp {
  key: 'branch'
  value: BranchSettings
  updatedAt: string
}

export interface StoredPhoto {
  id: string
  activityId: string
  blob: Blob
  width: number
  height: number
  createdAt: string
}

export interface OutboxEntry {
  clientSeq: number
  mutation: Mutation
  /** set when the server acknowledged it with an error: kept so the user can see why */
  rejectedReason?: string
  /**
   * The change's fields are the record as stored, read when it is sent (`withRecordFields`, outbox.ts) rather
   * than copied in here: a backup import's creates (db/backup.ts), whose copies would double what the import
   * writes. Such an entry keeps `mutation.fields` empty.
   */
  fieldsFromRecord?: true
}

export interface MetaEntry {
  key: string
  value: unknown
}

/** A photo the branch server has (uploaded from here, or downloaded), or refused for good. */
export interface PhotoUpload {
  id: string
  state: 'uploaded' | 'refused'
  reason?: string
}

/** A half-filled form, kept so nothing typed is lost on a crash, reload or update. */
export interface FormDraft {
  key: string
  value: unknown
  savedAt: string
}

export const DATABASE_NAME = 'branch-log'

export class BranchLogDb extends Dexie {
  activities!: EntityTable<StoredActivity, 'id'>
  members!: EntityTable<StoredMember, 'id'>
  settings!: EntityTable<StoredSettings, 'key'>
  photos!: EntityTable<StoredPhoto, 'id'>
  outbox!: EntityTable<OutboxEntry, 'clientSeq'>
  meta!: EntityTable<MetaEntry, 'key'>
  drafts!: EntityTable<FormDraft, 'key'>
  photoUploads!: EntityTable<PhotoUpload, 'id'>

  /** `options` may name the IndexedDB implementation (tests give each simulated phone its own). */
  constructor(name = DATABASE_NAME, options?: DexieOptions) {
    super(name, options)
    this.version(1).stores({
      activities: 'id, date, updatedAt',
      members: 'id, order',
      settings: 'key',
      photos: 'id, activityId',
      outbox: 'clientSeq',
      meta: 'key',
      drafts: 'key',
    })
    // v2: which photos the branch server already has (photos sync apart from their records), and photo → record
    this.version(2).stores({ activities: 'id, date, updatedAt, *photoIds', photoUploads: 'id' })
    // v3: refused outbox entries indexed, so counting what waits never walks the whole outbox
    this.version(3).stores({ outbox: 'clientSeq, rejectedReason' })
    // v4: tombstones indexed by when they were deleted (回收站); existing ones count from their last change
    this.version(4).stores({ activities: 'id, date, updatedAt, *photoIds, deletedAt' }).upgrade((tx) =>
      tx.table('activities').toCollection().modify((row: StoredActivity) => {
        if (row.deleted && row.deletedAt === undefined) row.deletedAt = row.updatedAt
      }))
    // v5: the updatedAt index goes: nothing queries by it, and every record written (a save, each of a first
    // sync's 10,000, a backup import) paid for its entries (about 5 % of a bulk write, measured in Chromium)
    this.version(5).stores({ activities: 'id, date, *photoIds, deletedAt' })
  }
}
