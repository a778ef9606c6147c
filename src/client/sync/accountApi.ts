// Account requests: sign-in, joining with an invite, sign-out, and the secretary's invites, accounts and audit.
import { API } from '@shared/api'
import type { AuditEntry, AuditPage, BranchAccount } from '@shared/api/branch'
import type {
  CreatedInvite, InvitePreview, InviteView, JoinRequest, MeResponse, PasswordResetLinkView, SessionResponse,
} from '@shared/sync/account'
import { clearSession, readSession, saveSession, type StoredSession, updateSessionAccount } from '@client/db/session'
import { receive, receiveNothing, serverApi, ServerError, type ServerClient } from './http'

export type { BranchAccount } from '@shared/api/branch'
/** One entry of the secretary's audit trail, as AuditLog.vue shows it. */
export type AuditEntryView = AuditEntry

async function token(): Promise<string> {
  const session = await readSession()
  if (!session || session.expired) throw new ServerError(401, 'unauthenticated', '请先登录')
  return session.token
}

async function signedIn(client: ServerClient) {
  return serverApi(client, await token()).api
}

async function adopt(res: SessionResponse): Promise<MeResponse> {
  const { token: t, ...me } = res
  await saveSession(t, me)
  return me
}

export async function signIn(client: ServerClient, username: string, password: string): Promise<MeResponse> {
  const answer = serverApi(client).api.auth.signin.$post({ json: { username, password } })
  return adopt(await receive(answer, API.signIn.response))
}

export async function joinBranch(client: ServerClient, req: JoinRequest): Promise<MeResponse> {
  return adopt(await receive(serverApi(client).api.auth.join.$post({ json: req }), API.join.response))
}

export function previewInvite(client: ServerClient, code: string): Promise<InvitePreview> {
  return receive(serverApi(client).api.invites.preview.$get({ query: { code } }), API.invitePreview.response)
}

/** Ends the session on the server when reachable; the local session goes either way. Local data stays. */
export async function signOut(client: ServerClient): Promise<void> {
  const session = await readSession()
  if (session && !session.expired) {
    await receiveNothing(serverApi(client, session.token).api.auth.signout.$post()).catch(() => undefined)
  }
  await clearSession()
}

export async function refreshAccount(client: ServerClient): Promise<MeResponse> {
  const me = await receive((await signedIn(client)).me.$get(), API.me.response)
  await updateSessionAccount(me)
  return me
}

/** A new invite; with `memberId` it is for that roster entry, and whoever joins with it is that person. */
export async function createInvite(client: ServerClient, expiresInHours = 168, maxUses = 1, memberId?: string): Promise<CreatedInvite> {
  const json = memberId ? { expiresInHours, maxUses: 1, memberId } : { expiresInHours, maxUses }
  return receive((await signedIn(client)).invites.$post({ json }), API.createInvite.response)
}

export async function listInvites(client: ServerClient): Promise<InviteView[]> {
  return (await receive((await signedIn(client)).invites.$get(), API.listInvites.response)).invites
}

export async function revokeInvite(client: ServerClient, id: string): Promise<void> {
  await receiveNothing((await signedIn(client)).invites[':id'].$delete({ param: { id: encodeURIComponent(id) } }))
}

export async function listBranchAccounts(client: ServerClient): Promise<BranchAccount[]> {
  return (await receive((await signedIn(client)).branch.accounts.$get(), API.branchAccounts.response)).accounts
}

export async function removeBranchAccount(client: ServerClient, id: string): Promise<void> {
  await receiveNothing((await signedIn(client)).branch.accounts[':id'].$delete({ param: { id: encodeURIComponent(id) } }))
}

export async function readAudit(client: ServerClient, after = 0): Promise<AuditPage> {
  return receive((await signedIn(client)).audit.$get({ query: { after: String(after), limit: '100' } }), API.audit.response)
}

/** Change this account's password; the account's other devices are signed out by the server. */
export async function changePassword(client: ServerClient, oldPassword: string, newPassword: string): Promise<void> {
  await receiveNothing((await signedIn(client)).me.password.$post({ json: { oldPassword, newPassword } }))
}

/** End every session of this account (a lost phone); this phone signs out too. Local data stays. */
export async function signOutEverywhere(client: ServerClient): Promise<void> {
  await receiveNothing((await signedIn(client)).auth['signout-all'].$post())
  await clearSession()
}

/** The secretary's one-time link for a member who forgot the password. */
export async function createPasswordReset(client: ServerClient, userId: string): Promise<PasswordResetLinkView> {
  const api = (await signedIn(client)).branch.accounts[':id']['reset-password']
  return receive(api.$post({ param: { id: encodeURIComponent(userId) } }), API.resetPassword.response)
}

/** The secretary confirms (or turns down) the roster entry a member's account says it is. */
export async function confirmMemberClaim(client: ServerClient, userId: string, accept: boolean): Promise<void> {
  const api = (await signedIn(client)).branch.accounts[':id']['confirm-member']
  await receiveNothing(api.$post({ param: { id: encodeURIComponent(userId) }, json: { accept } }))
}

/** A token is exchanged for a fresh one once it is a week old (the old one keeps working for a day). */
export const SESSION_ROTATE_AFTER_MS = 7 * 24 * 60 * 60_000

/**
 * The token to sync with: the stored one, or a fresh one when it is older than SESSION_ROTATE_AFTER_MS. A failed
 * rotation (offline, old server) keeps the old token; the next sync tries again.
 */
export async function currentToken(client: ServerClient, session: StoredSession, now = Date.now()): Promise<string> {
  const issuedAt = session.issuedAt ? Date.parse(session.issuedAt) : 0
  if (now - issuedAt < SESSION_ROTATE_AFTER_MS) return session.token
  try {
    const fresh = await receive(serverApi(client, session.token).api.auth.rotate.$post(), API.rotateSession.response)
    await adopt(fresh)
    return fresh.token
  } catch (err) {
    if (err instanceof ServerError && err.status === 401) throw err
    return session.token
  }
}
