// Pull pages kept by the process that sent them (src/server/services/pull-page-cache.ts): the same page asked for
// again is answered from memory with the same bytes, a write or a restore is never hidden by it, and a page holding
// a 谈心谈话 is never sent to a reader it was not made for.
import { request } from 'node:http'
import { brotliDecompressSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ENTRY_OVERHEAD_BYTES, entryCost, MIN_KEPT_PAGE_BYTES, PullPageCache } from '../../src/server/services/pull-page-cache'
import { rotateEpoch } from '../../src/server/storage/migrations'
import { PROTOCOL_VERSION } from '../../src/shared/sync/protocol'
import { BACKENDS } from './helpers/backends'
import { Device, activityFields, newId } from './helpers/device'
import { type BranchFixture, setupBranch, startServer, type TestServer } from './helpers/harness'

const page = (n: number) => ({ body: Buffer.alloc(n, 1), encoding: 'br' as const })

describe('the page cache itself', () => {
  it('counts what an entry holds: the whole store behind its body, its key and a fixed overhead', () => {
    expect(entryCost('ab', page(100))).toBe(100 + 4 + ENTRY_OVERHEAD_BYTES)
    const shared = Buffer.alloc(1000)
    expect(entryCost('k', { body: shared.subarray(0, 10), encoding: 'br' })).toBe(1000 + 2 + ENTRY_OVERHEAD_BYTES)
  })

  it('holds at most its bytes, dropping the least recently used page first', () => {
    const one = entryCost('a', page(100))
    const cache = new PullPageCache(3 * one)
    cache.set('a', page(100))
    cache.set('b', page(100))
    cache.set('c', page(100))
    expect(cache.get('a')).toBeDefined() // a is now the most recent
    cache.set('d', page(100))
    expect(cache.get('b')).toBeUndefined()
    expect([cache.get('a'), cache.get('c'), cache.get('d')].every(Boolean)).toBe(true)
    expect(cache.heldBytes).toBe(3 * one)
    expect(cache.hits).toBe(4)
    cache.set('c', page(50)) // replacing a page counts only the new one
    expect(cache.heldBytes).toBe(2 * one + entryCost('c', page(50)))
  })

  it('keeps nothing larger than itself, and nothing at all when its size is 0', () => {
    const cache = new PullPageCache(100)
    cache.set('big', page(101))
    expect(cache.size).toBe(0)
    const off = new PullPageCache(0)
    off.set('a', page(1))
    expect(off.get('a')).toBeUndefined()
    expect(off.heldBytes).toBe(0)
  })

  it('is worth filling only with compressed pages of a first sync\'s size', () => {
    const cache = new PullPageCache()
    expect(cache.worthKeeping(MIN_KEPT_PAGE_BYTES, 'br')).toBe(true)
    expect(cache.worthKeeping(MIN_KEPT_PAGE_BYTES - 1, 'br')).toBe(false)
    expect(cache.worthKeeping(MIN_KEPT_PAGE_BYTES, 'identity')).toBe(false)
    expect(new PullPageCache(0).worthKeeping(MIN_KEPT_PAGE_BYTES, 'gzip')).toBe(false)
  })
})

/** The body as sent: Brotli-compressed unless too small to be worth it. */
function rawGet(url: string, token: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: { Authorization: `Bearer ${token}`, 'Accept-Encoding': 'br' } }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () => {
        const body = Buffer.concat(chunks)
        resolve(res.headers['content-encoding'] === 'br' ? brotliDecompressSync(body) : body)
      })
      res.on('error', reject)
    })
    req.on('error', reject)
    req.end()
  })
}

const LONG_SUMMARY = '学习党章，交流体会，结合岗位实际谈认识、找差距、定措施。'.repeat(30)

interface Row { id: string; version: number; redacted: boolean; data: Record<string, any> } // eslint-disable-line @typescript-eslint/no-explicit-any

describe.each(BACKENDS)('pull pages from the process cache on $name', (backend) => {
  let ts: TestServer
  let branch: BranchFixture
  const cache = new PullPageCache()
  const firstRange = (upTo: number) => `/api/sync/pull?protocolVersion=${PROTOCOL_VERSION}&cursor=0&limit=100&upTo=${upTo}`
  const pulled = async (token: string, path: string) =>
    JSON.parse((await rawGet(ts.url + path, token)).toString('utf8')) as { head: number; rows: Row[] }

  beforeAll(async () => {
    ts = await startServer(backend, { pullPageCache: cache })
    branch = await setupBranch(ts)
    // enough records that a first page is of the size kept (MIN_KEPT_PAGE_BYTES)
    const filler = new Device(branch.secretary)
    for (let i = 0; i < 40; i++) filler.put('activity', newId(), activityFields({ topic: `集中学习${i}`, summary: LONG_SUMMARY }))
    expect((await filler.push()).status).toBe(200)
  })
  afterAll(async () => { await ts?.close() })

  it('sends a second new phone the bytes the first got, and a page read again after a write', async () => {
    const d = new Device(branch.secretary)
    const ids = Array.from({ length: 20 }, () => newId())
    for (const id of ids) d.put('activity', id, activityFields({ topic: '主题党日', summary: LONG_SUMMARY }))
    expect((await d.push()).status).toBe(200)
    await d.pull()
    const token = branch.secretary.token!
    const path = firstRange(d.cursor)
    const first = await rawGet(ts.url + path, token)
    expect(first.length).toBeGreaterThan(MIN_KEPT_PAGE_BYTES)
    const held = cache.size
    const hits = cache.hits
    expect(held).toBeGreaterThan(0)
    expect((await rawGet(ts.url + path, token)).equals(first)).toBe(true)
    expect(cache.size).toBe(held)
    expect(cache.hits).toBe(hits + 1)

    // an edit moves the row past the old range's end and the branch's version on: the same range asked for is
    // read again, without the row, and the row is in the next one
    d.put('activity', ids[0]!, { topic: '改过的主题' })
    expect((await d.push()).status).toBe(200)
    const again = await pulled(token, path)
    expect(again.rows.map((r) => r.id)).not.toContain(ids[0])
    expect(again.rows).toHaveLength((JSON.parse(first.toString('utf8')) as { rows: Row[] }).rows.length - 1)
    const next = await pulled(token, `/api/sync/pull?protocolVersion=${PROTOCOL_VERSION}&cursor=${d.cursor}&limit=100`)
    expect(next.rows.find((r) => r.id === ids[0])?.data.topic).toBe('改过的主题')
  })

  it('keeps a page with a 谈心谈话 per reader: the author and the secretary see it, another member does not', async () => {
    const author = await branch.addMember()
    const other = await branch.addMember()
    const id = newId()
    const d = new Device(author.api)
    d.put('activity', id, activityFields({
      types: ['heartTalk'], topic: '谈心：工作压力', summary: '谈话要点：家庭困难',
      talk: { talker: '张书记', target: '李四', pair: 'committeeMember', mode: '当面', personCount: 2 },
    }))
    expect((await d.push()).body.results[0].status).toBe('applied')
    await d.pull()
    const path = firstRange(d.cursor)
    const hits = cache.hits
    const find = async (token: string) => (await pulled(token, path)).rows.find((r) => r.id === id)
    // the author asks first, so the page is made with the talk in full
    expect((await find(author.api.token!))?.data.summary).toBe('谈话要点：家庭困难')
    const seen = await find(other.api.token!)
    expect(seen?.redacted).toBe(true)
    expect(JSON.stringify(seen)).not.toContain('家庭困难')
    expect((await find(branch.secretary.token!))?.data.talk.target).toBe('李四')
    // and asked again, from the cache, each still gets their own
    expect(JSON.stringify(await find(other.api.token!))).not.toContain('家庭困难')
    expect((await find(author.api.token!))?.redacted).toBe(false)
    expect(cache.hits).toBe(hits + 2)
  })

  it('answers from memory without reading, and reads again once a restore has changed the epoch', async () => {
    const token = branch.secretary.token!
    const path = firstRange((await pulled(token, firstRange(1))).head)
    const before = await pulled(token, path)
    const id = before.rows[0]!.id
    // changed behind the server's back, which only a restore does (and a restore changes the epoch): the page
    // kept is what is sent, so the page was not read again
    await ts.db.run(`UPDATE records SET view_json = REPLACE(view_json, '集中学习', '暗改') WHERE id = $1`, [id])
    expect((await pulled(token, path)).rows[0]!.data.topic).toBe(before.rows[0]!.data.topic)
    const epoch = await rotateEpoch(ts.db)
    const after = (await pulled(token, path)) as unknown as { epoch: string; rows: Row[] }
    expect(after.epoch).toBe(epoch)
    expect(after.rows[0]!.data.topic).toContain('暗改')
  })
})
