// Pull pages as sent (compressed), kept in this process's memory so the same page asked for again is not read
// from the database and compressed again. That is what a first sync is: every new phone of a branch (members
// installing the app together at a branch meeting, a phone restored or replaced) asks for the same version ranges
// from 0 (client/sync/pageReader.ts), and reading and compressing a page of 1,000 records is most of the server's
// work for it.
//
// A page's content is fixed by what its key holds (pullPageKey): the branch, the server's epoch, where retention
// starts, the branch's version it is read at, and the page asked for. Every write moves the branch's version
// (push.ts) and a restore changes the epoch, so a cached page is never served after a change that would alter it.
// A page holding a 谈心谈话 that some readers may not see is kept per reader class instead (readerClass, records.ts).
// Only pages worth it are kept: compressed, and of at least MIN_KEPT_PAGE_BYTES (an everyday pull of a few rows
// is cheap to make, and its key changes with every push). Nothing here is shared between processes; each process
// fills its own, and none needs another's to be right.
import type { BodyEncoding } from '../http/compressedJson'

export interface CachedPage {
  body: Buffer
  encoding: BodyEncoding
}

/** About 2,000 compressed pages of 1,000 records (~32 kB each with br). */
export const PULL_PAGE_CACHE_BYTES = 64 * 1024 * 1024
/** A page's JSON must be at least this long to be kept: a first sync's pages of hundreds of records are. */
export const MIN_KEPT_PAGE_BYTES = 32 * 1024
/** What an entry costs besides its body's memory: the Map's entry and the objects around it (an estimate). */
export const ENTRY_OVERHEAD_BYTES = 200

export interface PageIdentity {
  branchId: string
  epoch: string
  retainedFrom: number
  head: number
  cursor: number
  /** the range's end as answered (≤ head), or null for an open page */
  end: number | null
  limit: number
}

export function pullPageKey(id: PageIdentity): string {
  return [id.branchId, id.epoch, id.retainedFrom, id.head, id.cursor, id.end ?? '', id.limit].join('|')
}

/**
 * The memory an entry holds: its body's whole backing store (a small zlib result or concatenation is a slice of a
 * larger shared buffer, which stays alive while the slice does), its key, and the entry itself.
 */
export function entryCost(key: string, page: CachedPage): number {
  return page.body.buffer.byteLength + key.length * 2 + ENTRY_OVERHEAD_BYTES
}

/** Least recently used first out, bounded by the bytes it holds. */
export class PullPageCache {
  private readonly pages = new Map<string, { page: CachedPage; cost: number }>()
  private bytes = 0
  /** pages answered from here, for tests and operators */
  hits = 0

  constructor(readonly maxBytes = PULL_PAGE_CACHE_BYTES) {}

  get size(): number { return this.pages.size }
  get heldBytes(): number { return this.bytes }

  /** Whether a page of `rawBytes` of JSON, sent with `encoding`, is worth keeping. */
  worthKeeping(rawBytes: number, encoding: BodyEncoding): boolean {
    return this.maxBytes > 0 && encoding !== 'identity' && rawBytes >= MIN_KEPT_PAGE_BYTES
  }

  get(key: string): CachedPage | undefined {
    const entry = this.pages.get(key)
    if (!entry) return undefined
    this.pages.delete(key)
    this.pages.set(key, entry)
    this.hits++
    return entry.page
  }

  set(key: string, page: CachedPage): void {
    const cost = entryCost(key, page)
    if (cost > this.maxBytes) return
    const old = this.pages.get(key)
    if (old) {
      this.bytes -= old.cost
      this.pages.delete(key)
    }
    this.pages.set(key, { page, cost })
    this.bytes += cost
    for (const [oldest, held] of this.pages) {
      if (this.bytes <= this.maxBytes) break
      this.pages.delete(oldest)
      this.bytes -= held.cost
    }
  }
}
