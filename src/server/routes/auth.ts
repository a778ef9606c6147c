// Sign-in, joining with an invite, sign-out and the signed-in account.
import { Hono } from 'hono'
import { claimMemberRequestSchema, inviteCodeSchema, joinRequestSchema, signInRequestSchema } from '../../shared/sync/account'
import { type AppEnv, clientAddress, requireSession } from '../http/context'
import { parseBody, parseWith } from '../http/validate'
import { claimRosterEntry, describeAccount } from '../services/accounts'
import { join, signIn } from '../services/auth'
import { previewInvite } from '../services/invites'
import { revokeSession } from '../services/sessions'
import type { RouteDeps } from './deps'

export function authRoutes(deps: RouteDeps) {
  const { db, now } = deps
  const app = new Hono<AppEnv>()
  app.post('/api/auth/signin', async (c) => {
    const body = await parseBody(c, signInRequestSchema)
    return c.json(await signIn(db, body, clientAddress(c, deps.trustProxy), now()))
  })
  app.post('/api/auth/join', async (c) => {
    const body = await parseBody(c, joinRequestSchema)
    return c.json(await join(db, body, clientAddress(c, deps.trustProxy), now()), 201)
  })
  app.get('/api/invites/preview', async (c) => {
    const code = parseWith(inviteCodeSchema, c.req.query('code') ?? '')
    return c.json(await previewInvite(db, code, now()))
  })
  const authed = new Hono<AppEnv>()
  for (const path of ['/api/auth/signout', '/api/me', '/api/me/*']) authed.use(path, requireSession(db, now))
  authed.post('/api/auth/signout', async (c) => {
    await revokeSession(db, c.get('principal').tokenHash, now())
    return c.body(null, 204)
  })
  authed.get('/api/me', async (c) => c.json(await describeAccount(db, c.get('principal').userId)))
  authed.post('/api/me/member', async (c) => {
    const body = await parseBody(c, claimMemberRequestSchema)
    await claimRosterEntry(db, c.get('principal'), body.memberId)
    return c.json(await describeAccount(db, c.get('principal').userId))
  })
  app.route('/', authed)
  return app
}
