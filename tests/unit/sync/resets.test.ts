// Resets that must lose nothing and leak nothing: a server restored from a backup, and a phone moved to another branch.
import { describe, expect, it } from 'vitest'
import { createActivity, useDatabase } from '@client/db'
import { readRejectedChanges } from '@client/db/sync'
import { syncOnce } from '@client/sync/engine'
import { setupBranch } from '../../server/helpers/harness'
import { rotateEpoch } from '../../../src/server/storage/migrations'
import { rejectionText } from '@shared/rejectedChanges'
import { themeDayFields } from '../db/helpers'
import { signInAs, useRealServer } from './realServer'

const server = useRealServer()
const signIn = (token: string) => signInAs(server.ts, token)

async function serverHas(id: string): Promise<boolean> {
  const row = await server.ts.db.one<{ deleted: unknown }>(`SELECT deleted FROM records WHERE id = $1`, [id])
  return row !== undefined && Number(row.deleted) === 0
}

describe('sync resets', () => {
  it('a server restored from an older backup gets back what it had acknowledged', async () => {
    const branch = await setupBranch(server.ts)
    useDatabase(`restore-${Math.random()}`)
    await signIn(branch.secretary.token as string)
    const record = await createActivity(themeDayFields({ topic: '恢复前已同步的' }))
    expect(await syncOnce(server.client)).toMatchObject({ status: 'ok' })
    expect(await serverHas(record.id)).toBe(true)
    // The backup the server is restored from predates this record.
    await server.ts.db.run(`DELETE FROM records WHERE id = $1`, [record.id])
    await rotateEpoch(server.ts.db)
    expect(await syncOnce(server.client)).toMatchObject({ status: 'ok' })
    expect(await serverHas(record.id)).toBe(true)
  })

  it('changes made for one branch are never pushed into another after switching accounts', async () => {
    const branchA = await setupBranch(server.ts)
    const branchB = await setupBranch(server.ts)
    useDatabase(`switch-${Math.random()}`)
    await signIn(branchA.secretary.token as string)
    expect(await syncOnce(server.client)).toMatchObject({ status: 'ok' })
    const offline = await createActivity(themeDayFields({ topic: 'A支部的记录（离线记的）' }))
    await signIn(branchB.secretary.token as string)
    expect(await syncOnce(server.client)).toMatchObject({ status: 'ok' })
    const row = await server.ts.db.one<{ branch_id: string }>(`SELECT branch_id FROM records WHERE id = $1`, [offline.id])
    expect(row).toBeUndefined()
    const refused = await readRejectedChanges()
    expect(refused.map((r) => rejectionText(r.reason))).toEqual([expect.stringContaining('另一个支部')])
  })
})
