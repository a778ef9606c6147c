// Pull pages as sent (compressed), kept in this process's memory so the same page asked for again is not read
// from the database and compressed again. That is what a first sync is: every new phone of a branch (members
// installing the app together at a branch meeting, a phone restored or replaced) asks for the same version ranges
// from 0 (client/sync/pageReader.ts), and reading and compressing a page of 1,000 records is most of the server's
// work for it.
//
// A page's content is fixed by what its key holds (pullPageKey): the branch, the server's epoch, where retention
// starts, the branch's version it is read at, and the page asked for. Every write moves the branch's version
// (push.ts) and a restore changes the epoch, so a cached page is never served after a change that would alter it.
// A page holding a 谈心谈话 that some readers may not see is kept per reader class instead (readerClass).
// Nothing here is shared between processes; each process fills its own, and none needs another's to be right.
import type { BodyEncoding } from '../http/compressedJson'
import type { Reader } from './records'

export interface CachedPage {
  body: Buffer
  encoding: BodyEncoding
}

/** About 2,000 compressed pages of 1,000 records (~32 kB each with br). */
export const PULL_PAGE_CACHE_BYTES = 64 * 1024 * 1024

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

/** Who sees the same page when it holds a 谈心谈话 that is withheld from some (records.ts hiddenFrom). */
export function readerClass(reader: Reader): string {
  return reader.role === 'secretary' ? 'secretary' : `user:${reader.userId}`
}

/** Least recently used first out, bounded by the bytes it holds. */
export class PullPageCache {
  private readonly pages = new Map<string, CachedPage>()
  private bytes = 0

  constructor(readonly maxBytes = PULL_PAGE_CACHE_BYTES) {}

  get size(): number { return this.pages.size }
  get heldBytes(): number { return this.bytes }

  get(key: string): CachedPage | undefined {
    const page = this.pages.get(key)
    if (!page) return undefined
    this.pages.delete(key)
    this.pages.set(key, page)
    return page
  }

  set(key: string, page: CachedPage): void {
    if (page.body.length > this.maxBytes) return
    const old = this.pages.get(key)
    if (old) {
      this.bytes -= old.body.length
      this.pages.delete(key)
    }
    this.pages.set(key, page)
    this.bytes += page.body.length
    for (const [oldest, held] of this.pages) {
      if (this.bytes <= this.maxBytes) break
      this.pages.delete(oldest)
      this.bytes -= held.body.length
    }
  }
}
