// Entry point: `npx tsx src/server/main.ts`.
// Env: PORT (8080), HOST (0.0.0.0), DATA_DIR (./data), DATABASE_URL (PostgreSQL; embedded SQLite when unset),
// DIST_DIR (./dist), PUBLIC_ORIGIN, TRUST_PROXY=1, HSTS=1, ZHIBU_TEST_HOOKS=1 (tests only).
import { serve } from '@hono/node-server'
import type { AddressInfo } from 'node:net'
import { createApp } from './app'
import { openStorage } from './storage/open'

const SHUTDOWN_GRACE_MS = 10_000

async function main(): Promise<void> {
  const env = process.env
  const port = Number(env.PORT ?? 8080)
  const db = await openStorage({ dataDir: env.DATA_DIR ?? './data', databaseUrl: env.DATABASE_URL || undefined })
  const app = createApp({
    db,
    distDir: env.DIST_DIR ?? 'dist',
    publicOrigin: env.PUBLIC_ORIGIN || undefined,
    trustProxy: env.TRUST_PROXY === '1',
    hsts: env.HSTS === '1',
    testHooks: env.ZHIBU_TEST_HOOKS === '1',
  })
  const server = serve({ fetch: app.fetch, port, hostname: env.HOST ?? '0.0.0.0' }, (info: AddressInfo) => {
    console.log(`支部纪实 server listening on http://${info.address}:${info.port} (storage: ${db.dialect})`)
  })

  let stopping = false
  const shutdown = (signal: string) => {
    if (stopping) return
    stopping = true
    console.log(`${signal}: finishing requests in flight, then stopping`)
    const force = setTimeout(() => {
      console.error('shutdown grace period over; exiting')
      process.exit(1)
    }, SHUTDOWN_GRACE_MS)
    force.unref()
    // close() stops accepting and waits for in-flight requests; keep-alive sockets are closed as soon as they
    // go idle (after their response), not after the keep-alive timeout.
    const closeIdle = () => {
      if ('closeIdleConnections' in server) server.closeIdleConnections()
    }
    const sweeper = setInterval(closeIdle, 50)
    server.close(() => {
      clearInterval(sweeper)
      void db.close().finally(() => process.exit(0))
    })
    closeIdle()
  }
  process.on('SIGTERM', () => shutdown('SIGTERM'))
  process.on('SIGINT', () => shutdown('SIGINT'))
}

main().catch((err: unknown) => {
  console.error(err)
  process.exit(1)
})
