// A backup restored onto a signed-in phone reaches the branch whole: the import queues its creates by reference to
// the records it wrote (no second copy in the outbox), and what is sent is each record as it is when sent — edits
// and deletes made after the import, and a renumbered outbox, included.
import { describe, expect, it } from 'vitest'
import { createActivity, deleteActivity, getActivity, listAllActivities, updateActivity, useDatabase } from '@client/db'
import { exportBackup, importBackup } from '@client/db/backup'
import { getDb } from '@client/db/connection'
import { rotateClientId } from '@client/db/sync'
import { syncOnce } from '@client/sync/engine'
import { setupBranch } from '../../server/helpers/harness'
import { themeDayFields } from '../db/helpers'
import { signInAs, useRealServer } from './realServer'

const server = useRealServer()

/** The fields a member entered, as a comparison of what two devices hold. */
function entered(a: { topic: string; date: string; place: string; summary: string; types: string[]; deleted: boolean }) {
  return { topic: a.topic, date: a.date, place: a.place, summary: a.summary, types: a.types, deleted: a.deleted }
}

describe('a backup imported, then synced', () => {
  it('sends every imported record in full, as it is when sent, and a second phone gets the same records', async () => {
    const branch = await setupBranch(server.ts)
    // The old phone: records that never reached a server.
    useDatabase(`old-phone-${Math.random()}`)
    const kept = await createActivity(themeDayFields({ topic: '旧手机上的主题党日', summary: '学习党章第一章' }))
    const edited = await createActivity(themeDayFields({ topic: '导入后要改的', date: '2026-10-08' }))
    const removed = await createActivity(themeDayFields({ topic: '导入后要删的', date: '2026-09-12' }))
    const backup = await exportBackup()

    // The new phone, signed in to the branch.
    useDatabase(`new-phone-${Math.random()}`)
    await signInAs(server.ts, branch.secretary.token as string)
    expect(await importBackup(JSON.stringify(backup))).toMatchObject({ activitiesAdded: 3 })
    const queued = await getDb().outbox.orderBy('clientSeq').toArray()
    const creates = queued.filter((e) => e.mutation.entity === 'activity')
    expect(creates.map((e) => [e.mutation.recordId, e.mutation.op, e.fieldsFromRecord, e.mutation.fields]))
      .toEqual([kept.id, edited.id, removed.id].map((id) => [id, 'put', true, {}]))

    // Changed on the new phone before it ever syncs, and the outbox renumbered (as after a server's reset).
    await updateActivity(edited.id, { ...themeDayFields({ topic: '导入后改过的', date: '2026-10-08' }) })
    await deleteActivity(removed.id)
    await rotateClientId()
    expect((await getDb().outbox.toArray()).filter((e) => e.fieldsFromRecord)).toHaveLength(3)

    expect(await syncOnce(server.client)).toMatchObject({ status: 'ok', pushed: 5 })
    expect(await getDb().outbox.count()).toBe(0)
    const onServer = await server.ts.db.all<{ id: string; deleted: unknown; data: string }>(
      `SELECT id, deleted, data FROM records WHERE branch_id = $1 AND entity = 'activity'`, [branch.branchId])
    const byId = new Map(onServer.map((r) => [r.id, r]))
    expect(JSON.parse(byId.get(kept.id)!.data)).toMatchObject({ topic: '旧手机上的主题党日', summary: '学习党章第一章', place: '党员活动室' })
    expect(JSON.parse(byId.get(edited.id)!.data)).toMatchObject({ topic: '导入后改过的', date: '2026-10-08' })
    expect(Number(byId.get(removed.id)!.deleted)).toBe(1)
    expect((await getActivity(kept.id))?.serverVersion).not.toBeNull()
    const onNewPhone = (await listAllActivities()).map(entered)

    // Another member's phone gets exactly what the new phone holds.
    const member = await branch.addMember()
    useDatabase(`second-phone-${Math.random()}`)
    await signInAs(server.ts, member.session.token as string)
    expect(await syncOnce(server.client)).toMatchObject({ status: 'ok' })
    const onSecondPhone = (await listAllActivities()).map(entered)
    const byTopic = (a: { topic: string }, b: { topic: string }) => a.topic.localeCompare(b.topic)
    expect(onSecondPhone.filter((a) => !a.deleted).sort(byTopic)).toEqual(onNewPhone.filter((a) => !a.deleted).sort(byTopic))
    expect(onSecondPhone.filter((a) => !a.deleted).map((a) => a.topic).sort()).toEqual(['导入后改过的', '旧手机上的主题党日'].sort())
  })
})
