// 撤销 of a delete survives sync, whether or not the server already had the delete.
import { describe, expect, it } from 'vitest'
import { createActivity, deleteActivity, listAllActivities, restoreActivity, useDatabase } from '@client/db'
import { syncOnce } from '@client/sync/engine'
import { setupBranch } from '../../server/helpers/harness'
import { themeDayFields } from '../db/helpers'
import { signInAs, useRealServer } from './realServer'

const server = useRealServer()

async function freshSignedInPhone() {
  const branch = await setupBranch(server.ts)
  useDatabase(`undo-${Math.random()}`)
  await signInAs(server.ts, branch.secretary.token as string)
}

async function liveTopics(): Promise<string[]> {
  return (await listAllActivities()).filter((a) => !a.deleted).map((a) => a.topic).sort()
}

describe('undo of a delete, with sync', () => {
  it('undone before the next sync: the server never deletes it', async () => {
    await freshSignedInPhone()
    const record = await createActivity(themeDayFields({ topic: '差点删掉的' }))
    expect(await syncOnce(server.client)).toMatchObject({ status: 'ok' })
    await deleteActivity(record.id)
    await restoreActivity(record.id)
    expect(await syncOnce(server.client)).toMatchObject({ status: 'ok' })
    expect(await liveTopics()).toEqual(['差点删掉的'])
    const row = await server.ts.db.one<{ deleted: unknown }>(`SELECT deleted FROM records WHERE id = $1`, [record.id])
    expect(Number(row?.deleted)).toBe(0)
  })

  it('undone after the delete synced: it comes back under its own id and stays after the next sync', async () => {
    await freshSignedInPhone()
    const record = await createActivity(themeDayFields({ topic: '删了又要回来的' }))
    expect(await syncOnce(server.client)).toMatchObject({ status: 'ok' })
    await deleteActivity(record.id)
    expect(await syncOnce(server.client)).toMatchObject({ status: 'ok' })
    expect(await restoreActivity(record.id)).toBe(record.id)
    expect(await syncOnce(server.client)).toMatchObject({ status: 'ok' })
    expect(await syncOnce(server.client)).toMatchObject({ status: 'ok' })
    expect(await liveTopics()).toEqual(['删了又要回来的'])
    expect((await listAllActivities()).map((a) => a.id)).toEqual([record.id])
    const row = await server.ts.db.one<{ deleted: unknown }>(`SELECT deleted FROM records WHERE id = $1`, [record.id])
    expect(Number(row?.deleted)).toBe(0)
  })
})
