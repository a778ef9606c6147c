// Account requests: sign-in, joining with an invite, sign-out, and the secretary's invites, accounts and audit.
import type {
  AccountView, CreatedInvite, InvitePreview, InviteView, JoinRequest, MeResponse, SessionResponse,
} from '@shared/sync/account'
import { clearSession, readSession, saveSession, updateSessionAccount } from '@client/db/session'
import { callServer, ServerError, type ServerClient } from './http'

export interface AuditEntryView {
  id: number
  kind: 'delete' | 'stale_edit'
  entity: string
  recordId: string
  userName: string
  detail: Record<string, unknown>
  at: string
}

export type BranchAccount = AccountView & { removed: boolean }

async function token(): Promise<string> {
  const session = await readSession()
  if (!session || session.expired) throw new ServerError(401, 'unauthenticated', '请先登录')
  return session.token
}

async function adopt(res: SessionResponse): Promise<MeResponse> {
  const { token: t, ...me } = res
  await saveSession(t, me)
  return me
}

export async function signIn(client: ServerClient, username: string, password: string): Promise<MeResponse> {
  return adopt(await callServer<SessionResponse>(client, 'POST', '/api/auth/signin', { body: { username, password } }))
}

export async function joinBranch(client: ServerClient, req: JoinRequest): Promise<MeResponse> {
  return adopt(await callServer<SessionResponse>(client, 'POST', '/api/auth/join', { body: req }))
}

export function previewInvite(client: ServerClient, code: string): Promise<InvitePreview> {
  return callServer<InvitePreview>(client, 'GET', `/api/invites/preview?code=${encodeURIComponent(code)}`)
}

/** Ends the session on the server when reachable; the local session goes either way. Local data stays. */
export async function signOut(client: ServerClient): Promise<void> {
  const session = await readSession()
  if (session && !session.expired) {
    await callServer(client, 'POST', '/api/auth/signout', { token: session.token }).catch(() => undefined)
  }
  await clearSession()
}

export async function refreshAccount(client: ServerClient): Promise<MeResponse> {
  const me = await callServer<MeResponse>(client, 'GET', '/api/me', { token: await token() })
  await updateSessionAccount(me)
  return me
}

export async function createInvite(client: ServerClient, expiresInHours = 168, maxUses = 1): Promise<CreatedInvite> {
  return callServer<CreatedInvite>(client, 'POST', '/api/invites', { token: await token(), body: { expiresInHours, maxUses } })
}

export async function listInvites(client: ServerClient): Promise<InviteView[]> {
  return (await callServer<{ invites: InviteView[] }>(client, 'GET', '/api/invites', { token: await token() })).invites
}

export async function revokeInvite(client: ServerClient, id: string): Promise<void> {
  await callServer(client, 'DELETE', `/api/invites/${encodeURIComponent(id)}`, { token: await token() })
}

export async function listBranchAccounts(client: ServerClient): Promise<BranchAccount[]> {
  return (await callServer<{ accounts: BranchAccount[] }>(client, 'GET', '/api/branch/accounts', { token: await token() })).accounts
}

export async function removeBranchAccount(client: ServerClient, id: string): Promise<void> {
  await callServer(client, 'DELETE', `/api/branch/accounts/${encodeURIComponent(id)}`, { token: await token() })
}

export async function readAudit(client: ServerClient, after = 0): Promise<{ entries: AuditEntryView[]; next: number | null }> {
  return callServer(client, 'GET', `/api/audit?after=${after}&limit=100`, { token: await token() })
}
