// A phone used alone joins a branch: its roster is mapped onto the branch's before anything is pushed.
import { beforeEach, describe, expect, it } from 'vitest'
import {
  addMembers, ChangeNotAllowedError, createActivity, getActivity, isRosterMappingPending, listMembers, readSettings,
  rosterForDisplay, saveSettings, type StoredMember,
} from '@client/db'
import { applyRosterMapping, beginRosterMapping, hasLocalDataToMap, KEEP_AS_NEW, planRosterMapping } from '@client/db/join'
import { getDb } from '@client/db/connection'
import { applyPullPage, readPushBatch, readSyncPosition } from '@client/db/sync'
import type { SyncRow } from '@shared/sync/protocol'
import { freshDatabase, readOutbox, themeDayFields } from './helpers'
import { signInLocally } from './session'

beforeEach(freshDatabase)

const BRANCH_ZHANG = '01900000-0000-7000-8000-00000000000a'
const BRANCH_ZHAO = '01900000-0000-7000-8000-00000000000b'

function memberRow(id: string, name: string, order: number): SyncRow {
  return {
    entity: 'member', id, version: order, deleted: false, redacted: false,
    data: { id, name, role: 'member', group: '', active: true, order, createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z', deleted: false },
  }
}

/** The branch's roster and settings arrive by a pull, as the engine applies them. */
async function pullBranchRoster(): Promise<void> {
  const settings: SyncRow = {
    entity: 'settings', id: 'branch-1', version: 3, deleted: false, redacted: false,
    data: { branchName: '第一党支部', defaultPlace: '支部活动室', groups: [], rules: [] },
  }
  await applyPullPage({
    reset: false, protocolVersion: 1, epoch: 'e1', branchId: 'branch-1', cursor: 3, hasMore: false,
    rows: [memberRow(BRANCH_ZHANG, '张三', 1), memberRow(BRANCH_ZHAO, '赵六', 2), settings],
  })
}

/** A phone used alone: its own roster of three, its settings, and a meeting with attendance, all queued. */
async function phoneUsedAlone() {
  const [zhang, li, wang] = (await addMembers([
    { name: '张三 ', role: 'member', group: '', active: true },
    { name: '李四', role: 'member', group: '', active: true },
    { name: '王五', role: 'member', group: '', active: true },
  ])) as [StoredMember, StoredMember, StoredMember]
  await saveSettings({ ...(await readSettings()), branchName: '我自己的支部' })
  const meeting = await createActivity(themeDayFields({
    topic: '十一月主题党日',
    attendance: { expected: [zhang.id, li.id, wang.id], leave: [{ memberId: li.id, reason: '出差' }], absent: [], observers: '社区主任' },
  }))
  const other = await createActivity(themeDayFields({ topic: '没有考勤的记录' }))
  return { zhang, li, wang, meeting, other }
}

describe('joining a branch with local data', () => {
  it('holds back every queued change while the mapping is pending; pulls still apply', async () => {
    await phoneUsedAlone()
    expect(await hasLocalDataToMap()).toBe(true)
    await signInLocally('member')
    await beginRosterMapping()
    expect(await isRosterMappingPending()).toBe(true)
    expect(await readPushBatch(50, 'branch-1')).toEqual([])
    await pullBranchRoster()
    expect((await readSyncPosition()).cursor).toBe(3)
    // nothing twice: the roster shows the branch's entries only
    expect((await rosterForDisplay()).map((m) => m.name)).toEqual(['张三', '赵六'])
    expect((await listMembers()).length).toBe(5)
  })

  it('plans: same names matched (trimmed), the rest listed with how many records name them', async () => {
    const { zhang, li, wang } = await phoneUsedAlone()
    await signInLocally('member')
    await beginRosterMapping()
    await pullBranchRoster()
    const plan = await planRosterMapping()
    expect(plan.matched.map((p) => [p.local.id, p.branch.id])).toEqual([[zhang.id, BRANCH_ZHANG]])
    expect(plan.unmatched.map((e) => [e.id, e.name, e.recordCount])).toEqual([[li.id, '李四', 1], [wang.id, '王五', 1]])
    expect(plan.branchRoster.map((b) => b.name)).toEqual(['张三', '赵六'])
    expect(plan.mayKeepAsNew).toBe(false)
  })

  it('a member: attendance rewritten in records and queued changes, the rest left as 非名册人员, roster and settings changes dropped', async () => {
    const { zhang, li, wang, meeting, other } = await phoneUsedAlone()
    await signInLocally('member', { memberId: BRANCH_ZHAO })
    await beginRosterMapping()
    await pullBranchRoster()
    expect((await readSettings()).branchName).toBe('我自己的支部') // the queued local change is overlaid until mapped
    await applyRosterMapping({ [li.id]: BRANCH_ZHAO, [wang.id]: null })

    const expectedSheet = { expected: [BRANCH_ZHANG, BRANCH_ZHAO], leave: [{ memberId: BRANCH_ZHAO, reason: '出差' }], absent: [], observers: '社区主任、王五' }
    expect((await getActivity(meeting.id))?.attendance).toEqual(expectedSheet)
    expect((await getActivity(other.id))?.attendance).toBeUndefined()
    expect(await isRosterMappingPending()).toBe(false)
    const queued = await readOutbox()
    expect(queued.map((m) => [m.entity, m.recordId])).toEqual([['activity', meeting.id], ['activity', other.id]])
    expect(queued[0]?.fields.attendance).toEqual(expectedSheet)
    // the local roster is gone; the next sync pushes (and the branch's settings are pulled again)
    expect((await listMembers()).map((m) => m.id)).toEqual([BRANCH_ZHANG, BRANCH_ZHAO])
    expect(await getDb().members.get(zhang.id)).toBeUndefined()
    expect((await readPushBatch(50, 'branch-1')).map((m) => m.recordId)).toEqual([meeting.id, other.id])
    expect((await readSyncPosition()).cursor).toBe(0)
  })

  it('a 志愿服务 names branch members after mapping; one left as 非名册人员 is still counted in 参与人次', async () => {
    const { zhang, li, wang } = await phoneUsedAlone()
    const service = await createActivity(themeDayFields({
      types: ['volunteer'], topic: '社区清洁', volunteer: { participants: 4, hours: 8, beneficiaries: 30, memberIds: [zhang.id, li.id, wang.id] },
    }))
    expect((await planRosterMapping()).unmatched.find((e) => e.id === li.id)?.recordCount).toBe(2)
    await signInLocally('member', { memberId: BRANCH_ZHAO })
    await beginRosterMapping()
    await pullBranchRoster()
    await applyRosterMapping({ [li.id]: BRANCH_ZHAO, [wang.id]: null })
    const expected = { participants: 4, hours: 8, beneficiaries: 30, memberIds: [BRANCH_ZHANG, BRANCH_ZHAO] }
    expect((await getActivity(service.id))?.volunteer).toEqual(expected)
    expect((await readOutbox()).find((m) => m.recordId === service.id)?.fields.volunteer).toEqual(expected)
  })

  it('a secretary may keep unmatched entries as new roster entries, queued with their settings', async () => {
    const { zhang, li, wang, meeting } = await phoneUsedAlone()
    await signInLocally('secretary')
    await beginRosterMapping()
    await pullBranchRoster()
    const plan = await planRosterMapping()
    expect(plan.mayKeepAsNew).toBe(true)
    await applyRosterMapping({ [li.id]: KEEP_AS_NEW, [wang.id]: KEEP_AS_NEW })
    expect((await getActivity(meeting.id))?.attendance?.expected).toEqual([BRANCH_ZHANG, li.id, wang.id])
    const queued = await readOutbox()
    expect(queued.filter((m) => m.entity === 'member').map((m) => m.recordId)).toEqual([li.id, wang.id])
    expect(queued.some((m) => m.entity === 'member' && m.recordId === zhang.id)).toBe(false)
    expect(queued.some((m) => m.entity === 'settings')).toBe(true)
    expect((await rosterForDisplay()).map((m) => m.name)).toEqual(['张三', '赵六', '李四', '王五'])
  })

  it('a member cannot keep entries as new: refused, and nothing changes', async () => {
    const { li, meeting } = await phoneUsedAlone()
    await signInLocally('member')
    await beginRosterMapping()
    await pullBranchRoster()
    const before = await readOutbox()
    await expect(applyRosterMapping({ [li.id]: KEEP_AS_NEW })).rejects.toBeInstanceOf(ChangeNotAllowedError)
    expect(await readOutbox()).toEqual(before)
    expect((await getActivity(meeting.id))?.attendance?.expected).toContain(li.id)
    expect(await isRosterMappingPending()).toBe(true)
  })

  it('refuses a choice that is not on the branch roster, changing nothing', async () => {
    const { li } = await phoneUsedAlone()
    await signInLocally('member')
    await beginRosterMapping()
    await pullBranchRoster()
    await expect(applyRosterMapping({ [li.id]: '01900000-0000-7000-8000-0000000000ff' })).rejects.toThrow('李四')
    expect(await isRosterMappingPending()).toBe(true)
    expect((await listMembers()).length).toBe(5)
  })

  it('a phone with no roster of its own has nothing to map', async () => {
    await createActivity(themeDayFields())
    expect(await hasLocalDataToMap()).toBe(false)
    await pullBranchRoster()
    expect(await hasLocalDataToMap()).toBe(false)
  })
})
