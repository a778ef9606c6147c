import { beforeEach, describe, expect, it } from 'vitest'
import {
  addMembers, countPendingChanges, createActivity, deleteActivity, listAllActivities,
  listMembers, readSettings, saveSettings, savePhoto, getPhoto, useDatabase,
} from '@client/db'
import { defaultSettings } from '@shared/rules'
import { answerPush, freshDatabase, readOutbox, themeDayFields } from './helpers'
import { exportBackup, importBackup } from '@client/db/backup'
import { getDb } from '@client/db/connection'
import { META_KEYS } from '@client/db/metaKeys'

async function stampServerVersionForTest(id: string, version: number) {
  await getDb().activities.update(id, { serverVersion: version })
}

beforeEach(freshDatabase)

async function seedDevice() {
  await saveSettings({ ...defaultSettings(), branchName: '第一党支部' })
  const [zhang] = await addMembers([{ name: '张三', role: 'secretary', group: '', active: true }])
  const kept = await createActivity(themeDayFields({ topic: '学习二十届四中全会精神' }))
  const gone = await createActivity(themeDayFields({ topic: '录错的一条' }))
  await deleteActivity(gone.id)
  await savePhoto({ id: 'photo-0001', activityId: kept.id, blob: new Blob([new Uint8Array([1, 2, 3, 250])], { type: 'image/jpeg' }), width: 4, height: 3, createdAt: new Date().toISOString() })
  return { zhang, kept, gone }
}

describe('backup', () => {
  it('round-trips everything into an empty device, tombstones included', async () => {
    const { kept, gone } = await seedDevice()
    const text = JSON.stringify(await exportBackup())
    useDatabase(`restore-${Math.random()}`)
    const summary = await importBackup(text)
    expect(summary).toEqual({ activitiesAdded: 2, activitiesKept: 0, membersAdded: 1, membersSkipped: 0, photosAdded: 1, settingsApplied: true })
    const all = await listAllActivities()
    expect(all.find((a) => a.id === kept.id)?.topic).toBe('学习二十届四中全会精神')
    expect(all.find((a) => a.id === gone.id)?.deleted).toBe(true)
    expect((await listMembers()).map((m) => m.name)).toEqual(['张三'])
    expect((await readSettings()).branchName).toBe('第一党支部')
    const photo = await getPhoto('photo-0001')
    expect(new Uint8Array(await photo!.blob.arrayBuffer())).toEqual(new Uint8Array([1, 2, 3, 250]))
  })

  it('importing the same backup twice adds nothing the second time', async () => {
    await seedDevice()
    const text = JSON.stringify(await exportBackup())
    const again = await importBackup(text)
    expect(again.activitiesAdded).toBe(0)
    expect(again.activitiesKept).toBe(2)
    expect(await listAllActivities()).toHaveLength(2)
  })

  const badFiles: [string, string, RegExp][] = [
    ['not JSON', '{oops', /不是有效的备份文件/],
    ['a foreign JSON file', JSON.stringify({ hello: 'world' }), /不是支部纪实的备份文件/],
    ['a newer format version', JSON.stringify({ format: 'zhibu-jishi-backup', version: 99 }), /更新版本/],
  ]
  for (const [name, text, message] of badFiles) {
    it(`refuses ${name} and changes nothing`, async () => {
      await seedDevice()
      const before = await countPendingChanges()
      await expect(importBackup(text)).rejects.toThrow(message)
      expect(await countPendingChanges()).toBe(before)
      expect(await listAllActivities()).toHaveLength(2)
    })
  }

  it('refuses a damaged backup whole: no partial import', async () => {
    await seedDevice()
    const backup = await exportBackup()
    const broken = structuredClone(backup)
    broken.activities.push({ ...broken.activities[0]!, id: 'another-0001', date: 'yesterday' })
    useDatabase(`restore-${Math.random()}`)
    await expect(importBackup(JSON.stringify(broken))).rejects.toThrow(/备份文件已损坏.*activities\.2\.date/)
    expect(await listAllActivities()).toHaveLength(0)
    expect(await listMembers()).toHaveLength(0)
  })

  it('a bad record late in a long file, after earlier records were already on their way to IndexedDB, still changes nothing', async () => {
    await seedDevice()
    const backup = await exportBackup()
    const long = structuredClone(backup)
    const template = long.activities.find((a) => !a.deleted)!
    for (let i = 0; i < 1200; i++) long.activities.push({ ...template, id: `bulk-${String(i).padStart(4, '0')}` })
    long.activities[1100] = { ...long.activities[1100]!, date: 'yesterday' }
    useDatabase(`restore-${Math.random()}`)
    await expect(importBackup(JSON.stringify(long))).rejects.toThrow(/备份文件已损坏.*activities\.1100\.date/)
    expect(await listAllActivities()).toHaveLength(0)
    expect(await listMembers()).toHaveLength(0)
    expect(await readOutbox(10)).toEqual([])
    long.activities[1100] = { ...template, id: 'bulk-fixed' }
    expect(await importBackup(JSON.stringify(long))).toMatchObject({ activitiesAdded: 1202 })
    // the member, 1,202 activities (the tombstone as a delete) and the settings, under consecutive numbers
    expect((await readOutbox(2000)).map((m) => m.clientSeq)).toEqual(Array.from({ length: 1204 }, (_, i) => i + 1))
  })

  it('checks each activity by the same rules as a save, once: a cross-field slip or an unknown field is refused', async () => {
    await seedDevice()
    const backup = await exportBackup()
    const attendance = { expected: ['member-0001'], leave: [], absent: ['member-0002'], observers: '' }
    const overfull = structuredClone(backup)
    overfull.activities.push({ ...overfull.activities[0]!, id: 'another-0002', attendance })
    const unknown = structuredClone(backup)
    unknown.activities.push({ ...unknown.activities[0]!, id: 'another-0003', secretNote: 'x' } as never)
    useDatabase(`restore-${Math.random()}`)
    await expect(importBackup(JSON.stringify(overfull))).rejects.toThrow('备份文件已损坏或内容无效（activities.2.attendance）：请假或缺席的人员须在应到名单中')
    await expect(importBackup(JSON.stringify(unknown))).rejects.toThrow(/备份文件已损坏或内容无效（activities\.2\.secretNote）：未知字段/)
    expect(await listAllActivities()).toHaveLength(0)
    // what passed is stored as the rules returned it, beside its envelope (author, times, tombstone flag)
    await importBackup(JSON.stringify(backup))
    const stored = await listAllActivities()
    expect(stored.map((a) => [a.topic, a.deleted, a.createdBy === backup.activities[0]!.createdBy]).sort())
      .toEqual([['学习二十届四中全会精神', false, true], ['录错的一条', true, true]].sort())
  })

  it('queues only local-only work: a copy of server data is restored on the phone but never pushed back', async () => {
    const local = await createActivity(themeDayFields({ topic: '只在本机的' }))
    const synced = await createActivity(themeDayFields({ topic: '服务器上已有的' }))
    await answerPush([1, 2], [])
    await stampServerVersionForTest(synced.id, 17)
    const backup = await exportBackup()
    expect(backup.activities.find((a) => a.id === synced.id)?.syncedVersion).toBe(17)
    expect(backup.activities.find((a) => a.id === local.id)?.syncedVersion).toBeUndefined()
    useDatabase(`restore-${Math.random()}`)
    await importBackup(JSON.stringify(backup))
    expect((await readOutbox(10)).map((m) => m.recordId)).toEqual([local.id])
    expect((await listAllActivities()).map((a) => a.topic).sort()).toEqual(['只在本机的', '服务器上已有的'].sort())
  })

  it('a failure part-way through the write leaves nothing half-applied, and the corrected file then imports whole', async () => {
    const { kept } = await seedDevice()
    const backup = await exportBackup()
    useDatabase(`restore-${Math.random()}`)
    await createActivity(themeDayFields({ topic: '新手机上先记的一条' }))
    const outboxBefore = await readOutbox()
    const counterBefore = (await getDb().meta.get(META_KEYS.lastClientSeq))?.value
    // Passes the file checks, then fails while the photos are written (after members and activities were added).
    const broken = structuredClone(backup)
    broken.photos[0]!.base64 = '这不是照片数据'
    await expect(importBackup(JSON.stringify(broken))).rejects.toThrow()
    expect((await listAllActivities()).map((a) => a.topic)).toEqual(['新手机上先记的一条'])
    expect(await listMembers()).toHaveLength(0)
    expect(await getPhoto('photo-0001')).toBeUndefined()
    expect(await readOutbox()).toEqual(outboxBefore)
    expect((await getDb().meta.get(META_KEYS.lastClientSeq))?.value).toBe(counterBefore)

    const summary = await importBackup(JSON.stringify(backup))
    expect(summary).toMatchObject({ activitiesAdded: 2, membersAdded: 1, photosAdded: 1 })
    expect((await listAllActivities()).find((a) => a.id === kept.id)?.topic).toBe('学习二十届四中全会精神')
  })

  it('queues every local-only record under consecutive sequence numbers, and later saves continue after them', async () => {
    await seedDevice()
    const backup = await exportBackup()
    useDatabase(`restore-${Math.random()}`)
    const first = await createActivity(themeDayFields({ topic: '导入前记的' }))
    await importBackup(JSON.stringify(backup))
    const after = await createActivity(themeDayFields({ topic: '导入后记的' }))
    const outbox = await readOutbox()
    expect(outbox.map((m) => m.clientSeq)).toEqual(outbox.map((_, i) => i + 1))
    // the day's save, then roster, activities (the tombstone as a delete) and settings in file order, then the next save
    expect(outbox.map((m) => `${m.entity}:${m.op}`)).toEqual([
      'activity:put', 'member:put', 'activity:put', 'activity:delete', 'settings:put', 'activity:put',
    ])
    expect(outbox[0]!.recordId).toBe(first.id)
    expect(outbox.at(-1)!.recordId).toBe(after.id)
    expect(new Set(outbox.map((m) => m.clientId)).size).toBe(1)
  })
})
