// Secretary routes: invites, the branch's accounts, the audit trail. Mounted behind the session (app.ts).
import { Hono } from 'hono'
import QRCode from 'qrcode'
import { API } from '../../shared/api'
import type { AuditPage, BranchAccountList, InviteList } from '../../shared/api/branch'
import type { CreatedInvite, PasswordResetLinkView } from '../../shared/sync/account'
import { createPasswordReset } from '../services/account-security'
import type { AppEnv } from '../http/context'
import { validated } from '../http/validate'
import { confirmRosterClaim, listBranchAccounts, removeAccount } from '../services/accounts'
import { readAudit } from '../services/audit'
import { createInvite, listInvites, revokeInvite } from '../services/invites'
import type { RouteDeps } from './deps'

export function branchRoutes(deps: RouteDeps) {
  const { db, now } = deps
  return new Hono<AppEnv>()
    .post(API.createInvite.path, validated('json', API.createInvite.json), async (c) => {
      const invite = await createInvite(db, c.get('principal'), c.req.valid('json'), now())
      const origin = deps.publicOrigin ?? new URL(c.req.url).origin
      const qrSvg = await QRCode.toString(origin + invite.link, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 })
      const body: CreatedInvite = { ...invite, qrSvg }
      return c.json(body, 201)
    })
    .get(API.listInvites.path, async (c) => {
      const body: InviteList = { invites: await listInvites(db, c.get('principal')) }
      return c.json(body, 200)
    })
    .delete(API.revokeInvite.path, validated('param', API.revokeInvite.param), async (c) => {
      await revokeInvite(db, c.get('principal'), c.req.valid('param').id, now())
      return c.body(null, 204)
    })
    .get(API.branchAccounts.path, async (c) => {
      const body: BranchAccountList = { accounts: await listBranchAccounts(db, c.get('principal')) }
      return c.json(body, 200)
    })
    .delete(API.removeAccount.path, validated('param', API.removeAccount.param), async (c) => {
      await removeAccount(db, c.get('principal'), c.req.valid('param').id, now())
      return c.body(null, 204)
    })
    .post(API.confirmMember.path, validated('param', API.confirmMember.param), validated('json', API.confirmMember.json), async (c) => {
      await confirmRosterClaim(db, c.get('principal'), c.req.valid('param').id, c.req.valid('json').accept)
      return c.body(null, 204)
    })
    .post(API.resetPassword.path, validated('param', API.resetPassword.param), async (c) => {
      const reset = await createPasswordReset(db, c.get('principal'), c.req.valid('param').id, now())
      const origin = deps.publicOrigin ?? new URL(c.req.url).origin
      const body: PasswordResetLinkView = { ...reset, url: origin + reset.link }
      return c.json(body, 201)
    })
    .get(API.audit.path, validated('query', API.audit.query), async (c) => {
      const { after, limit } = c.req.valid('query')
      const body: AuditPage = await readAudit(db, c.get('principal'), after, limit)
      return c.json(body, 200)
    })
}
