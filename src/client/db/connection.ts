// The one database connection of this page. Tests swap it for a fresh one per test.
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

/** For tests: use a uniquely named database. */
export function useDatabase(name: string): BranchLogDb {
  current?.close()
  current = new BranchLogDb(name)
  return current
}
