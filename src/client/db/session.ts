// The signed-in session, kept in IndexedDB (never localStorage): the bearer token and who it belongs to.
import type { MeResponse } from '@shared/sync/account'
import { getDb } from './connection'
import { plain } from './plain'

const SESSION_KEY = 'session'
const LOCAL_USER_KEY = 'localUserId'

export interface StoredSession {
  token: string
  me: MeResponse
  /** the server said the session is gone (401): local data stays, sign in again to resume syncing */
  expired: boolean
}

export async function readSession(): Promise<StoredSession | null> {
  const row = await getDb().meta.get(SESSION_KEY)
  return (row?.value as StoredSession | undefined) ?? null
}

/** Save a fresh session; records entered from now on name the account's roster entry as their author. */
export async function saveSession(token: string, me: MeResponse): Promise<void> {
  const db = getDb()
  await db.transaction('rw', db.meta, async () => {
    await db.meta.put({ key: SESSION_KEY, value: plain({ token, me, expired: false }) })
    if (me.user.memberId) await db.meta.put({ key: LOCAL_USER_KEY, value: me.user.memberId })
  })
}

export async function updateSessionAccount(me: MeResponse): Promise<void> {
  const db = getDb()
  await db.transaction('rw', db.meta, async () => {
    const current = await readSession()
    if (current) await db.meta.put({ key: SESSION_KEY, value: plain({ ...current, me }) })
  })
}

export async function markSessionExpired(): Promise<void> {
  const db = getDb()
  await db.transaction('rw', db.meta, async () => {
    const current = await readSession()
    if (current) await db.meta.put({ key: SESSION_KEY, value: { ...current, expired: true } })
  })
}

export async function clearSession(): Promise<void> {
  await getDb().meta.delete(SESSION_KEY)
}
