// "新同步 N 条" with a real server: two phones of one branch; a phone is told of the other's records, never of its
// own, and not of what its first sync brings. A 回收站 恢复 on one phone brings the record back on the other.
import { describe, expect, it } from 'vitest'
import { createActivity, deleteActivity, getActivity, restoreActivity, useDatabase } from '@client/db'
import { countNewlySynced, listNewlySynced } from '@client/db/newlySynced'
import { syncOnce } from '@client/sync/engine'
import { setupBranch } from '../../server/helpers/harness'
import { themeDayFields } from '../db/helpers'
import { signInAs, useRealServer } from './realServer'

const server = useRealServer()

function phone(token: string) {
  const name = `new-sync-${Math.random()}`
  return {
    async on() {
      useDatabase(name)
      await signInAs(server.ts, token)
    },
    async sync() {
      expect(await syncOnce(server.client)).toMatchObject({ status: 'ok' })
    },
  }
}

describe('新同步 with a real server', () => {
  it('announces the other phone’s records only, and a restore travels like any change', async () => {
    const branch = await setupBranch(server.ts)
    const member = await branch.addMember()
    const secretary = phone(branch.secretary.token as string)
    const other = phone(member.api.token as string)

    await secretary.on()
    const before = await createActivity(themeDayFields({ topic: '加入前就有的' }))
    await secretary.sync()

    await other.on()
    await other.sync()
    expect(await getActivity(before.id)).toMatchObject({ topic: '加入前就有的' })
    expect(await countNewlySynced()).toBe(0)
    const own = await createActivity(themeDayFields({ topic: '党员自己记的' }))
    await other.sync()
    await other.sync()
    expect(await countNewlySynced()).toBe(0)

    await secretary.on()
    await createActivity(themeDayFields({ topic: '书记新记的' }))
    await deleteActivity(before.id)
    await secretary.sync()
    expect(await countNewlySynced()).toBe(1) // the member's record, pulled by the secretary's phone
    expect((await listNewlySynced()).map((r) => r.id)).toEqual([own.id])

    await other.on()
    await other.sync()
    expect((await listNewlySynced()).map((r) => r.topic)).toEqual(['书记新记的'])
    expect((await getActivity(before.id))?.deleted).toBe(true)

    // the secretary restores from 回收站 after the delete synced: the other phone gets it back, same id
    await secretary.on()
    expect(await restoreActivity(before.id)).toBe(before.id)
    await secretary.sync()
    await other.on()
    await other.sync()
    expect(await getActivity(before.id)).toMatchObject({ deleted: false, topic: '加入前就有的' })
    expect((await listNewlySynced()).map((r) => r.topic).sort()).toEqual(['书记新记的', '加入前就有的'])
  })
})
