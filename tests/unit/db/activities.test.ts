import { beforeEach, describe, expect, it } from 'vitest'
import {
  countPendingChanges, createActivity, deleteActivity, getActivity, listActivitiesOfMonth,
  restoreActivity, updateActivity, getDeviceId, saveDraft, readDraft,
} from '@client/db'
import { ValidationError } from '@shared/model/validate'
import { answerPush, freshDatabase, readOutbox, themeDayFields } from './helpers'
import { readRejectedChanges } from '@client/db/sync'
import { getDb } from '@client/db/connection'

beforeEach(freshDatabase)

describe('activity repository', () => {
  it('writes the record and its outbox entry together', async () => {
    const record = await createActivity(themeDayFields(), new Date('2026-11-10T02:00:00Z'))
    expect(await getActivity(record.id)).toMatchObject({ topic: '11月主题党日', deleted: false, backfilled: false })
    const outbox = await readOutbox(10)
    expect(outbox).toHaveLength(1)
    expect(outbox[0]).toMatchObject({ op: 'put', entity: 'activity', recordId: record.id, clientSeq: 1, baseVersion: null })
    expect(outbox[0]?.clientId).toBe(await getDeviceId())
    expect(outbox[0]?.fields).toMatchObject({ topic: '11月主题党日', date: '2026-11-10' })
  })

  it('rejects invalid input with Chinese messages and stores nothing', async () => {
    await expect(createActivity(themeDayFields({ topic: '  ' }))).rejects.toThrow(ValidationError)
    await expect(createActivity(themeDayFields({ topic: '  ' }))).rejects.toThrow('请填写主题')
    await expect(createActivity(themeDayFields({ date: '1999-12-31' }))).rejects.toThrow('日期不能早于2000年')
    await expect(createActivity(themeDayFields({ date: '2026-02-30' }))).rejects.toThrow('日期格式应为')
    await expect(createActivity(themeDayFields({ types: [] }))).rejects.toThrow('请选择活动类型')
    await expect(createActivity(themeDayFields({ date: '2099-01-01' }))).rejects.toThrow('日期不能晚于一年以后')
    expect(await countPendingChanges()).toBe(0)
    expect(await listActivitiesOfMonth(2026, 11)).toHaveLength(0)
  })

  it('marks records entered a week or more after the date as 补录', async () => {
    const late = await createActivity(themeDayFields({ date: '2026-10-01' }), new Date('2026-11-10T02:00:00Z'))
    const onTime = await createActivity(themeDayFields({ date: '2026-11-08' }), new Date('2026-11-10T02:00:00Z'))
    expect(late.backfilled).toBe(true)
    expect(onTime.backfilled).toBe(false)
  })

  it('queues only the changed fields of an edit, with strictly increasing sequence numbers', async () => {
    const record = await createActivity(themeDayFields())
    await updateActivity(record.id, themeDayFields({ topic: '重温入党誓词', place: '社区会议室' }))
    await updateActivity(record.id, themeDayFields({ topic: '重温入党誓词', place: '社区会议室' })) // no change
    const outbox = await readOutbox(10)
    expect(outbox.map((m) => m.clientSeq)).toEqual([1, 2])
    expect(Object.keys(outbox[1]?.fields ?? {}).sort()).toEqual(['place', 'topic', 'updatedAt'])
    expect((await getActivity(record.id))?.topic).toBe('重温入党誓词')
  })

  it('removing an optional field in an edit queues it as null', async () => {
    const record = await createActivity(themeDayFields({ types: ['partyLecture'], lecture: { speaker: '张书记', speakerRole: 'secretary' } }))
    await updateActivity(record.id, themeDayFields({ types: ['themeDay'] }))
    const outbox = await readOutbox(10)
    expect(outbox[1]?.fields).toMatchObject({ lecture: null, types: ['themeDay'] })
    expect((await getActivity(record.id))?.lecture).toBeUndefined()
  })

  it('soft-deletes, hides from lists, and undo restores', async () => {
    const record = await createActivity(themeDayFields())
    await deleteActivity(record.id)
    expect(await listActivitiesOfMonth(2026, 11)).toHaveLength(0)
    expect((await getActivity(record.id))?.deleted).toBe(true)
    expect(await restoreActivity(record.id)).toBe(record.id)
    expect((await listActivitiesOfMonth(2026, 11)).map((r) => r.id)).toEqual([record.id])
    // the delete never leaves the phone: it became a touch of the record (same sequence number, no gap)
    expect((await readOutbox(10)).map((m) => [m.clientSeq, m.op])).toEqual([[1, 'put'], [2, 'put']])
  })

  it('undo after the server has the delete brings the record back under its own id, as a restore', async () => {
    const record = await createActivity(themeDayFields({ topic: '要撤销删除的' }))
    await answerPush([1], [])
    await deleteActivity(record.id)
    await answerPush([2], []) // the server has the tombstone now
    expect(await restoreActivity(record.id)).toBe(record.id)
    expect((await listActivitiesOfMonth(2026, 11)).map((r) => [r.id, r.topic])).toEqual([[record.id, '要撤销删除的']])
    const outbox = await readOutbox(10)
    expect(outbox.map((m) => [m.op, m.recordId])).toEqual([['restore', record.id]])
    expect(outbox[0]?.fields).toMatchObject({ topic: '要撤销删除的', deleted: false })
  })

  it('lists a month filtered by type, multi-type events under each type', async () => {
    await createActivity(themeDayFields({ types: ['themeDay', 'generalMeeting'], date: '2026-11-02' }))
    await createActivity(themeDayFields({ types: ['committeeMeeting'], date: '2026-11-30', topic: '支委会' }))
    await createActivity(themeDayFields({ types: ['committeeMeeting'], date: '2026-12-01', topic: '12月支委会' }))
    expect(await listActivitiesOfMonth(2026, 11)).toHaveLength(2)
    expect(await listActivitiesOfMonth(2026, 11, 'generalMeeting')).toHaveLength(1)
    expect(await listActivitiesOfMonth(2026, 11, 'themeDay')).toHaveLength(1)
    expect((await listActivitiesOfMonth(2026, 11))[0]?.date).toBe('2026-11-30')
  })

  it('keeps rejected changes apart from the pending count', async () => {
    await createActivity(themeDayFields())
    await createActivity(themeDayFields())
    await answerPush([1], [{ clientSeq: 2, reason: '无权修改' }])
    expect(await countPendingChanges()).toBe(0)
    expect((await readRejectedChanges()).map((r) => r.reason)).toEqual(['无权修改'])
  })

  it('requires leave and absence to be among the expected members', async () => {
    const attendance = { expected: ['member-aaaa'], leave: [{ memberId: 'member-bbbb', reason: '出差' }], absent: [], observers: '' }
    await expect(createActivity(themeDayFields({ attendance }))).rejects.toThrow('须在应到名单中')
  })

  it('an edit begun before a sync changed other fields writes only what the member changed', async () => {
    const record = await createActivity(themeDayFields({ topic: '原来的主题', place: '原来的地点' }))
    const base = themeDayFields({ topic: '原来的主题', place: '原来的地点' })
    // meanwhile a sync brought the secretary's change of place
    await getDb().activities.update(record.id, { place: '书记改的地点', serverVersion: 5 })
    const saved = await updateActivity(record.id, { ...base, topic: '我改的主题' }, new Date(), base)
    expect(saved).toMatchObject({ topic: '我改的主题', place: '书记改的地点' })
    const last = (await readOutbox(10)).at(-1)
    expect(Object.keys(last?.fields ?? {}).sort()).toEqual(['topic', 'updatedAt'])
    expect(last?.baseVersion).toBe(5)
  })

  it('a save removes the form draft in its own transaction; a save that fails keeps it', async () => {
    await saveDraft('new-activity', { topic: '草稿' })
    await expect(createActivity(themeDayFields({ topic: '' }), new Date(), 'activity-draft-1', 'new-activity')).rejects.toThrow('请填写主题')
    expect(await readDraft('new-activity')).toEqual({ topic: '草稿' })
    await createActivity(themeDayFields(), new Date(), 'activity-draft-1', 'new-activity')
    expect(await readDraft('new-activity')).toBeUndefined()
    // the same id twice (a double tap) fails whole: the draft written meanwhile stays
    await saveDraft('new-activity', { topic: '又一份' })
    await expect(createActivity(themeDayFields(), new Date(), 'activity-draft-1', 'new-activity')).rejects.toThrow()
    expect(await readDraft('new-activity')).toEqual({ topic: '又一份' })
  })

  it('a save that fails moves no sequence number: the next one follows the last saved without a gap', async () => {
    const first = await createActivity(themeDayFields(), new Date(), 'activity-seq-1')
    await expect(createActivity(themeDayFields({ topic: '' }))).rejects.toThrow('请填写主题')
    // fails after its reads and the counter's write were issued in the transaction: all of it rolls back
    await expect(createActivity(themeDayFields({ topic: '重复编号' }), new Date(), 'activity-seq-1')).rejects.toThrow()
    const second = await createActivity(themeDayFields({ topic: '第二条' }))
    const outbox = await readOutbox()
    expect(outbox.map((m) => [m.recordId, m.clientSeq])).toEqual([[first.id, 1], [second.id, 2]])
    expect((await getActivity('activity-seq-1'))?.topic).toBe('11月主题党日')
    expect(new Set(outbox.map((m) => m.clientId))).toEqual(new Set([await getDeviceId()]))
    expect(second.createdBy).toBe(first.createdBy)
  })
})
