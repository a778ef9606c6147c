// db writes consult mayChange with the signed-in member: a change the server would refuse is never saved or queued.
import { beforeEach, describe, expect, it } from 'vitest'
import {
  addMembers, ChangeNotAllowedError, countPendingChanges, createActivity, deleteActivity, getActivity,
  listMembers, readSettings, restoreActivity, saveSettings, setMemberActive, updateActivity, updateMember,
  useDatabase, type StoredMember,
} from '@client/db'
import { exportBackup, importBackup } from '@client/db/backup'
import { getDb } from '@client/db/connection'
import { answerPush, freshDatabase, themeDayFields } from './helpers'
import { signInLocally } from './session'

beforeEach(freshDatabase)

async function pendingAndRoster() {
  return { pending: await countPendingChanges(), roster: (await listMembers()).map((m) => ({ ...m })) }
}

describe('who may write what on this phone', () => {
  it('a member may not change the roster or the settings: refused in Chinese, nothing queued', async () => {
    const [zhang] = (await addMembers([{ name: '张三', role: 'member', group: '', active: true }])) as [StoredMember]
    await answerPush([1])
    await signInLocally('member')
    const before = await pendingAndRoster()
    const settingsBefore = await readSettings()
    await expect(addMembers([{ name: '李四', role: 'member', group: '', active: true }])).rejects.toThrow('只有支部书记可以修改花名册')
    await expect(updateMember(zhang.id, { ...zhang, name: '张叁' })).rejects.toBeInstanceOf(ChangeNotAllowedError)
    await expect(setMemberActive(zhang.id, false)).rejects.toThrow('只有支部书记可以修改花名册')
    await expect(saveSettings({ ...settingsBefore, branchName: '改名' })).rejects.toThrow('只有支部书记可以修改支部设置')
    expect(await pendingAndRoster()).toEqual(before)
    expect(await readSettings()).toEqual(settingsBefore)
  })

  it('a member edits and deletes only what they entered; another\'s record is refused and unchanged', async () => {
    await signInLocally('secretary', { userId: 'user-sec', memberId: 'member-sec' })
    const secretarys = await createActivity(themeDayFields({ topic: '书记记的' }))
    await answerPush([1])
    await getDb().activities.update(secretarys.id, { serverVersion: 4 })
    await signInLocally('member', { userId: 'user-m', memberId: 'member-m' })
    const mine = await createActivity(themeDayFields({ topic: '我记的' }))
    await expect(updateActivity(secretarys.id, themeDayFields({ topic: '偷改' }))).rejects.toThrow('只有录入人和支部书记')
    await expect(deleteActivity(secretarys.id)).rejects.toBeInstanceOf(ChangeNotAllowedError)
    expect(await getActivity(secretarys.id)).toMatchObject({ topic: '书记记的', deleted: false })
    expect(await countPendingChanges()).toBe(1)
    await updateActivity(mine.id, themeDayFields({ topic: '我改的' }))
    await deleteActivity(mine.id)
    await restoreActivity(mine.id)
    expect(await getActivity(mine.id)).toMatchObject({ topic: '我改的', deleted: false })
  })

  it('the secretary may change anything; a committee account nothing', async () => {
    await signInLocally('secretary')
    await addMembers([{ name: '张三', role: 'member', group: '', active: true }])
    await saveSettings({ ...(await readSettings()), branchName: '第一党支部' })
    expect(await countPendingChanges()).toBe(2)
    await signInLocally('committee')
    await expect(createActivity(themeDayFields())).rejects.toThrow('党委账号只能查看')
    expect(await countPendingChanges()).toBe(2)
  })

  it('a member importing a backup gets its records, not its roster or settings', async () => {
    await addMembers([{ name: '张三', role: 'member', group: '', active: true }])
    await saveSettings({ ...(await readSettings()), branchName: '备份里的支部' })
    const record = await createActivity(themeDayFields({ topic: '备份里的记录' }))
    const text = JSON.stringify(await exportBackup())
    useDatabase(`member-import-${Math.random()}`)
    await signInLocally('member')
    const summary = await importBackup(text)
    expect(summary).toMatchObject({ activitiesAdded: 1, membersAdded: 0, membersSkipped: 1, settingsApplied: false })
    expect(await listMembers()).toEqual([])
    expect((await readSettings()).branchName).not.toBe('备份里的支部')
    expect(await getActivity(record.id)).toMatchObject({ topic: '备份里的记录' })
    expect(await countPendingChanges()).toBe(1)
  })
})

describe('the shared record rules run before every write', () => {
  it('a backup whose record breaks a rule (请假 not among 应到) is refused whole', async () => {
    const ok = await createActivity(themeDayFields({ topic: '好的记录' }))
    const backup = await exportBackup()
    const bad = { ...backup.activities[0]!, id: '01900000-0000-7000-8000-0000000000c1', topic: '坏的记录',
      attendance: { expected: [], leave: [{ memberId: 'member-x', reason: '出差' }], absent: [], observers: '' } }
    backup.activities.push(bad)
    useDatabase(`rules-import-${Math.random()}`)
    await expect(importBackup(JSON.stringify(backup))).rejects.toThrow('须在应到名单中')
    expect(await getActivity(ok.id)).toBeUndefined()
    expect(await countPendingChanges()).toBe(0)
  })

  it('a backup whose roster entry breaks a rule is refused whole', async () => {
    await addMembers([{ name: '张三', role: 'member', group: '', active: true }])
    const backup = await exportBackup()
    backup.members[0]!.name = '   '
    useDatabase(`rules-roster-${Math.random()}`)
    await expect(importBackup(JSON.stringify(backup))).rejects.toThrow()
    expect(await listMembers()).toEqual([])
  })

  it('an edit that breaks a rule changes nothing', async () => {
    const record = await createActivity(themeDayFields({ topic: '原题' }))
    await expect(updateActivity(record.id, themeDayFields({ topic: '' }))).rejects.toThrow('请填写主题')
    expect(await getActivity(record.id)).toMatchObject({ topic: '原题' })
    expect(await countPendingChanges()).toBe(1)
  })

  it('settings that break a rule are not saved', async () => {
    const before = await readSettings()
    await expect(saveSettings({ ...before, groups: ['x'.repeat(31)] })).rejects.toThrow()
    expect(await readSettings()).toEqual(before)
    expect(await countPendingChanges()).toBe(0)
  })
})
