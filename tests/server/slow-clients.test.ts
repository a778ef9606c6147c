// Slow clients: 2,000 stalled sockets (half-sent headers, half-sent bodies) from two addresses do not stop others
// from being served, and every stalled socket is closed within 30 s.
import { connect, type Socket } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../../src/server/app'
import { listen, type BranchServer } from '../../src/server/listen'
import type { Db } from '../../src/server/storage/db'
import { BACKENDS } from './helpers/backends'

describe('slow clients', () => {
  let server: BranchServer
  let port = 0
  let db: Db
  let cleanup: () => Promise<void>

  beforeAll(async () => {
    const opened = await BACKENDS[0]!.open()
    db = opened.db
    cleanup = opened.cleanup
    const started = await listen({ fetch: createApp({ db, log: () => undefined, distDir: '/nonexistent' }).fetch, port: 0, host: '127.0.0.1' })
    server = started.server
    port = started.address.port
  })
  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()))
    await cleanup()
  })

  function stalled(localAddress: string, first: string): Promise<{ socket: Socket; closed: Promise<number> }> {
    return new Promise((resolve) => {
      const socket = connect({ host: '127.0.0.1', port, localAddress })
      const closed = new Promise<number>((done) => socket.once('close', () => done(Date.now())))
      socket.on('error', () => undefined)
      socket.resume() // read (and drop) what the server answers, so its closing is seen
      socket.once('connect', () => {
        socket.write(first)
        resolve({ socket, closed })
      })
      socket.once('close', () => resolve({ socket, closed }))
    })
  }

  it('serves others while 2,000 sockets stall, and closes the stalled ones within 30 s', async () => {
    const started = Date.now()
    const headerStalls = Array.from({ length: 1000 }, () => stalled('127.0.0.2', 'GET /api/health HTTP/1.1\r\nHost: branch.test\r\nX-Slow: '))
    const bodyStalls = Array.from({ length: 1000 }, () => stalled('127.0.0.3',
      'POST /api/auth/signin HTTP/1.1\r\nHost: branch.test\r\nContent-Type: application/json\r\nContent-Length: 5000\r\n\r\n{"username":'))
    const sockets = await Promise.all([...headerStalls, ...bodyStalls])
    for (let i = 0; i < 5; i++) {
      const res = await fetch(`http://127.0.0.1:${port}/api/health`)
      expect(res.status).toBe(200)
    }
    const closedAt = await Promise.all(sockets.map((s) => s.closed))
    const slowest = Math.max(...closedAt) - started
    expect(slowest).toBeLessThan(30_000)
    expect((await fetch(`http://127.0.0.1:${port}/api/health`)).status).toBe(200)
  }, 60_000)
})
