// A phone exchanges its session token for a fresh one once it is a week old, and keeps syncing with it; a phone
// that cannot reach the server keeps the old token.
import { describe, expect, it } from 'vitest'
import { useDatabase } from '@client/db'
import { readSession, saveSession } from '@client/db/session'
import { getDb } from '@client/db/connection'
import { META_KEYS } from '@client/db/metaKeys'
import { syncOnce } from '@client/sync/engine'
import { currentToken, SESSION_ROTATE_AFTER_MS } from '@client/sync/accountApi'
import type { MeResponse } from '@shared/sync/account'
import { setupBranch } from '../../server/helpers/harness'
import { useRealServer } from './realServer'

const server = useRealServer()

async function ageSession(ms: number): Promise<void> {
  const session = await readSession()
  if (!session) throw new Error('no session')
  await getDb().meta.put({ key: META_KEYS.session, value: { ...session, issuedAt: new Date(Date.now() - ms).toISOString() } })
}

describe('session rotation', () => {
  it('a week-old token is exchanged during sync; a fresh one is kept', async () => {
    const branch = await setupBranch(server.ts)
    useDatabase(`rotate-${Math.random()}`)
    const token = branch.secretary.token as string
    await saveSession(token, (await server.ts.api.withToken(token).get('/api/me')).body as MeResponse)
    expect(await syncOnce(server.client)).toMatchObject({ status: 'ok' })
    expect((await readSession())?.token).toBe(token)

    await ageSession(SESSION_ROTATE_AFTER_MS + 1000)
    expect(await syncOnce(server.client)).toMatchObject({ status: 'ok' })
    const fresh = (await readSession())!
    expect(fresh.token).not.toBe(token)
    expect(Date.now() - Date.parse(fresh.issuedAt!)).toBeLessThan(60_000)
    expect((await server.ts.api.withToken(fresh.token).get('/api/me')).status).toBe(200)

    await ageSession(SESSION_ROTATE_AFTER_MS + 1000)
    const offline = { baseUrl: server.client.baseUrl, fetch: () => Promise.reject(new TypeError('offline')) }
    expect(await currentToken(offline, (await readSession())!)).toBe(fresh.token)
  })
})
