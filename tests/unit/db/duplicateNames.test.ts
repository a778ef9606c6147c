// Two members of the same name: allowed when a 备注 tells them apart (王芳（第二党小组）); a bulk add skips and lists
// the names the roster already has; the join mapping never picks one of two same-name branch entries by itself.
import { beforeEach, describe, expect, it } from 'vitest'
import { addMembers, addMembersSkippingDuplicates, listMembers, updateMember, type StoredMember } from '@client/db'
import { beginRosterMapping, planRosterMapping } from '@client/db/join'
import { applyPullPage } from '@client/db/sync'
import { memberLabel } from '@shared/model/memberLabel'
import { buildLedgerRows } from '@shared/export/ledger'
import type { SyncRow } from '@shared/sync/protocol'
import { freshDatabase, readOutbox, themeDayFields } from './helpers'
import { signInLocally } from './session'

beforeEach(freshDatabase)

const member = (name: string, note?: string) => ({ name, role: 'member' as const, group: '', active: true, ...(note ? { note } : {}) })

describe('duplicate names on the roster', () => {
  it('a second 王芳 needs a 备注; with one, both are on the roster and shown apart', async () => {
    await addMembers([member('王芳')])
    await expect(addMembers([member('王芳')])).rejects.toThrow('名册中已有“王芳”，同名的请在备注中写明区别')
    const [second] = await addMembers([member('王芳', '第二党小组')]) as [StoredMember]
    expect((await listMembers()).map(memberLabel)).toEqual(['王芳', '王芳（第二党小组）'])
    // the 备注 syncs like any roster field
    expect((await readOutbox()).at(-1)?.fields).toMatchObject({ name: '王芳', note: '第二党小组' })
    // and the same 备注 twice is still a duplicate
    await expect(addMembers([member('王芳', '第二党小组')])).rejects.toThrow('名册中已有“王芳（第二党小组）”')
    // an edit that would make the two the same is refused too
    await expect(updateMember(second.id, { ...member('王芳'), order: second.order })).rejects.toThrow('名册中已有“王芳”')
    expect(memberLabel((await listMembers())[1]!)).toBe('王芳（第二党小组）')
  })

  it('exports print the name with its 备注', async () => {
    const [first, second] = await addMembers([member('王芳'), member('王芳', '第二党小组')]) as [StoredMember, StoredMember]
    const record = { ...themeDayFields({ attendance: { expected: [first.id, second.id], leave: [{ memberId: second.id, reason: '出差' }], absent: [first.id], observers: '' } }),
      id: 'r1', createdBy: 'x', createdAt: '2026-11-10T00:00:00Z', updatedAt: '2026-11-10T00:00:00Z', backfilled: false, deleted: false }
    const [row] = buildLedgerRows([record], 2026, await listMembers())
    expect(row?.leavePeople.map((p) => p.name)).toEqual(['王芳（第二党小组）'])
    expect(row?.absentPeople.map((p) => p.name)).toEqual(['王芳'])
  })

  it('a bulk add with duplicates adds the rest and lists what it skipped', async () => {
    await addMembers([member('王芳'), member('李明')])
    const result = await addMembersSkippingDuplicates([member('张三'), member('王芳'), member('赵六'), member('张三'), member('王芳', '第二党小组')])
    expect(result.added.map(memberLabel)).toEqual(['张三', '赵六', '王芳（第二党小组）'])
    expect(result.skipped.map((s) => s.name)).toEqual(['王芳', '张三'])
    expect(result.skipped[0]?.reason).toContain('名册中已有“王芳”')
    expect((await listMembers()).map(memberLabel)).toEqual(['王芳', '李明', '张三', '赵六', '王芳（第二党小组）'])
    // roster order stays consecutive: skipped names take no place
    expect((await listMembers()).map((m) => m.order)).toEqual([1, 2, 3, 4, 5])
  })

  it('an invalid name in a bulk add still refuses the whole list', async () => {
    await expect(addMembersSkippingDuplicates([member('张三'), member('超'.repeat(31))])).rejects.toThrow('姓名最多30字，现在31字')
    expect(await listMembers()).toEqual([])
  })
})

describe('the join mapping and two members of the same name', () => {
  function branchMember(id: string, name: string, order: number, note?: string): SyncRow {
    return {
      entity: 'member', id, version: order, deleted: false, redacted: false,
      data: { id, name, ...(note ? { note } : {}), role: 'member', group: '', active: true, order, createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z', deleted: false },
    }
  }
  const WANG_1 = '01900000-0000-7000-8000-0000000000e1'
  const WANG_2 = '01900000-0000-7000-8000-0000000000e2'

  async function joinWithBranch(rows: SyncRow[]) {
    await signInLocally('member')
    await beginRosterMapping()
    await applyPullPage({ reset: false, protocolVersion: 1, epoch: 'e1', branchId: 'branch-1', cursor: rows.length, hasMore: false, rows })
    return planRosterMapping()
  }

  it('does not auto-match a name the branch has twice', async () => {
    const [wang] = await addMembers([member('王芳')]) as [StoredMember]
    const plan = await joinWithBranch([branchMember(WANG_1, '王芳', 1), branchMember(WANG_2, '王芳', 2, '第二党小组')])
    expect(plan.matched).toEqual([])
    expect(plan.unmatched.map((e) => e.id)).toEqual([wang.id])
  })

  it('matches the one with the same 备注 when the local entry has it', async () => {
    const [wang] = await addMembers([member('王芳', '第二党小组')]) as [StoredMember]
    const plan = await joinWithBranch([branchMember(WANG_1, '王芳', 1), branchMember(WANG_2, '王芳', 2, '第二党小组')])
    expect(plan.matched.map((m) => [m.local.id, m.branch.id])).toEqual([[wang.id, WANG_2]])
  })
})
