// Secretary routes: invites, the branch's accounts, the audit trail.
import { Hono } from 'hono'
import QRCode from 'qrcode'
import { createInviteRequestSchema } from '../../shared/sync/account'
import { type AppEnv, requireSession } from '../http/context'
import { parseBody } from '../http/validate'
import { listBranchAccounts, removeAccount } from '../services/accounts'
import { readAudit } from '../services/audit'
import { createInvite, listInvites, revokeInvite } from '../services/invites'
import type { RouteDeps } from './deps'

function intParam(value: string | undefined, fallback: number, min: number, max: number): number {
  const n = value === undefined ? fallback : Number(value)
  return Number.isInteger(n) ? Math.min(Math.max(n, min), max) : fallback
}

export function branchRoutes(deps: RouteDeps) {
  const { db, now } = deps
  const app = new Hono<AppEnv>()
  app.use('/api/invites/*', requireSession(db, now))
  app.use('/api/invites', requireSession(db, now))
  app.use('/api/branch/*', requireSession(db, now))
  app.use('/api/audit', requireSession(db, now))

  app.post('/api/invites', async (c) => {
    const body = await parseBody(c, createInviteRequestSchema)
    const invite = await createInvite(db, c.get('principal'), body, now())
    const origin = deps.publicOrigin ?? new URL(c.req.url).origin
    const qrSvg = await QRCode.toString(origin + invite.link, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 })
    return c.json({ ...invite, qrSvg }, 201)
  })
  app.get('/api/invites', async (c) => c.json({ invites: await listInvites(db, c.get('principal')) }))
  app.delete('/api/invites/:id', async (c) => {
    await revokeInvite(db, c.get('principal'), c.req.param('id'), now())
    return c.body(null, 204)
  })
  app.get('/api/branch/accounts', async (c) => c.json({ accounts: await listBranchAccounts(db, c.get('principal')) }))
  app.delete('/api/branch/accounts/:id', async (c) => {
    await removeAccount(db, c.get('principal'), c.req.param('id'), now())
    return c.body(null, 204)
  })
  app.get('/api/audit', async (c) => {
    const after = intParam(c.req.query('after'), 0, 0, Number.MAX_SAFE_INTEGER)
    const limit = intParam(c.req.query('limit'), 100, 1, 500)
    return c.json(await readAudit(db, c.get('principal'), after, limit))
  })
  return app
}
