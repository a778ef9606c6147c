// Entry point: `npx tsx src/server/main.ts`. The environment it reads is described in env.ts.
import { createApp } from './app'
import { PullPageCache } from './services/pull-page-cache'
import { serverEnvOrExit } from './env'
import { listen } from './listen'
import { photoLimitsOf } from './services/photos'
import { changeFeedOf } from './services/change-feed'
import { openStorage } from './storage/open'

const SHUTDOWN_GRACE_MS = 10_000

async function main(): Promise<void> {
  const env = serverEnvOrExit()
  const db = await openStorage({ dataDir: env.dataDir, databaseUrl: env.databaseUrl, preparedStatements: env.pgPreparedStatements })
  const app = createApp({
    db,
    distDir: env.distDir,
    publicOrigin: env.publicOrigin,
    trustProxy: env.trustProxy,
    hsts: env.hsts,
    testHooks: env.testHooks,
    photoLimits: photoLimitsOf(env),
    pullPageCache: new PullPageCache(env.pullPageCacheMb * 1024 * 1024),
  })
  const { server, address, protocol } = await listen({
    fetch: app.fetch, port: env.port, host: env.host, tls: env.tls, maxConnectionsPerAddress: env.maxConnectionsPerAddress,
  })
  console.log(`支部纪实 server listening on ${protocol}://${address.address}:${address.port} (storage: ${db.dialect})`)
  if (protocol === 'http' && !env.trustProxy) {
    console.log('提示：手机只有通过 HTTPS 打开才能离线使用。请设置 TLS_CERT/TLS_KEY，或放在反向代理之后（TRUST_PROXY=1），见 docs/deploy.md')
  }

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
    // phones' open event streams (routes/events.ts) end now; they reconnect to another process or after the restart
    changeFeedOf(db).endAllStreams()
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
