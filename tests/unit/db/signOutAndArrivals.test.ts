// Sign-out on a shared phone removes the branch's records only once nothing waits to be sent; and which pulled
// records count as "新同步" (others' records after the first full pull, never this phone's own pushes).
import { beforeEach, describe, expect, it } from 'vitest'
import { addMembers, createActivity, listAllActivities, listMembers, savePhoto } from '@client/db'
import { countUnsent, removeBranchDataFromPhone, UnsentChangesError } from '@client/db/signOutWipe'
import { countNewlySynced, dismissNewlySynced, listNewlySynced } from '@client/db/newlySynced'
import { markPhotoUploaded } from '@client/db/photoSync'
import { applyPullPage } from '@client/db/sync'
import { readSession } from '@client/db/session'
import { getDb } from '@client/db/connection'
import type { SyncRow } from '@shared/sync/protocol'
import { answerPush, freshDatabase, themeDayFields } from './helpers'
import { signInLocally } from './session'

beforeEach(freshDatabase)

const PHOTO_ID = '01900000-0000-7000-8000-0000000000f1'

describe('removing the branch’s records at sign-out', () => {
  it('refuses while changes or photos wait, naming how many; nothing is removed', async () => {
    await signInLocally('secretary')
    await addMembers([{ name: '张三', role: 'member', group: '', active: true }])
    const record = await createActivity(themeDayFields({ photoIds: [PHOTO_ID] }))
    await savePhoto({ id: PHOTO_ID, activityId: record.id, blob: new Blob(['x']), width: 1, height: 1, createdAt: new Date().toISOString() })
    expect(await countUnsent()).toEqual({ changes: 2, photos: 1 })
    const refusal = await removeBranchDataFromPhone().catch((e: unknown) => e)
    expect(refusal).toBeInstanceOf(UnsentChangesError)
    expect((refusal as Error).message).toBe('本机还有 2 项修改、1 张照片未同步，不能从本机删除支部的记录。请联网同步完成后再试。')
    expect(await listAllActivities()).toHaveLength(1)
    expect(await listMembers()).toHaveLength(1)

    await answerPush([1, 2])
    await expect(removeBranchDataFromPhone()).rejects.toThrow('本机还有 1 张照片未同步')
    await markPhotoUploaded(PHOTO_ID)
    expect(await countUnsent()).toEqual({ changes: 0, photos: 0 })
    await removeBranchDataFromPhone()
    expect(await listAllActivities()).toEqual([])
    expect(await listMembers()).toEqual([])
    expect(await getDb().photos.count()).toBe(0)
    expect(await getDb().outbox.count()).toBe(0)
    expect(await readSession()).toBeNull()
  })

  it('a refused change (never to be sent) does not hold it back', async () => {
    await signInLocally('member')
    await createActivity(themeDayFields())
    await answerPush([], [{ clientSeq: 1, reason: '只有录入人和支部书记可以修改或删除这条记录' }])
    expect(await countUnsent()).toEqual({ changes: 0, photos: 0 })
    await removeBranchDataFromPhone()
    expect(await listAllActivities()).toEqual([])
  })
})

describe('新同步: what a pull announces', () => {
  let version = 0
  const row = (id: string, topic: string): SyncRow => ({
    entity: 'activity', id, version: ++version, deleted: false, redacted: false,
    data: { ...themeDayFields({ topic }), id, createdBy: 'm-other', createdAt: '2026-11-10T00:00:00.000Z', updatedAt: '2026-11-10T00:00:00.000Z', backfilled: false, deleted: false },
  })
  const page = (rows: SyncRow[], hasMore: boolean) => applyPullPage({ reset: false, protocolVersion: 1, epoch: 'e1', branchId: 'branch-1', cursor: version, hasMore, rows })

  it('nothing from a first pull, across all its pages; then others’ new and changed records, until dismissed', async () => {
    version = 0
    await page([row('01900000-0000-7000-8000-000000000101', '第一页')], true)
    await page([row('01900000-0000-7000-8000-000000000102', '第二页')], false)
    expect(await countNewlySynced()).toBe(0)

    const edited = row('01900000-0000-7000-8000-000000000101', '别人改了')
    await page([row('01900000-0000-7000-8000-000000000103', '别人新记的'), edited], false)
    expect((await listNewlySynced()).map((r) => r.topic).sort()).toEqual(['别人改了', '别人新记的'])
    // a record deleted since no longer counts
    await page([{ entity: 'activity', id: edited.id, version: ++version, deleted: true, data: { id: edited.id, deleted: true }, redacted: false }], false)
    expect(await countNewlySynced()).toBe(1)
    await dismissNewlySynced()
    expect(await countNewlySynced()).toBe(0)
  })
})
