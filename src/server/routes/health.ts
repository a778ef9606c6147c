// Public: is the server up and does its database answer.
import { Hono } from 'hono'
import { API } from '../../shared/api'
import type { HealthResponse } from '../../shared/api/health'
import { PROTOCOL_VERSION } from '../../shared/sync/protocol'
import type { RouteDeps } from './deps'

export function healthRoutes(deps: RouteDeps) {
  return new Hono().get(API.health.path, async (c) => {
    await deps.db.one('SELECT 1 AS ok')
    const body: HealthResponse = { status: 'ok', protocolVersion: PROTOCOL_VERSION, storage: deps.db.dialect }
    return c.json(body, 200)
  })
}
