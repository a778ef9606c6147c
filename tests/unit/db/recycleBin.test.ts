// 回收站: what it lists (deleted in the last 30 days), 恢复 under the record's own id, and what is purged.
import { beforeEach, describe, expect, it } from 'vitest'
import { createActivity, deleteActivity, getActivity, listActivitiesOfMonth, restoreActivity, useDatabase } from '@client/db'
import { exportBackup, importBackup } from '@client/db/backup'
import { listRecycleBin, purgeExpiredTombstones } from '@client/db/recycleBin'
import { applyPullPage } from '@client/db/sync'
import { getDb } from '@client/db/connection'
import { answerPush, freshDatabase, readOutbox, themeDayFields } from './helpers'

beforeEach(freshDatabase)

const day = (iso: string) => new Date(`${iso}T02:00:00Z`)

describe('回收站', () => {
  it('lists records deleted in the last 30 days, newest deletion first, and nothing older', async () => {
    const old = await createActivity(themeDayFields({ topic: '四十天前删的' }), day('2026-10-01'))
    const recent = await createActivity(themeDayFields({ topic: '昨天删的' }), day('2026-10-01'))
    const earlier = await createActivity(themeDayFields({ topic: '十天前删的' }), day('2026-10-01'))
    await createActivity(themeDayFields({ topic: '没删的' }), day('2026-10-01'))
    await deleteActivity(old.id, day('2026-10-22'))
    await deleteActivity(earlier.id, day('2026-11-20'))
    await deleteActivity(recent.id, day('2026-11-29'))
    const shown = await listRecycleBin(day('2026-11-30'))
    expect(shown.map((r) => r.topic)).toEqual(['昨天删的', '十天前删的'])
    // exactly 30 days is still shown, a day more is not
    expect((await listRecycleBin(day('2026-11-19'))).map((r) => r.topic)).toContain('四十天前删的')
    expect((await listRecycleBin(day('2026-11-23'))).map((r) => r.topic)).not.toContain('四十天前删的')
  })

  it('恢复 of a delete the server already has queues a restore of the whole record under its own id', async () => {
    const record = await createActivity(themeDayFields({ topic: '删了又要回来的' }))
    await answerPush([1])
    await getDb().activities.update(record.id, { serverVersion: 7 })
    await deleteActivity(record.id)
    await answerPush([2])
    expect((await listRecycleBin()).map((r) => r.id)).toEqual([record.id])
    expect(await restoreActivity(record.id)).toBe(record.id)
    expect((await listActivitiesOfMonth(2026, 11)).map((r) => r.id)).toEqual([record.id])
    expect(await listRecycleBin()).toEqual([])
    expect((await getActivity(record.id))?.deletedAt).toBeUndefined()
    const outbox = await readOutbox()
    expect(outbox.map((m) => [m.op, m.recordId, m.baseVersion])).toEqual([['restore', record.id, 7]])
    expect(outbox[0]?.fields).toMatchObject({ topic: '删了又要回来的', date: '2026-11-10', types: ['themeDay'] })
    expect(outbox[0]?.fields).not.toHaveProperty('deletedAt')
    expect(outbox[0]?.fields).not.toHaveProperty('serverVersion')
  })

  it('a record deleted on another phone shows from when this phone learned of it', async () => {
    const record = await createActivity(themeDayFields({ topic: '别人删的' }))
    await answerPush([1])
    const before = Date.now()
    await applyPullPage({ rows: [{ entity: 'activity', id: record.id, version: 9, deleted: true, data: { id: record.id, deleted: true }, redacted: false }],
      cursor: 9, epoch: 'e1', branchId: 'branch-1', hasMore: false, reset: false, protocolVersion: 1 })
    const stored = await getActivity(record.id)
    expect(stored).toMatchObject({ deleted: true, topic: '别人删的', serverVersion: 9 })
    expect(Date.parse(stored!.deletedAt!)).toBeGreaterThanOrEqual(before - 1000)
    expect((await listRecycleBin()).map((r) => r.topic)).toEqual(['别人删的'])
  })

  it('purges tombstones older than 30 days that the server has; keeps one whose delete is not sent yet', async () => {
    const synced = await createActivity(themeDayFields({ topic: '已同步删除' }), day('2026-09-01'))
    const unsent = await createActivity(themeDayFields({ topic: '删除未发出' }), day('2026-09-01'))
    const recent = await createActivity(themeDayFields({ topic: '最近删除' }), day('2026-09-01'))
    await answerPush([1, 2, 3])
    await getDb().activities.bulkUpdate([synced, unsent, recent].map((r) => ({ key: r.id, changes: { serverVersion: 3 } })))
    await deleteActivity(synced.id, day('2026-10-01'))
    await deleteActivity(recent.id, day('2026-11-25'))
    await answerPush([4, 5])
    await deleteActivity(unsent.id, day('2026-10-01'))
    expect(await purgeExpiredTombstones(day('2026-11-30'))).toBe(1)
    expect(await getActivity(synced.id)).toBeUndefined()
    expect(await getActivity(unsent.id)).toMatchObject({ deleted: true })
    expect(await getActivity(recent.id)).toMatchObject({ deleted: true })
    expect((await readOutbox()).map((m) => [m.op, m.recordId])).toEqual([['delete', unsent.id]])
  })

  it('never purges on a phone used alone (nothing there is synced)', async () => {
    const record = await createActivity(themeDayFields(), day('2026-09-01'))
    await deleteActivity(record.id, day('2026-09-02'))
    expect(await purgeExpiredTombstones(day('2026-12-30'))).toBe(0)
    expect(await getActivity(record.id)).toMatchObject({ deleted: true })
  })

  it('a backup restored on another phone keeps its deleted records in 回收站', async () => {
    const record = await createActivity(themeDayFields({ topic: '备份里删掉的' }))
    await deleteActivity(record.id)
    const text = JSON.stringify(await exportBackup())
    useDatabase(`recycle-restore-${Math.random()}`)
    await importBackup(text)
    expect((await listRecycleBin()).map((r) => r.topic)).toEqual(['备份里删掉的'])
    expect(await restoreActivity(record.id)).toBe(record.id)
    expect((await listActivitiesOfMonth(2026, 11)).map((r) => r.topic)).toEqual(['备份里删掉的'])
  })
})
