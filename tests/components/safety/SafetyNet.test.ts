// @vitest-environment happy-dom
// The safety net on screen: 删除 asks first and says where the record goes; 回收站 lists and restores; who entered a
// record shows with the roster's name (and 备注); "新同步 N 条" appears for others' records only; sign-out offers
// to remove the branch's records only once nothing waits to be sent. Records arrive as on a phone (applyPullPage).
import 'fake-indexeddb/auto'
import { beforeEach, describe, expect, it } from 'vitest'
import { mount, RouterLinkStub } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { createMemoryHistory, createRouter } from 'vue-router'
import ActivityDetailPage from '@client/pages/ActivityDetailPage.vue'
import RecycleBinPage from '@client/pages/RecycleBinPage.vue'
import NewSyncNotice from '@client/components/common/NewSyncNotice.vue'
import SignOutSheet from '@client/components/account/SignOutSheet.vue'
import ActivityListItem from '@client/components/activity/ActivityListItem.vue'
import { createActivity, getActivity, listAllActivities, useDatabase } from '@client/db'
import { saveSession } from '@client/db/session'
import { applyPullPage, applyPushResults } from '@client/db/sync'
import { getDb } from '@client/db/connection'
import type { SyncRow } from '@shared/sync/protocol'
import { RECYCLE_BIN_DAYS } from '@client/db/recycleBin'
import { until } from '../support/until'

const BRANCH = 'branch-0001'

async function signInAs(memberId: string, role: 'member' | 'secretary' = 'member') {
  await saveSession('token-for-test', {
    user: { id: `user-${memberId}`, username: memberId, displayName: '李明', role, memberId },
    branch: { id: BRANCH, name: '城东社区第一党支部' }, committee: null,
  })
}

const activityData = (id: string, createdBy: string, topic: string): Record<string, unknown> => ({
  id, createdBy, types: ['themeDay'], date: '2026-11-10', place: '党员活动室', topic, host: '', recorder: '',
  summary: '', resolution: '', photoIds: [], createdAt: '2026-11-10T02:05:00.000Z', updatedAt: '2026-11-10T02:05:00.000Z',
  backfilled: false, deleted: false,
})
const memberData = (id: string, name: string, note?: string): Record<string, unknown> => ({
  id, name, ...(note ? { note } : {}), role: 'member', group: '', active: true, order: 1,
  createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z', deleted: false,
})

let version = 0
async function pull(rows: { entity: 'activity' | 'member'; data: Record<string, unknown>; deleted?: boolean }[], hasMore = false) {
  const synced: SyncRow[] = rows.map((r) => ({ entity: r.entity, id: String(r.data.id), version: ++version, deleted: r.deleted ?? false, data: r.data, redacted: false }))
  await applyPullPage({ reset: false, protocolVersion: 1, epoch: 'epoch-1', branchId: BRANCH, cursor: version, hasMore, rows: synced })
}

function router() {
  return createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/', name: 'home', component: { template: '<p>home</p>' } },
      { path: '/activities', name: 'activities', component: { template: '<p>list</p>' } },
      { path: '/activities/recycle-bin', name: 'recycle-bin', component: RecycleBinPage },
      { path: '/activities/:id', name: 'activity', component: ActivityDetailPage },
    ],
  })
}

async function mountAt<T>(component: T, path: string) {
  const r = router()
  await r.push(path)
  return { wrapper: mount(component as never, { global: { plugins: [r], stubs: { RouterLink: RouterLinkStub } } }), router: r }
}

beforeEach(() => {
  useDatabase(`safety-net-${Math.random()}`)
  setActivePinia(createPinia())
  version = 0
})

describe('删除 asks first', () => {
  it('shows a sheet naming the record and 回收站; 取消 keeps it, 删除 moves it there', async () => {
    await signInAs('m-liming01')
    await pull([{ entity: 'activity', data: activityData('record-by-liming', 'm-liming01', '十一月主题党日') }])
    const { wrapper } = await mountAt(ActivityDetailPage, '/activities/record-by-liming')
    await until(() => wrapper.find('[data-testid="delete-activity"]').exists(), 'the delete button')
    await wrapper.get('[data-testid="delete-activity"]').trigger('click')
    const sheet = wrapper.get('[data-testid="confirm-sheet"]')
    expect(sheet.text()).toContain('删除这条记录？')
    expect(sheet.text()).toContain(`“十一月主题党日”将移入回收站。${RECYCLE_BIN_DAYS}天内可在回收站恢复。`)
    await wrapper.get('[data-testid="confirm-no"]').trigger('click')
    expect(wrapper.find('[data-testid="confirm-sheet"]').exists()).toBe(false)
    expect((await getActivity('record-by-liming'))?.deleted).toBe(false)

    await wrapper.get('[data-testid="delete-activity"]').trigger('click')
    await wrapper.get('[data-testid="confirm-yes"]').trigger('click')
    await until(async () => (await getActivity('record-by-liming'))?.deleted === true, 'the delete')
  })
})

describe('录入人 and 录入时间', () => {
  it('name the roster member (with 备注) and the time in China time, on the detail page and the list', async () => {
    await signInAs('m-liming01')
    await pull([
      { entity: 'member', data: memberData('m-wangfang2', '王芳', '第二党小组') },
      { entity: 'activity', data: activityData('record-by-wangfang', 'm-wangfang2', '王芳记的') },
    ])
    const { wrapper } = await mountAt(ActivityDetailPage, '/activities/record-by-wangfang')
    await until(() => wrapper.find('[data-testid="detail-entered-by"]').exists() && wrapper.get('[data-testid="detail-entered-by"]').text() === '王芳（第二党小组）', 'the roster name')
    expect(wrapper.get('[data-testid="detail-entered-at"]').text()).toBe('2026年11月10日 10:05')
    const item = mount(ActivityListItem, { props: { activity: (await getActivity('record-by-wangfang'))! }, global: { stubs: { RouterLink: RouterLinkStub } } })
    await until(() => item.get('[data-testid="entered-by"]').text().startsWith('王芳（第二党小组）'), 'the list line')
    expect(item.get('[data-testid="entered-by"]').text()).toBe('王芳（第二党小组） 录入于 11月10日 10:05')
  })
})

describe('回收站', () => {
  it('lists the deleted record with who entered it, and 恢复 brings it back', async () => {
    await signInAs('m-liming01')
    await pull([
      { entity: 'member', data: memberData('m-liming01', '李明') },
      { entity: 'activity', data: activityData('record-by-liming', 'm-liming01', '要恢复的主题党日') },
    ])
    await getDb().activities.update('record-by-liming', { deleted: true, deletedAt: new Date().toISOString() })
    const { wrapper } = await mountAt(RecycleBinPage, '/activities/recycle-bin')
    await until(() => wrapper.find('[data-testid="recycle-bin-list"]').exists(), 'the list')
    expect(wrapper.text()).toContain('删除的记录在这里保留 30 天')
    expect(wrapper.get('[data-testid="recycle-bin-list"]').text()).toContain('要恢复的主题党日')
    expect(wrapper.get('[data-testid="recycle-bin-list"]').text()).toContain('录入人 李明')
    await until(() => wrapper.find('[data-testid="restore-activity"]').exists(), 'the restore button')
    await wrapper.get('[data-testid="restore-activity"]').trigger('click')
    await until(() => wrapper.find('[data-testid="recycle-bin-empty"]').exists(), 'the empty bin')
    expect(wrapper.get('[data-testid="recycle-bin-empty"]').text()).toBe('回收站是空的：最近 30 天没有删除的记录。')
    expect((await getActivity('record-by-liming'))?.deleted).toBe(false)
  })

  it('offers no 恢复 of another member’s record, and says who may', async () => {
    await signInAs('m-liming01')
    await pull([{ entity: 'activity', data: activityData('record-by-wangfang', 'm-wangfang', '王芳记的') }])
    await getDb().activities.update('record-by-wangfang', { deleted: true, deletedAt: new Date().toISOString() })
    const { wrapper } = await mountAt(RecycleBinPage, '/activities/recycle-bin')
    await until(() => wrapper.find('[data-testid="recycle-bin-list"]').exists(), 'the list')
    expect(wrapper.find('[data-testid="restore-activity"]').exists()).toBe(false)
    expect(wrapper.text()).toContain('只有录入人和支部书记可以恢复')
  })
})

describe('新同步 N 条', () => {
  it('appears for records others entered, not for the first pull nor for this phone’s own pushes; × hides it', async () => {
    await signInAs('m-liming01')
    await pull([{ entity: 'activity', data: activityData('old-1', 'm-wangfang', '加入前就有的') }]) // the first pull: the branch's copy
    const { wrapper } = await mountAt(NewSyncNotice, '/')
    await new Promise((r) => setTimeout(r, 100))
    expect(wrapper.find('[data-testid="new-sync-notice"]').exists()).toBe(false)

    // this phone's own record, pushed and acknowledged, comes back in the next pull: no news
    const mine = await createActivity({ types: ['themeDay'], date: '2026-11-12', place: '', topic: '我记的', host: '', recorder: '', summary: '', resolution: '', photoIds: [] })
    const [sent] = (await getDb().outbox.toArray()).map((e) => e.mutation)
    await applyPushResults([sent!], [{ clientSeq: sent!.clientSeq, status: 'applied', version: version + 1 }])
    await pull([{ entity: 'activity', data: { ...(await getActivity(mine.id))!, serverVersion: undefined, createdBy: 'm-liming01' } }])
    await new Promise((r) => setTimeout(r, 100))
    expect(wrapper.find('[data-testid="new-sync-notice"]').exists()).toBe(false)

    await pull([
      { entity: 'activity', data: activityData('new-1', 'm-wangfang', '王芳新记的') },
      { entity: 'activity', data: activityData('new-2', 'm-zhangsan', '张三新记的') },
    ])
    await until(() => wrapper.find('[data-testid="new-sync-notice"]').exists(), 'the notice')
    expect(wrapper.get('[data-testid="new-sync-link"]').text()).toBe('新同步 2 条记录 查看')
    expect(wrapper.getComponent(RouterLinkStub).props('to')).toEqual({ path: '/activities', query: { synced: '1' } })
    await wrapper.get('[data-testid="new-sync-dismiss"]').trigger('click')
    await until(() => !wrapper.find('[data-testid="new-sync-notice"]').exists(), 'the notice to go')
    expect((await listAllActivities()).length).toBe(4)
  })
})

describe('退出登录 on a shared phone', () => {
  it('refuses to remove the records while a change waits, with the count; removes them once all is sent', async () => {
    await signInAs('m-liming01')
    await pull([{ entity: 'activity', data: activityData('synced-1', 'm-wangfang', '已同步的') }])
    await createActivity({ types: ['themeDay'], date: '2026-11-12', place: '', topic: '还没发出的', host: '', recorder: '', summary: '', resolution: '', photoIds: [] })
    const waiting = mount(SignOutSheet)
    await until(() => waiting.find('[data-testid="signout-unsent"]').exists(), 'the refusal')
    expect(waiting.get('[data-testid="signout-unsent"]').text()).toBe('本机还有 1 项修改未同步，同步完成后才能从本机删除。')
    expect(waiting.get('[data-testid="signout-remove"]').attributes('disabled')).toBeDefined()
    waiting.unmount()

    const [sent] = (await getDb().outbox.toArray()).map((e) => e.mutation)
    await applyPushResults([sent!], [{ clientSeq: sent!.clientSeq, status: 'applied', version: 50 }])
    const ready = mount(SignOutSheet)
    await until(() => ready.get('[data-testid="signout-remove"]').attributes('disabled') === undefined, 'the remove button')
    await ready.get('[data-testid="signout-remove"]').trigger('click')
    await until(() => ready.emitted('done') !== undefined, 'sign-out')
    expect(await listAllActivities()).toEqual([])
    expect(await getDb().meta.get('session')).toBeUndefined()
  })
})
