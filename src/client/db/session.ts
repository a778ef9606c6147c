// The signed-in session, kept in IndexedDB (never localStorage): the bearer token and who it belongs to.
import type { MeResponse } from '@shared/sync/account'
import { getDb } from './connection'
import { META_KEYS } from './metaKeys'
import { plain } from './plain'

export interface StoredSession {
  token: string
  me: MeResponse
  /** the server said the session is gone (401): local data stays, sign in again to resume syncing */
  expired: boolean
  /** when this token was received (device clock): the phone asks for a fresh one after a week (accountApi.ts) */
  issuedAt?: string
}

export async function readSession(): Promise<StoredSession | null> {
  const row = await getDb().meta.get(META_KEYS.session)
  return (row?.value as StoredSession | undefined) ?? null
}

export { readActor } from './permission'

/** Save a fresh session; records entered from now on name the account's roster entry as their author. */
export async function saveSession(token: string, me: MeResponse): Promise<void> {
  const db = getDb()
  await db.transaction('rw', db.meta, async () => {
    await db.meta.put({ key: META_KEYS.session, value: plain({ token, me, expired: false, issuedAt: new Date().toISOString() }) })
    if (me.user.memberId) await db.meta.put({ key: META_KEYS.localUserId, value: me.user.memberId })
  })
}

export async function updateSessionAccount(me: MeResponse): Promise<void> {
  const db = getDb()
  await db.transaction('rw', db.meta, async () => {
    const current = await readSession()
    if (current) await db.meta.put({ key: META_KEYS.session, value: plain({ ...current, me }) })
    // the secretary confirmed which roster entry this account is: records entered from now on name it
    if (current && me.user.memberId) await db.meta.put({ key: META_KEYS.localUserId, value: me.user.memberId })
  })
}

export async function markSessionExpired(): Promise<void> {
  const db = getDb()
  await db.transaction('rw', db.meta, async () => {
    const current = await readSession()
    if (current) await db.meta.put({ key: META_KEYS.session, value: { ...current, expired: true } })
  })
}

export async function clearSession(): Promise<void> {
  await getDb().meta.delete(META_KEYS.session)
}
