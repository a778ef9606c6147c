// Signing a phone in without a server: the session as the server's /api/me would describe the account.
import { saveSession } from '@client/db/session'
import type { AccountRole } from '@shared/sync/account'

export async function signInLocally(role: AccountRole, ids: { userId?: string; memberId?: string | null } = {}): Promise<void> {
  const userId = ids.userId ?? `user-${role}`
  await saveSession(`token-${userId}`, {
    user: { id: userId, username: userId, displayName: userId, role, memberId: ids.memberId ?? null },
    branch: role === 'committee' ? null : { id: 'branch-1', name: '第一党支部' },
    committee: null,
  })
}
