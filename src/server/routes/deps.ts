import type { Db } from '../storage/db'
import type { LogLine } from '../http/request-log'
import type { PhotoLimits } from '../services/photos'
import type { PullPageCache } from '../services/pull-page-cache'

export interface AppDeps {
  db: Db
  /** built PWA; default ./dist */
  distDir?: string
  /** clock for sessions, invites and the activity-date bound; default Date.now */
  now?: () => number
  log?: LogLine
  /** absolute origin used in QR codes, e.g. https://zhibu.example.cn; default: the request's origin */
  publicOrigin?: string
  /** honour X-Forwarded-For for rate limits (only behind a trusted proxy) */
  trustProxy?: boolean
  hsts?: boolean
  /** test-only hooks, enabled by the ZHIBU_TEST_HOOKS=1 environment variable in main.ts */
  testHooks?: boolean
  /** photo quotas and the orphan grace period; default DEFAULT_PHOTO_LIMITS (services/photos.ts) */
  photoLimits?: Partial<PhotoLimits>
  /** pull pages already sent, kept for the next phone asking the same; default one of PULL_PAGE_CACHE_BYTES */
  pullPageCache?: PullPageCache
}

export interface RouteDeps {
  db: Db
  now: () => number
  publicOrigin?: string
  trustProxy: boolean
  testHooks: boolean
  photoLimits: PhotoLimits
  pullPageCache?: PullPageCache
}
