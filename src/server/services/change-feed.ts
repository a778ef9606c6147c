// Who wants to know that a branch's records changed: phones holding GET /api/sync/events open (routes/events.ts)
// are told the branch's new version at once, so they pull now instead of at their next poll. A push announces
// the version it committed to this process's listeners; on PostgreSQL its NOTIFY (push-batch.ts) reaches every
// other process too, which relay it to theirs. A listener may hear a version twice (its own process, then the
// NOTIFY) or out of order: routes/events.ts sends only versions newer than the last it sent.
import type { Db } from '../storage/db'
import { BRANCH_VERSION_CHANNEL } from './push-batch'

export type VersionListener = (version: number) => void

export class BranchChangeFeed {
  private readonly listeners = new Map<string, Set<VersionListener>>()
  private readonly streams = new Set<() => void>()
  /** shutting down: no new streams (a phone reconnecting on a kept-alive socket would hold the exit up) */
  closing = false

  constructor(db: Db) {
    // on PostgreSQL, other processes' pushes; the connection retries by itself (storage/postgres.ts)
    void db.listen?.(BRANCH_VERSION_CHANNEL, (payload) => {
      const [branchId, version] = payload.split(' ')
      if (branchId && Number.isInteger(Number(version))) this.announce(branchId, Number(version))
    })
  }

  announce(branchId: string, version: number): void {
    for (const listener of this.listeners.get(branchId) ?? []) listener(version)
  }

  /** Returns the unsubscribe. */
  subscribe(branchId: string, listener: VersionListener): () => void {
    let set = this.listeners.get(branchId)
    if (!set) this.listeners.set(branchId, set = new Set())
    set.add(listener)
    return () => {
      set.delete(listener)
      if (set.size === 0) this.listeners.delete(branchId)
    }
  }

  /** An open stream registers how to end it, so a shutdown does not wait for phones to hang up. */
  trackStream(end: () => void): () => void {
    this.streams.add(end)
    return () => { this.streams.delete(end) }
  }

  endAllStreams(): void {
    this.closing = true
    for (const end of [...this.streams]) end()
  }
}

const feeds = new WeakMap<Db, BranchChangeFeed>()

export function changeFeedOf(db: Db): BranchChangeFeed {
  let feed = feeds.get(db)
  if (!feed) feeds.set(db, feed = new BranchChangeFeed(db))
  return feed
}
