// Resets that must lose nothing and leak nothing: a server restored from a backup, and a phone moved to another branch.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createActivity, useDatabase } from '@client/db'
import { saveSession } from '@client/db/session'
import { readRejectedChanges } from '@client/db/sync'
import { syncOnce } from '@client/sync/engine'
import type { ServerClient } from '@client/sync/http'
import type { MeResponse } from '@shared/sync/account'
import { BACKENDS } from '../../server/helpers/backends'
import { setupBranch, startServer, type TestServer } from '../../server/helpers/harness'
import { rotateEpoch } from '../../../src/server/storage/migrations'
import { themeDayFields } from '../db/helpers'

let ts: TestServer
let client: ServerClient

beforeAll(async () => {
  ts = await startServer(BACKENDS[0]!)
  client = { baseUrl: ts.url, fetch: globalThis.fetch }
})
afterAll(async () => { await ts.close() })

async function signIn(token: string) {
  await saveSession(token, (await ts.api.withToken(token).get('/api/me')).body as MeResponse)
}

async function serverHas(id: string): Promise<boolean> {
  const row = await ts.db.one<{ deleted: unknown }>(`SELECT deleted FROM records WHERE id = $1`, [id])
  return row !== undefined && Number(row.deleted) === 0
}

describe('sync resets', () => {
  it('a server restored from an older backup gets back what it had acknowledged', async () => {
    const branch = await setupBranch(ts)
    useDatabase(`restore-${Math.random()}`)
    await signIn(branch.secretary.token as string)
    const record = await createActivity(themeDayFields({ topic: '恢复前已同步的' }))
    expect(await syncOnce(client)).toMatchObject({ status: 'ok' })
    expect(await serverHas(record.id)).toBe(true)
    // The backup the server is restored from predates this record.
    await ts.db.run(`DELETE FROM records WHERE id = $1`, [record.id])
    await rotateEpoch(ts.db)
    expect(await syncOnce(client)).toMatchObject({ status: 'ok' })
    expect(await serverHas(record.id)).toBe(true)
  })

  it('changes made for one branch are never pushed into another after switching accounts', async () => {
    const branchA = await setupBranch(ts)
    const branchB = await setupBranch(ts)
    useDatabase(`switch-${Math.random()}`)
    await signIn(branchA.secretary.token as string)
    expect(await syncOnce(client)).toMatchObject({ status: 'ok' })
    const offline = await createActivity(themeDayFields({ topic: 'A支部的记录（离线记的）' }))
    await signIn(branchB.secretary.token as string)
    expect(await syncOnce(client)).toMatchObject({ status: 'ok' })
    const row = await ts.db.one<{ branch_id: string }>(`SELECT branch_id FROM records WHERE id = $1`, [offline.id])
    expect(row).toBeUndefined()
    const refused = await readRejectedChanges()
    expect(refused.map((r) => r.reason)).toEqual([expect.stringContaining('另一个支部')])
  })
})
