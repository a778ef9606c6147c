// Sign-in, joining with an invite and the invite's preview (public); sign-out and the signed-in account
// (mounted behind the session, see app.ts).
import { Hono } from 'hono'
import { API } from '../../shared/api'
import type { InvitePreview, MeResponse, SessionResponse } from '../../shared/sync/account'
import { changePassword, signOutEverywhere } from '../services/account-security'
import { type AppEnv, clientAddress } from '../http/context'
import { validated } from '../http/validate'
import { claimRosterEntry, describeAccount } from '../services/accounts'
import { join, signIn } from '../services/auth'
import { previewInvite } from '../services/invites'
import { revokeSession, rotateSession } from '../services/sessions'
import type { RouteDeps } from './deps'

export function publicAuthRoutes(deps: RouteDeps) {
  const { db, now } = deps
  return new Hono()
    .post(API.signIn.path, validated('json', API.signIn.json), async (c) => {
      const body: SessionResponse = await signIn(db, c.req.valid('json'), clientAddress(c, deps.trustProxy), now())
      return c.json(body, 200)
    })
    .post(API.join.path, validated('json', API.join.json), async (c) => {
      const body: SessionResponse = await join(db, c.req.valid('json'), clientAddress(c, deps.trustProxy), now())
      return c.json(body, 201)
    })
    .get(API.invitePreview.path, validated('query', API.invitePreview.query), async (c) => {
      const body: InvitePreview = await previewInvite(db, c.req.valid('query').code, clientAddress(c, deps.trustProxy), now())
      return c.json(body, 200)
    })
}

export function accountRoutes(deps: RouteDeps) {
  const { db, now } = deps
  return new Hono<AppEnv>()
    .post(API.signOut.path, async (c) => {
      await revokeSession(db, c.get('principal').tokenHash, now())
      return c.body(null, 204)
    })
    .post(API.signOutEverywhere.path, async (c) => {
      await signOutEverywhere(db, c.get('principal'), now())
      return c.body(null, 204)
    })
    .post(API.rotateSession.path, async (c) => {
      const p = c.get('principal')
      const token = await rotateSession(db, p, now())
      const body: SessionResponse = { token, ...await describeAccount(db, p.userId) }
      return c.json(body, 200)
    })
    .post(API.changePassword.path, validated('json', API.changePassword.json), async (c) => {
      await changePassword(db, c.get('principal'), c.req.valid('json'), now())
      return c.body(null, 204)
    })
    .get(API.me.path, async (c) => {
      const body: MeResponse = await describeAccount(db, c.get('principal').userId)
      return c.json(body, 200)
    })
    .post(API.claimMember.path, validated('json', API.claimMember.json), async (c) => {
      await claimRosterEntry(db, c.get('principal'), c.req.valid('json').memberId)
      const body: MeResponse = await describeAccount(db, c.get('principal').userId)
      return c.json(body, 200)
    })
}
