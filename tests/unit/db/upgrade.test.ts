// A phone that last ran schema v1 (src/client/db/schema.ts) opens the current version: nothing is lost, and what
// later versions index (photo → record, refused outbox entries) works on the rows v1 wrote.
import Dexie from 'dexie'
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb'
import { describe, expect, it } from 'vitest'
import { countPendingChanges, createActivity, listAllActivities, listMembers, readSettings, useDatabase } from '@client/db'
import { listPhotosToUpload } from '@client/db/photoSync'
import { readPushBatch, readRejectedChanges, readSyncPosition } from '@client/db/sync'
import { readSession } from '@client/db/session'
import { themeDayFields } from './helpers'

const CLIENT_ID = '01900000-0000-7000-8000-0000000000d1'
const SYNCED_ID = '01900000-0000-7000-8000-0000000000a1'
const LOCAL_ID = '01900000-0000-7000-8000-0000000000a2'
const DELETED_ID = '01900000-0000-7000-8000-0000000000a3'
const MEMBER_ID = '01900000-0000-7000-8000-0000000000b1'
const PHOTO_ID = '01900000-0000-7000-8000-0000000000c1'

const at = '2026-11-10T08:00:00.000Z'
const record = (id: string, topic: string, extra: Record<string, unknown> = {}) => ({
  ...themeDayFields({ topic }), id, createdBy: 'local-user-1', createdAt: at, updatedAt: at, backfilled: false, deleted: false, ...extra,
})

/** The rows a v1 phone held, written through a database that knows only schema v1. */
const v1 = {
  activities: [
    record(SYNCED_ID, '已同步的主题党日', { serverVersion: 5, photoIds: [PHOTO_ID], attendance: { expected: [MEMBER_ID], leave: [], absent: [], observers: '' } }),
    record(LOCAL_ID, '只在本机的记录', { serverVersion: null }),
    record(DELETED_ID, '删掉的记录', { serverVersion: 6, deleted: true }),
  ],
  members: [{ id: MEMBER_ID, name: '张三', role: 'member', group: '', active: true, order: 1, createdAt: at, updatedAt: at, deleted: false, serverVersion: 2 }],
  settings: [{ key: 'branch', value: { branchName: '第一党支部', defaultPlace: '活动室', groups: [], rules: [] }, updatedAt: at, serverVersion: 3 }],
  outbox: [
    { clientSeq: 1, mutation: { clientId: CLIENT_ID, clientSeq: 1, entity: 'member', op: 'put', recordId: '01900000-0000-7000-8000-0000000000b2', baseVersion: null, fields: { name: '李四' } }, rejectedReason: '只有支部书记可以修改花名册' },
    { clientSeq: 2, mutation: { clientId: CLIENT_ID, clientSeq: 2, entity: 'activity', op: 'put', recordId: LOCAL_ID, baseVersion: null, fields: record(LOCAL_ID, '只在本机的记录') } },
    { clientSeq: 3, mutation: { clientId: CLIENT_ID, clientSeq: 3, entity: 'activity', op: 'delete', recordId: DELETED_ID, baseVersion: 6, fields: {} } },
  ],
  meta: [
    { key: 'deviceId', value: CLIENT_ID }, { key: 'lastClientSeq', value: 3 }, { key: 'localUserId', value: 'local-user-1' },
    { key: 'syncCursor', value: 12 }, { key: 'syncEpoch', value: 'epoch-1' }, { key: 'syncBranchId', value: 'branch-1' },
    { key: 'session', value: { token: 't', expired: false, me: { user: { id: 'u1', username: 'zhang', displayName: '张三', role: 'secretary', memberId: null }, branch: { id: 'branch-1', name: '第一党支部' }, committee: null } } },
  ],
}

async function writeV1(name: string, implementation: { indexedDB: IDBFactory; IDBKeyRange: typeof IDBKeyRange }) {
  const old = new Dexie(name, implementation)
  old.version(1).stores({
    activities: 'id, date, updatedAt', members: 'id, order', settings: 'key', photos: 'id, activityId', outbox: 'clientSeq',
    meta: 'key', drafts: 'key',
  })
  await old.open()
  await old.table('activities').bulkAdd(v1.activities)
  await old.table('members').bulkAdd(v1.members)
  await old.table('settings').bulkAdd(v1.settings)
  await old.table('photos').add({ id: PHOTO_ID, activityId: SYNCED_ID, blob: new Blob([new Uint8Array([1, 2, 3])], { type: 'image/jpeg' }), width: 4, height: 3, createdAt: at })
  await old.table('outbox').bulkAdd(v1.outbox)
  await old.table('meta').bulkAdd(v1.meta)
  await old.table('drafts').add({ key: 'new-activity', value: { topic: '写了一半' }, savedAt: at })
  expect(old.verno).toBe(1)
  old.close()
}

describe('upgrading a v1 database', () => {
  it('keeps every record and outbox entry, and the later indexes work on them', async () => {
    const implementation = { indexedDB: new IDBFactory(), IDBKeyRange }
    await writeV1('upgrade-v1', implementation)
    const db = useDatabase('upgrade-v1', implementation)
    await db.open()
    expect(db.verno).toBe(5)
    // v5 dropped the updatedAt index nothing queried by
    expect(db.activities.schema.indexes.map((i) => i.name).sort()).toEqual(['date', 'deletedAt', 'photoIds'])
    expect((db.backendDB().transaction('activities').objectStore('activities').indexNames as DOMStringList).contains('updatedAt')).toBe(false)

    const byId = <T extends { id: string }>(rows: T[]) => [...rows].sort((a, b) => a.id.localeCompare(b.id))
    // v4 dates a tombstone's stay in 回收站 from its last change; live records get no such date
    const withDeletedAt = v1.activities.map((a) => (a.deleted ? { ...a, deletedAt: a.updatedAt } : a))
    expect(byId(await listAllActivities())).toEqual(byId(withDeletedAt))
    expect(await db.activities.where('deletedAt').aboveOrEqual('').primaryKeys()).toEqual([DELETED_ID])
    expect(await listMembers()).toEqual(v1.members)
    expect(await readSettings()).toEqual(v1.settings[0]!.value)
    expect(await db.outbox.orderBy('clientSeq').toArray()).toEqual(v1.outbox)
    expect(await db.drafts.get('new-activity')).toMatchObject({ value: { topic: '写了一半' } })
    expect((await readSession())?.me.user.role).toBe('secretary')

    // v3's index: refused entries counted apart from those waiting
    expect(await countPendingChanges()).toBe(2)
    expect((await readRejectedChanges()).map((r) => [r.clientSeq, r.reason])).toEqual([[1, '只有支部书记可以修改花名册']])
    expect((await readPushBatch(50, 'branch-1')).map((m) => m.clientSeq)).toEqual([2, 3])
    expect(await readSyncPosition()).toEqual({ cursor: 12, epoch: 'epoch-1', branchId: 'branch-1' })
    // v2's photo → record index and upload bookkeeping: the photo of the live record is offered for upload
    expect((await listPhotosToUpload(10)).map((p) => p.id)).toEqual([PHOTO_ID])
    expect(await db.activities.where('photoIds').equals(PHOTO_ID).primaryKeys()).toEqual([SYNCED_ID])

    // and the phone goes on numbering its changes after the last v1 one
    const next = await createActivity(themeDayFields({ topic: '升级后记的' }))
    expect((await db.outbox.orderBy('clientSeq').last())?.mutation).toMatchObject({ clientSeq: 4, clientId: CLIENT_ID, recordId: next.id })
  })
})
