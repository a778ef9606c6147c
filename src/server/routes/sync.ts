// Push and pull.
import { Hono } from 'hono'
import { DEFAULT_PULL_LIMIT, pullQuerySchema, pushRequestSchema } from '../../shared/sync/protocol'
import { type AppEnv, requireSession } from '../http/context'
import { badRequest } from '../http/errors'
import { parseWith, readJson } from '../http/validate'
import { checkProtocolVersion } from '../services/protocol-version'
import { pull } from '../services/pull'
import { push } from '../services/push'
import type { RouteDeps } from './deps'

function queryNumber(value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback
  if (!/^\d{1,15}$/.test(value)) throw badRequest('参数必须是非负整数')
  return Number(value)
}

export function syncRoutes(deps: RouteDeps) {
  const { db, now } = deps
  const app = new Hono<AppEnv>()
  app.use('/api/sync/*', requireSession(db, now))
  app.post('/api/sync/push', async (c) => {
    const raw = await readJson(c)
    // Check the protocol before the shape: an old client's body may not match today's schema.
    const version = (raw as { protocolVersion?: unknown } | null)?.protocolVersion
    if (typeof version === 'number') checkProtocolVersion(version)
    const body = parseWith(pushRequestSchema, raw)
    const crash = deps.testHooks && c.req.header('x-test-crash') === 'after-commit'
    const hooks = crash ? { afterCommit: () => process.kill(process.pid, 'SIGKILL') } : {}
    return c.json(await push(db, c.get('principal'), body, now(), hooks))
  })
  app.get('/api/sync/pull', async (c) => {
    const query = parseWith(pullQuerySchema, {
      protocolVersion: queryNumber(c.req.query('protocolVersion'), -1),
      cursor: queryNumber(c.req.query('cursor'), 0),
      limit: queryNumber(c.req.query('limit'), DEFAULT_PULL_LIMIT),
      epoch: c.req.query('epoch') || undefined,
      branchId: c.req.query('branchId') || undefined,
    })
    checkProtocolVersion(query.protocolVersion)
    return c.json(await pull(db, c.get('principal'), query))
  })
  return app
}
