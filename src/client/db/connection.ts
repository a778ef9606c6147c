// The one database connection of this page. Tests swap it for a fresh one per test.
import type { DexieOptions } from 'dexie'
import { BranchLogDb, DATABASE_NAME } from './schema'

let current: BranchLogDb | null = null

export function getDb(): BranchLogDb {
  if (!current) {
    current = new BranchLogDb(DATABASE_NAME)
    // Another tab opened a newer schema: close so its upgrade is not blocked, and ask the user to reload.
    current.on('versionchange', () => {
      current?.close()
      current = null
      if (typeof window !== 'undefined') window.dispatchEvent(new CustomEvent('branch-log:db-outdated'))
      return false
    })
  }
  return current
}

/** The IndexedDB a test phone keeps its database in: its own factory, so phones share nothing. */
export type IndexedDbImplementation = Pick<DexieOptions, 'indexedDB' | 'IDBKeyRange'>

/**
 * For tests: use a uniquely named database, optionally in its own IndexedDB (`indexedDB` and `IDBKeyRange` of one
 * fake-indexeddb IDBFactory), so several simulated phones each hold a database of their own.
 */
export function useDatabase(name: string, implementation?: IndexedDbImplementation): BranchLogDb {
  current?.close()
  current = new BranchLogDb(name, implementation)
  return current
}
