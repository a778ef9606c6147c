import { Hono } from 'hono'
import { PROTOCOL_VERSION } from '../../shared/sync/protocol'
import type { RouteDeps } from './deps'

export function healthRoutes(deps: RouteDeps) {
  const app = new Hono()
  app.get('/api/health', async (c) => {
    await deps.db.one('SELECT 1 AS ok')
    return c.json({ status: 'ok', protocolVersion: PROTOCOL_VERSION, storage: deps.db.dialect })
  })
  return app
}
