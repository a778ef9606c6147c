// The HTTP application: API routes and the built PWA, behind logging, security headers, compression and body
// limits. createApp is separate from main.ts so tests can start it on 127.0.0.1 with port 0.
//
// Routes come in two routers: `publicRoutes` (no session: health, sign-in, joining, an invite's preview) and
// `signedInRoutes`, whose first middleware requires the session for every /api path that reaches it. A route
// added to any router mounted there is protected without further code; tests/server/api-routes.test.ts checks
// that every route outside its public allow-list answers 401 without a session.
import { Hono } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { compress } from 'hono/compress'
import { HTTPException } from 'hono/http-exception'
import { MAX_PUSH_BODY_BYTES } from '../shared/sync/protocol'
import { type AppEnv, requireSession } from './http/context'
import { ApiError, errorResponse } from './http/errors'
import { requestLog } from './http/request-log'
import { isStorageFull, storageFull } from './http/storage-full'
import { securityHeaders } from './http/security'
import { mountStatic } from './http/static'
import { accountRoutes, publicAuthRoutes } from './routes/auth'
import { branchRoutes } from './routes/branch'
import type { AppDeps, RouteDeps } from './routes/deps'
import { healthRoutes } from './routes/health'
import { photoRoutes } from './routes/photos'
import { reportRoutes } from './routes/report'
import { reviewRoutes } from './routes/review'
import { syncRoutes } from './routes/sync'
import { eventRoutes } from './routes/events'
import { DEFAULT_PHOTO_LIMITS } from './services/photos'

export type { AppDeps } from './routes/deps'

const SMALL_BODY_BYTES = 64 * 1024
const tooLarge = () => {
  throw new ApiError(413, 'too_large', '请求内容过大')
}

function publicRoutes(deps: RouteDeps) {
  return new Hono()
    .route('/', healthRoutes(deps))
    .route('/', publicAuthRoutes(deps))
}

function signedInRoutes(deps: RouteDeps) {
  return new Hono<AppEnv>()
    .use('/api/*', requireSession(deps.db, deps.now))
    .route('/', accountRoutes(deps))
    .route('/', branchRoutes(deps))
    .route('/', syncRoutes(deps))
    .route('/', eventRoutes(deps))
    .route('/', photoRoutes(deps))
    .route('/', reportRoutes(deps))
    .route('/', reviewRoutes(deps))
}

export function createApp(deps: AppDeps) {
  const routeDeps: RouteDeps = {
    db: deps.db,
    now: deps.now ?? Date.now,
    publicOrigin: deps.publicOrigin,
    trustProxy: deps.trustProxy ?? false,
    testHooks: deps.testHooks ?? false,
    photoLimits: { ...DEFAULT_PHOTO_LIMITS, ...deps.photoLimits },
    pullPageCache: deps.pullPageCache,
  }
  const app = new Hono()
  app.use(requestLog(deps.log ?? ((line) => console.log(line))))
  app.use(securityHeaders({ hsts: deps.hsts ?? false }))
  app.use(compress())
  app.use('/api/sync/push', bodyLimit({ maxSize: MAX_PUSH_BODY_BYTES, onError: tooLarge }))
  app.use('/api/*', async (c, next) => {
    const path = new URL(c.req.url).pathname
    if (path === '/api/sync/push' || path.startsWith('/api/photos/')) return next()
    return bodyLimit({ maxSize: SMALL_BODY_BYTES, onError: tooLarge })(c, next)
  })
  // Public routes first: the session middleware below answers every /api request that gets past them.
  const routed = app
    .route('/', publicRoutes(routeDeps))
    .route('/', signedInRoutes(routeDeps))
  mountStatic(app, deps.distDir ?? 'dist')

  app.notFound((c) => errorResponse(c, new ApiError(404, 'not_found', '未找到')))
  app.onError((err, c) => {
    if (err instanceof ApiError) return errorResponse(c, err)
    if (isStorageFull(err)) {
      console.error(`storage full: ${err.message}`)
      return errorResponse(c, storageFull())
    }
    if (err instanceof HTTPException) return errorResponse(c, new ApiError(err.status === 413 ? 413 : 400, 'bad_request', '请求无效'))
    console.error(err)
    return errorResponse(c, new ApiError(500, 'internal', '服务器出错，请稍后重试'))
  })
  return routed
}

/** The API's routes and types, for the typed client (`hc<AppType>` in src/client/sync/http.ts). */
export type AppType = ReturnType<typeof createApp>
