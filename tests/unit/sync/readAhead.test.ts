// Catching up: pull pages are read ahead while earlier ones are written (src/client/sync/pageReader.ts), pages that
// arrived together are written in one transaction (applyPullPages), a failure part-way keeps what was written,
// and a cursor that moved under a write makes it write nothing.
import { describe, expect, it } from 'vitest'
import { listAllActivities, useDatabase } from '@client/db'
import { getDb } from '@client/db/connection'
import { META_KEYS } from '@client/db/metaKeys'
import { applyPullPages, readSyncPosition } from '@client/db/sync'
import { pullAll } from '@client/sync/engine'
import { RANGES_AT_ONCE, READ_AHEAD_PAGES, readPagesAhead } from '@client/sync/pageReader'
import type { ServerClient } from '@client/sync/http'
import { MAX_PULL_LIMIT, type PullPage } from '@shared/sync/protocol'
import { Device, activityFields, newId } from '../../server/helpers/device'
import { setupBranch } from '../../server/helpers/harness'
import { signInAs, useRealServer } from './realServer'

const server = useRealServer()
let phones = 0

function page(cursor: number, hasMore: boolean, rows: PullPage['rows'] = []): PullPage {
  return { reset: false, protocolVersion: 1, epoch: 'e', branchId: 'b', cursor, hasMore, rows }
}

describe('reading pull pages ahead', () => {
  it('asks a server that gives no head for each page from where the one before ended, and hands over all that arrived at once', async () => {
    const asked: [number, string | null, number, number | undefined][] = []
    const reader = readPagesAhead(async (cursor, epoch, limit, upTo) => {
      asked.push([cursor, epoch, limit, upTo])
      return page(cursor + 10, cursor + 10 < 33)
    }, { cursor: 3, epoch: 'e' }, { first: 5, next: 10 })
    await new Promise((resolve) => setTimeout(resolve, 10))
    const taken = await reader.take()
    expect(taken.map((p) => (p.reset ? -1 : p.cursor))).toEqual([13, 23, 33])
    expect(asked).toEqual([[3, 'e', 5, undefined], [13, 'e', 10, undefined], [23, 'e', 10, undefined]])
  })

  /** A server holding versions 1..head: a range (cursor, upTo] comes whole and ends at the head at most. */
  function rangeServer(head: number, delay: (upTo: number | undefined) => number = () => 1) {
    const asked: [number, number | undefined][] = []
    let open = 0
    let mostOpen = 0
    const fetchPage = async (cursor: number, _epoch: string | null, limit: number, upTo?: number) => {
      asked.push([cursor, upTo])
      open++
      mostOpen = Math.max(mostOpen, open)
      await new Promise((resolve) => setTimeout(resolve, delay(upTo)))
      open--
      const end = Math.min(upTo ?? cursor + limit, head)
      return { ...page(Math.max(end, cursor), end < head), head }
    }
    return { fetchPage, asked, mostOpen: () => mostOpen }
  }

  async function takeAll(reader: ReturnType<typeof readPagesAhead>): Promise<number[]> {
    const cursors: number[] = []
    for (;;) {
      const taken = await reader.take()
      cursors.push(...taken.map((p) => (p.reset ? -1 : p.cursor)))
      const last = taken[taken.length - 1]!
      if (last.reset || !last.hasMore) return cursors
    }
  }

  it('asks for the ranges up to the head several at once, and hands them over in order whatever order they come back in', async () => {
    // later ranges answer sooner
    const server = rangeServer(95, (upTo) => (upTo === undefined ? 1 : 40 - (upTo / 10)))
    const reader = readPagesAhead(server.fetchPage, { cursor: 5, epoch: 'e' }, { first: 5, next: 30 })
    expect(await takeAll(reader)).toEqual([10, 40, 70, 95])
    expect(server.asked).toEqual([[5, undefined], [10, 40], [40, 70], [70, 95]])
    expect(server.mostOpen()).toBe(RANGES_AT_ONCE)
  })

  it('on a first sync asks for ranges from the start, before any page has said the head, and stops at the last', async () => {
    const server = rangeServer(45, (upTo) => 40 - ((upTo ?? 0) / 10))
    const reader = readPagesAhead(server.fetchPage, { cursor: 0, epoch: null }, { first: 10, next: 30 })
    expect(await takeAll(reader)).toEqual([10, 40, 45])
    // three at once from the start; none past the head once a page has said it
    expect(server.asked).toEqual([[0, 10], [10, 40], [40, 70]])
    expect(server.mostOpen()).toBe(RANGES_AT_ONCE)
  })

  it('on a first sync of a small branch hands over nothing past the page that says it is the last', async () => {
    const server = rangeServer(4)
    const reader = readPagesAhead(server.fetchPage, { cursor: 0, epoch: null }, { first: 10, next: 30 })
    await new Promise((resolve) => setTimeout(resolve, 20))
    const taken = await reader.take()
    expect(taken.map((p) => (p.reset ? -1 : p.cursor))).toEqual([4])
    expect(server.asked).toEqual([[0, 10], [10, 40], [40, 70]])
  })

  it('on a first sync drops an answer to a blind range that is a reset or of another epoch, and asks again from what was written', async () => {
    // (40, 70] was answered before a push moved the head past 40: cursor_ahead, not this phone's position
    const asked: [number, string | null, number | undefined][] = []
    const reader = readPagesAhead(async (cursor, epoch, _limit, upTo) => {
      asked.push([cursor, epoch, upTo])
      await new Promise((resolve) => setTimeout(resolve, 1))
      if (upTo === 70) return { reset: true, protocolVersion: 1, epoch: 'e', branchId: 'b', reason: 'cursor_ahead' } as const
      if (upTo === undefined) return { ...page(45, false), head: 45 }
      return { ...page(upTo, true), head: 45 }
    }, { cursor: 0, epoch: null }, { first: 10, next: 30 })
    expect(await takeAll(reader)).toEqual([10, 40, 45])
    expect(asked).toEqual([[0, null, 10], [10, null, 40], [40, null, 70], [40, 'e', undefined]])

    // the server was restored between the first range and the second: its answer is not delivered; the next page,
    // asked with the first page's epoch, is told the epoch changed
    const restored = readPagesAhead(async (cursor, epoch, _limit, upTo) => {
      await new Promise((resolve) => setTimeout(resolve, upTo === 10 ? 1 : 5))
      if (epoch === 'e') return { reset: true, protocolVersion: 1, epoch: 'e2', branchId: 'b', reason: 'epoch_changed' } as const
      return { ...page(upTo ?? cursor + 30, true), head: 100, epoch: upTo === 10 ? 'e' : 'e2' }
    }, { cursor: 0, epoch: null }, { first: 10, next: 30 })
    const answers: string[] = []
    for (;;) {
      const taken = await restored.take()
      answers.push(...taken.map((p) => (p.reset ? p.reason : `${p.epoch}@${p.cursor}`)))
      if (taken.some((p) => p.reset)) break
    }
    expect(answers).toEqual(['e@10', 'epoch_changed'])
  })

  it('on a first sync from a server that gives no head, goes on page by page from the first answer, without a gap', async () => {
    const asked: [number, number | undefined][] = []
    // an older server ignores upTo: each answer is `limit` rows past the cursor, 2 versions apart (holes)
    const reader = readPagesAhead(async (cursor, _epoch, limit, upTo) => {
      asked.push([cursor, upTo])
      await new Promise((resolve) => setTimeout(resolve, 1))
      const end = Math.min(cursor + 2 * limit, 70)
      return page(end, end < 70)
    }, { cursor: 0, epoch: null }, { first: 10, next: 10 })
    expect(await takeAll(reader)).toEqual([20, 40, 60, 70])
    expect(asked.slice(0, 3)).toEqual([[0, 10], [10, 20], [20, 30]])
    expect(asked.slice(3)).toEqual([[20, undefined], [40, undefined], [60, undefined]])
  })

  it(`keeps at most ${READ_AHEAD_PAGES} pages waiting, and stops when told`, async () => {
    let asked = 0
    const reader = readPagesAhead(async (cursor) => { asked++; return page(cursor + 1, true) }, { cursor: 1, epoch: 'e' }, { first: 1, next: 1 })
    await new Promise((resolve) => setTimeout(resolve, 10))
    expect(asked).toBe(READ_AHEAD_PAGES)
    expect(await reader.take()).toHaveLength(READ_AHEAD_PAGES)
    await new Promise((resolve) => setTimeout(resolve, 10))
    expect(asked).toBe(2 * READ_AHEAD_PAGES)
    reader.stop()
    await reader.take()
    await new Promise((resolve) => setTimeout(resolve, 10))
    expect(asked).toBe(2 * READ_AHEAD_PAGES)
  })

  it('hands over the pages read before a failure, then the failure', async () => {
    const reader = readPagesAhead(async (cursor) => {
      if (cursor === 2) throw new TypeError('Failed to fetch')
      return page(cursor + 1, true)
    }, { cursor: 0, epoch: 'e' }, { first: 1, next: 1 })
    await new Promise((resolve) => setTimeout(resolve, 10))
    expect(await reader.take()).toHaveLength(2)
    await expect(reader.take()).rejects.toThrow('Failed to fetch')
  })

  it('writes nothing when the stored cursor is no longer the one the pages were asked from', async () => {
    useDatabase(`read-ahead-${process.pid}-${++phones}`)
    const row = { entity: 'activity' as const, id: newId(), version: 3, deleted: false, redacted: false, data: activityFields({ topic: '不该写入' }) }
    expect(await applyPullPages([page(3, false, [row])], 2)).toBe(false)
    expect(await listAllActivities()).toHaveLength(0)
    expect((await readSyncPosition()).cursor).toBe(0)
    expect(await applyPullPages([page(3, false, [row])], 0)).toBe(true)
    expect((await listAllActivities()).map((a) => a.topic)).toEqual(['不该写入'])
  })
})

describe('a phone catching up against a real server', () => {
  const RECORDS = 2 * MAX_PULL_LIMIT + 500

  async function branchWithRecords() {
    const branch = await setupBranch(server.ts)
    for (let start = 0; start < RECORDS; start += 500) {
      const d = new Device(branch.secretary)
      for (let i = start; i < Math.min(RECORDS, start + 500); i++) d.put('activity', newId(), activityFields({ topic: `第${i}条` }))
      expect((await d.push()).status).toBe(200)
    }
    return branch
  }

  /** The client, counting pulls (their cursors); the pull numbered `failAt` fails as a lost connection does. */
  function phoneClient(options: { failAt?: number }): { client: ServerClient; pulls: number[] } {
    const pulls: number[] = []
    const fetcher: typeof fetch = async (input, init) => {
      const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url)
      if (url.pathname === '/api/sync/pull') {
        pulls.push(Number(url.searchParams.get('cursor')))
        if (pulls.length === options.failAt) throw new TypeError('Failed to fetch')
      }
      return globalThis.fetch(input, init)
    }
    return { client: { baseUrl: server.ts.url, fetch: fetcher }, pulls }
  }

  it('gets every record once, and a connection lost part-way keeps the pages written before it', async () => {
    const branch = await branchWithRecords()
    useDatabase(`read-ahead-${process.pid}-${++phones}`)
    const token = branch.secretary.token as string
    await signInAs(server.ts, token)

    // Count the transactions that moved the cursor: pages that arrived together share one.
    const cursorWrites = new Set<unknown>()
    getDb().meta.hook('creating', function (key, _obj, tx) { if (key === META_KEYS.cursor) cursorWrites.add(tx) })
    getDb().meta.hook('updating', function (_mods, key, _obj, tx) { if (key === META_KEYS.cursor) cursorWrites.add(tx) })

    const failing = phoneClient({ failAt: 3 })
    await expect(pullAll(failing.client, token)).rejects.toThrow()
    const kept = await listAllActivities()
    expect(kept).toHaveLength(2 * MAX_PULL_LIMIT)
    const cursor = (await readSyncPosition()).cursor
    expect(cursor).toBe(Math.max(...kept.map((a) => a.serverVersion ?? 0)))

    const again = phoneClient({})
    const result = await pullAll(again.client, token)
    expect(result).toEqual({ pulled: RECORDS - 2 * MAX_PULL_LIMIT, reset: false })
    expect(again.pulls[0]).toBe(cursor)
    const all = await listAllActivities()
    expect(all).toHaveLength(RECORDS)
    expect(new Set(all.map((a) => a.topic)).size).toBe(RECORDS)
    // never more commits than pages, and each one left the cursor at a page's end
    expect(cursorWrites.size).toBeGreaterThanOrEqual(2)
    expect(cursorWrites.size).toBeLessThanOrEqual(failing.pulls.length - 1 + again.pulls.length)
  })
})
