// Pull pages are compressed by the route itself (src/server/http/compressedJson.ts): Brotli when the phone offers
// it, else gzip, else as they are; a small answer (an idle poll) is never compressed. Read here as raw bytes, so a
// wrong Content-Encoding or length cannot be hidden by fetch decoding the body itself.
import { request } from 'node:http'
import { brotliDecompressSync, gunzipSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { chooseEncoding, COMPRESS_THRESHOLD_BYTES } from '../../src/server/http/compressedJson'
import { PROTOCOL_VERSION } from '../../src/shared/sync/protocol'
import { BACKENDS } from './helpers/backends'
import { Device, activityFields, newId } from './helpers/device'
import { type BranchFixture, setupBranch, startServer, type TestServer } from './helpers/harness'

interface RawReply { status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }

function rawGet(url: string, headers: Record<string, string>): Promise<RawReply> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }))
      res.on('error', reject)
    })
    req.on('error', reject)
    req.end()
  })
}

describe('choosing the encoding from Accept-Encoding', () => {
  it('prefers br, falls back to gzip, honours q-values and *, and sends identity otherwise', () => {
    expect(chooseEncoding('gzip, deflate, br, zstd')).toBe('br') // Chromium on HTTPS and localhost
    expect(chooseEncoding('gzip, deflate')).toBe('gzip')
    expect(chooseEncoding('br;q=0, gzip')).toBe('gzip')
    expect(chooseEncoding('gzip;q=1, br;q=0.5')).toBe('gzip')
    expect(chooseEncoding('*')).toBe('br')
    expect(chooseEncoding('*;q=0.1, br;q=0')).toBe('gzip')
    expect(chooseEncoding('identity')).toBe('identity')
    expect(chooseEncoding('deflate')).toBe('identity')
    expect(chooseEncoding('')).toBe('identity')
    expect(chooseEncoding(undefined)).toBe('identity')
  })
})

describe.each(BACKENDS)('pull page encoding on $name', (backend) => {
  let ts: TestServer
  let branch: BranchFixture
  let token = ''
  let head = 0

  beforeAll(async () => {
    ts = await startServer(backend)
    branch = await setupBranch(ts)
    token = branch.secretary.token!
    const d = new Device(branch.secretary)
    for (let i = 0; i < 12; i++) d.put('activity', newId(), activityFields({ topic: `第${i + 1}次主题党日`, summary: '学习党章，交流体会。'.repeat(5) }))
    expect((await d.push()).status).toBe(200)
    await d.pull()
    head = d.cursor
  })
  afterAll(async () => { await ts?.close() })

  const pagePath = () => `/api/sync/pull?protocolVersion=${PROTOCOL_VERSION}&cursor=0&limit=100`
  const get = (path: string, acceptEncoding?: string) =>
    rawGet(ts.url + path, { Authorization: `Bearer ${token}`, ...(acceptEncoding === undefined ? {} : { 'Accept-Encoding': acceptEncoding }) })

  it('sends a page as it is to a client that accepts no encoding, with its length', async () => {
    const plain = await get(pagePath())
    expect(plain.status).toBe(200)
    expect(plain.headers['content-encoding']).toBeUndefined()
    expect(Number(plain.headers['content-length'])).toBe(plain.body.length)
    expect(plain.body.length).toBeGreaterThan(COMPRESS_THRESHOLD_BYTES)
    const page = JSON.parse(plain.body.toString('utf8'))
    expect(page.rows).toHaveLength(12)
    expect(page.rows[0].data.summary).toContain('学习党章')
  })

  it('compresses a page with Brotli for a browser, and with gzip for a client without it: the same JSON', async () => {
    const plain = JSON.parse((await get(pagePath())).body.toString('utf8'))
    const br = await get(pagePath(), 'gzip, deflate, br, zstd')
    expect(br.status).toBe(200)
    expect(br.headers['content-encoding']).toBe('br')
    expect(String(br.headers.vary)).toMatch(/accept-encoding/i)
    expect(br.headers['content-type']).toMatch(/^application\/json/)
    expect(Number(br.headers['content-length'])).toBe(br.body.length)
    expect(JSON.parse(brotliDecompressSync(br.body).toString('utf8'))).toEqual(plain)

    const gz = await get(pagePath(), 'gzip, deflate')
    expect(gz.headers['content-encoding']).toBe('gzip')
    expect(JSON.parse(gunzipSync(gz.body).toString('utf8'))).toEqual(plain)
    expect(br.body.length).toBeLessThan(gz.body.length)
  })

  it('answers an idle poll uncompressed, and fetch reads every form the same', async () => {
    const idle = await get(`/api/sync/pull?protocolVersion=${PROTOCOL_VERSION}&cursor=${head}&limit=100`, 'gzip, br')
    expect(idle.status).toBe(200)
    expect(idle.headers['content-encoding']).toBeUndefined()
    expect(JSON.parse(idle.body.toString('utf8'))).toMatchObject({ rows: [], cursor: head, hasMore: false })
    const viaFetch = await branch.secretary.get(pagePath())
    expect(viaFetch.status).toBe(200)
    expect(viaFetch.body.rows).toHaveLength(12)
  })
})
