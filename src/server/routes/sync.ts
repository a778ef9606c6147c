// Push and pull. Mounted behind the session (app.ts).
import { Hono, type TypedResponse } from 'hono'
import { API } from '../../shared/api'
import type { PullResponse, PushResponse } from '../../shared/sync/protocol'
import { chooseEncoding, sendEncoded } from '../http/compressedJson'
import type { AppEnv } from '../http/context'
import { validated } from '../http/validate'
import { checkProtocolVersion } from '../services/protocol-version'
import { pullEncoded } from '../services/pull'
import { PullPageCache } from '../services/pull-page-cache'
import { push } from '../services/push'
import type { RouteDeps } from './deps'

/** Checked before the shape: an old client's body may not match today's schema, and is told to update. */
function protocolFirst(raw: unknown): void {
  const version = typeof raw === 'object' && raw !== null ? (raw as { protocolVersion?: unknown }).protocolVersion : undefined
  if (typeof version === 'number') checkProtocolVersion(version)
}

export function syncRoutes(deps: RouteDeps) {
  const { db, now } = deps
  // This process's pages as sent, for the next phone asking the same (services/pull-page-cache.ts).
  const pages = deps.pullPageCache ?? new PullPageCache()
  return new Hono<AppEnv>()
    .post(API.push.path, validated('json', API.push.json, { before: protocolFirst }), async (c) => {
      const crash = deps.testHooks && c.req.header('x-test-crash') === 'after-commit'
      const hooks = crash ? { afterCommit: () => process.kill(process.pid, 'SIGKILL') } : {}
      const body: PushResponse = await push(db, c.get('principal'), c.req.valid('json'), now(), hooks)
      return c.json(body, 200)
    })
    .get(API.pull.path, validated('query', API.pull.query), async (c) => {
      const query = c.req.valid('query')
      checkProtocolVersion(query.protocolVersion)
      // Put together from each record's stored JSON (services/pull.ts); the client reads it with the same schema.
      // Compressed here, br before gzip (http/compressedJson.ts).
      const accepted = chooseEncoding(c.req.header('Accept-Encoding'))
      const body = await pullEncoded(db, c.get('principal'), query, accepted, pages)
      return sendEncoded(c, body) as unknown as TypedResponse<PullResponse, 200, 'json'>
    })
}
