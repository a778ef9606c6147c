// 撤销 of a delete survives sync, whether or not the server already had the delete.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createActivity, deleteActivity, listAllActivities, restoreActivity, useDatabase } from '@client/db'
import { saveSession } from '@client/db/session'
import { syncOnce } from '@client/sync/engine'
import type { ServerClient } from '@client/sync/http'
import type { MeResponse } from '@shared/sync/account'
import { BACKENDS } from '../../server/helpers/backends'
import { setupBranch, startServer, type TestServer } from '../../server/helpers/harness'
import { themeDayFields } from '../db/helpers'

let ts: TestServer
let client: ServerClient

beforeAll(async () => {
  ts = await startServer(BACKENDS[0]!)
  client = { baseUrl: ts.url, fetch: globalThis.fetch }
})
afterAll(async () => { await ts.close() })

async function freshSignedInPhone() {
  const branch = await setupBranch(ts)
  const token = branch.secretary.token as string
  useDatabase(`undo-${Math.random()}`)
  await saveSession(token, (await ts.api.withToken(token).get('/api/me')).body as MeResponse)
}

async function liveTopics(): Promise<string[]> {
  return (await listAllActivities()).filter((a) => !a.deleted).map((a) => a.topic).sort()
}

describe('undo of a delete, with sync', () => {
  it('undone before the next sync: the server never deletes it', async () => {
    await freshSignedInPhone()
    const record = await createActivity(themeDayFields({ topic: '差点删掉的' }))
    expect(await syncOnce(client)).toMatchObject({ status: 'ok' })
    await deleteActivity(record.id)
    await restoreActivity(record.id)
    expect(await syncOnce(client)).toMatchObject({ status: 'ok' })
    expect(await liveTopics()).toEqual(['差点删掉的'])
    const row = await ts.db.one<{ deleted: unknown }>(`SELECT deleted FROM records WHERE id = $1`, [record.id])
    expect(Number(row?.deleted)).toBe(0)
  })

  it('undone after the delete synced: it comes back as a copy and stays after the next sync', async () => {
    await freshSignedInPhone()
    const record = await createActivity(themeDayFields({ topic: '删了又要回来的' }))
    await deleteActivity(record.id)
    expect(await syncOnce(client)).toMatchObject({ status: 'ok' })
    await restoreActivity(record.id)
    expect(await syncOnce(client)).toMatchObject({ status: 'ok' })
    expect(await syncOnce(client)).toMatchObject({ status: 'ok' })
    expect(await liveTopics()).toEqual(['删了又要回来的'])
  })
})
