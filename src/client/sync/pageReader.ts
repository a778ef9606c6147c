// Pull pages read one after another, ahead of the writes: while engine.ts writes what has arrived, the next pages
// are already being fetched, so a phone catching up waits on the network only for the first page. Each page is
// asked for from the cursor the page before it ended at. At most READ_AHEAD_PAGES wait in memory.
import type { PullResponse } from '@shared/sync/protocol'

/** Pages waiting to be written at most (with MAX_PULL_LIMIT rows each, a few MB). */
export const READ_AHEAD_PAGES = 4

export interface PageReader {
  /**
   * Every page that has arrived and is waiting, in order (waits for at least one). Stops at a reset answer or the
   * last page. Throws the read's failure once the pages before it have been taken.
   */
  take(): Promise<PullResponse[]>
  /** No more pages are wanted: the reader stops after the fetch in flight, whose answer is dropped. */
  stop(): void
}

export function readPagesAhead(
  fetchPage: (cursor: number, epoch: string | null, limit: number) => Promise<PullResponse>,
  from: { cursor: number; epoch: string | null },
  limits: { first: number; next: number },
): PageReader {
  const arrived: PullResponse[] = []
  let failure: { error: unknown } | null = null
  let stopped = false
  let wakeTaker: (() => void) | null = null
  let wakeReader: (() => void) | null = null
  const wake = () => { wakeTaker?.(); wakeTaker = null }

  void (async () => {
    let cursor = from.cursor
    let epoch = from.epoch
    let limit = limits.first
    for (;;) {
      while (arrived.length >= READ_AHEAD_PAGES && !stopped) await new Promise<void>((resolve) => { wakeReader = resolve })
      if (stopped) return
      const page = await fetchPage(cursor, epoch, limit)
      if (stopped) return
      arrived.push(page)
      wake()
      if (page.reset || !page.hasMore) return
      cursor = page.cursor
      epoch = page.epoch
      limit = limits.next
    }
  })().catch((error: unknown) => {
    failure = { error }
    wake()
  })

  return {
    async take() {
      while (arrived.length === 0) {
        if (failure) throw failure.error
        await new Promise<void>((resolve) => { wakeTaker = resolve })
      }
      const pages = arrived.splice(0, arrived.length)
      wakeReader?.()
      wakeReader = null
      return pages
    },
    stop() {
      stopped = true
      wakeReader?.()
      wakeReader = null
    },
  }
}
