// Pull pages read ahead of the writes: while engine.ts writes what has arrived, the next pages are already being
// fetched, so a phone catching up waits on the network only for the first page. A page says the branch's version
// it was read at (`head`); everything up to it is then asked for as ranges of versions, RANGES_AT_ONCE at a time
// (the server answers each range whole, src/shared/sync/protocol.ts), and handed over in order. A first sync
// (cursor 0) asks for ranges from the start, before the head is known. Past the head, or from a server that gives
// no head, each page is asked for from the cursor the one before it ended at.
// At most READ_AHEAD_PAGES wait in memory, counting those on their way.
import type { PullPage, PullResponse } from '@shared/sync/protocol'

/** Pages waiting to be written or on their way, at most (with MAX_PULL_LIMIT rows each, a few MB). */
export const READ_AHEAD_PAGES = 4
/** Ranges asked for at once: the server answers them side by side while the phone parses and writes. */
export const RANGES_AT_ONCE = 3

export interface PageReader {
  /**
   * Every page that has arrived and is waiting, in order (waits for at least one). Stops at a reset answer or the
   * last page. Throws the read's failure once the pages before it have been taken.
   */
  take(): Promise<PullResponse[]>
  /** No more pages are wanted: the reader stops; answers still on their way are dropped. */
  stop(): void
}

export type FetchPage = (cursor: number, epoch: string | null, limit: number, upTo?: number) => Promise<PullResponse>

export function readPagesAhead(fetchPage: FetchPage, from: { cursor: number; epoch: string | null },
  limits: { first: number; next: number }): PageReader {
  const arrived: PullResponse[] = []
  let inFlight = 0
  let failure: { error: unknown } | null = null
  let stopped = false
  let wakeTaker: (() => void) | null = null
  let wakeReader: (() => void) | null = null
  const wake = () => { wakeTaker?.(); wakeTaker = null }
  const deliver = (page: PullResponse) => { arrived.push(page); wake() }
  const room = async () => {
    while (arrived.length + inFlight >= READ_AHEAD_PAGES && !stopped) await new Promise<void>((resolve) => { wakeReader = resolve })
  }
  const ask = (cursor: number, epoch: string | null, limit: number, upTo?: number) => {
    inFlight++
    const answer = fetchPage(cursor, epoch, limit, upTo).finally(() => { inFlight-- })
    answer.catch(() => undefined) // awaited in order below; one failing while an earlier one is awaited is not lost
    return answer
  }

  /**
   * Ranges from `cursor` in steps of `width` (the first `firstWidth` wide), several on their way at once, handed
   * over in order; the last page delivered is returned. Up to `head` when it is known. Without it (a first sync,
   * before any page has said the head) they are asked for blind, and delivery stops at the first page that says
   * nothing more is left: later answers are dropped, so the cursor never passes what was written. A page without a
   * head (a server from before ranges) also ends it; the caller goes on page by page from there. So does an answer
   * to a blind range that is a reset or of another epoch: it was asked before the phone knew where the branch
   * stands (past a head that had not moved yet, without the epoch), so it is dropped and the next page, asked from
   * the last one written and with its epoch, gets the true answer.
   */
  async function readRanges(cursor: number, head: number | undefined, epoch: string | null, firstWidth: number,
    width: number): Promise<PullResponse | null> {
    const queue: { answer: Promise<PullResponse>; blind: boolean }[] = []
    let next = cursor
    let step = firstWidth
    let last: PullResponse | null = null
    const more = () => head === undefined || next < head
    while (more() || queue.length > 0) {
      while (more() && queue.length < RANGES_AT_ONCE && arrived.length + inFlight < READ_AHEAD_PAGES && !stopped) {
        const to = head === undefined ? next + step : Math.min(next + step, head)
        queue.push({ answer: ask(next, epoch, step, to), blind: head === undefined })
        next = to
        step = width
      }
      if (stopped) return null
      if (queue.length === 0) { await room(); continue }
      const { answer, blind } = queue.shift()!
      const page = await answer
      if (stopped) return null
      if (blind && last !== null && (page.reset || page.epoch !== last.epoch)) return last
      deliver(page)
      last = page
      if (page.reset || !page.hasMore || page.head === undefined) return page
      head ??= page.head // no more asked for blind past it
    }
    return last
  }

  void (async () => {
    let cursor = from.cursor
    let epoch = from.epoch
    let limit = limits.first
    if (cursor === 0) {
      // Everything is to come: no need to wait for a first page to learn the head before asking for the next.
      const last = await readRanges(0, undefined, epoch, limits.first, limits.next)
      if (!last || last.reset || !last.hasMore) return
      cursor = last.cursor
      epoch = last.epoch
      limit = limits.next
    }
    for (;;) {
      await room()
      if (stopped) return
      const page = await ask(cursor, epoch, limit)
      if (stopped) return
      deliver(page)
      if (page.reset || !page.hasMore) return
      cursor = page.cursor
      epoch = page.epoch
      limit = limits.next
      if (page.head !== undefined && page.head > cursor) {
        const last = await readRanges(cursor, page.head, page.epoch, limits.next, limits.next)
        if (!last || last.reset || !last.hasMore) return
        cursor = (last as PullPage).cursor
        epoch = last.epoch
      }
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
