// @vitest-environment happy-dom
// The detail page and the month list offer 修改/删除 only where the shared permission rules allow them, and show a
// redacted 谈心谈话 as such. Records arrive the way they do on a phone: pulled from the branch (applyPullPage) or
// entered here (createActivity), under a session saved as sign-in saves it.
import 'fake-indexeddb/auto'
import { beforeEach, describe, expect, it } from 'vitest'
import { mount, RouterLinkStub } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { createMemoryHistory, createRouter } from 'vue-router'
import ActivityDetailPage from '@client/pages/ActivityDetailPage.vue'
import ActivityLogPage from '@client/pages/ActivityLogPage.vue'
import ActivityListItem from '@client/components/activity/ActivityListItem.vue'
import { createActivity, getActivity, useDatabase } from '@client/db'
import { saveSession } from '@client/db/session'
import { applyPullPage } from '@client/db/sync'
import type { AccountRole } from '@shared/sync/account'
import { redactHeartTalk } from '@shared/sync/entities'
import { until } from '../support/until'


const BRANCH = 'branch-0001'

async function signInAs(role: AccountRole, memberId: string | null, userId = `user-${memberId ?? role}`) {
  await saveSession('token-for-test', {
    user: { id: userId, username: userId, displayName: userId, role, memberId },
    branch: { id: BRANCH, name: '城东社区第一党支部' }, committee: null,
  })
}

function record(id: string, createdBy: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id, createdBy, types: ['themeDay'], date: '2026-11-10', place: '党员活动室', topic: `主题党日 ${id}`, host: '', recorder: '',
    summary: '', resolution: '', photoIds: [], createdAt: '2026-11-10T02:00:00.000Z', updatedAt: '2026-11-10T02:00:00.000Z',
    backfilled: false, deleted: false, ...extra,
  }
}

async function pull(rows: { data: Record<string, unknown>; redacted?: boolean }[]) {
  await applyPullPage({
    reset: false, protocolVersion: 1, epoch: 'epoch-1', branchId: BRANCH, cursor: rows.length, hasMore: false,
    rows: rows.map((r, i) => ({ entity: 'activity', id: String(r.data.id), version: i + 1, deleted: false, data: r.data, redacted: r.redacted ?? false })),
  })
}

async function openDetail(id: string) {
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [{ path: '/activities/:id', component: ActivityDetailPage }, { path: '/activities', component: { template: '<p>list</p>' } }],
  })
  await router.push(`/activities/${id}`)
  const wrapper = mount(ActivityDetailPage, { global: { plugins: [router], stubs: { RouterLink: RouterLinkStub } } })
  await until(() => wrapper.find('[data-testid="detail-topic"]').exists(), 'the record')
  await until(() => wrapper.find('.actions').exists() || wrapper.find('[data-testid="change-refusal"]').exists(), 'the actions')
  return wrapper
}

const talk = record('talk-by-wangfang', 'm-wangfang', {
  types: ['heartTalk'], topic: '与李明谈心', place: '办公室', summary: '谈了工作和家庭',
  talk: { talker: '王芳', target: '李明', pair: 'committeeMember', mode: '当面', personCount: 1 },
})

beforeEach(() => {
  useDatabase(`detail-page-${Math.random()}`)
  setActivePinia(createPinia())
})

describe('ActivityDetailPage: 修改/删除 only where they will be accepted', () => {
  it('a member sees neither on a record another member entered, and is told who may change it', async () => {
    await signInAs('member', 'm-liming01')
    await pull([{ data: record('record-by-wangfang', 'm-wangfang') }])
    const wrapper = await openDetail('record-by-wangfang')
    expect(wrapper.find('[data-testid="edit-activity"]').exists()).toBe(false)
    expect(wrapper.find('[data-testid="delete-activity"]').exists()).toBe(false)
    expect(wrapper.get('[data-testid="change-refusal"]').text()).toContain('只有录入人和支部书记可以修改')
  })

  it('a member sees both on a record they entered, synced or not', async () => {
    await signInAs('member', 'm-liming01')
    await pull([{ data: record('record-by-liming', 'm-liming01') }])
    const synced = await openDetail('record-by-liming')
    expect(synced.find('[data-testid="edit-activity"]').exists()).toBe(true)
    expect(synced.find('[data-testid="delete-activity"]').exists()).toBe(true)
    expect(synced.find('[data-testid="change-refusal"]').exists()).toBe(false)

    const local = await createActivity({
      types: ['themeDay'], date: '2026-11-12', place: '', topic: '本机刚记的', host: '', recorder: '', summary: '', resolution: '', photoIds: [],
    }, new Date('2026-11-12T08:00:00Z'))
    const fresh = await openDetail(local.id)
    expect(fresh.find('[data-testid="edit-activity"]').exists()).toBe(true)
    expect(fresh.find('[data-testid="delete-activity"]').exists()).toBe(true)
  })

  it('the secretary sees both on anyone\'s record; a phone used alone on its own', async () => {
    await signInAs('secretary', 'm-secretary')
    await pull([{ data: record('record-by-wangfang', 'm-wangfang') }])
    const secretary = await openDetail('record-by-wangfang')
    expect(secretary.find('[data-testid="edit-activity"]').exists()).toBe(true)
    expect(secretary.find('[data-testid="delete-activity"]').exists()).toBe(true)

    useDatabase(`detail-page-alone-${Math.random()}`)
    setActivePinia(createPinia())
    const mine = await createActivity({
      types: ['themeDay'], date: '2026-11-12', place: '', topic: '独自使用', host: '', recorder: '', summary: '', resolution: '', photoIds: [],
    }, new Date('2026-11-12T08:00:00Z'))
    const alone = await openDetail(mine.id)
    expect(alone.find('[data-testid="edit-activity"]').exists()).toBe(true)
  })

  it('the edit form opened by its address on another\'s record says who may change it and offers no form', async () => {
    await signInAs('member', 'm-liming01')
    await pull([{ data: record('record-by-wangfang', 'm-wangfang') }])
    const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/activities/:id/edit', component: ActivityLogPage }] })
    await router.push('/activities/record-by-wangfang/edit')
    const wrapper = mount(ActivityLogPage, { global: { plugins: [router], stubs: { RouterLink: RouterLinkStub } } })
    await until(() => wrapper.find('[data-testid="save-error"]').exists(), 'the refusal')
    expect(wrapper.get('[data-testid="save-error"]').text()).toContain('只有录入人和支部书记可以修改')
    expect(wrapper.find('form').exists()).toBe(false)
  })

  it('a committee account reads only', async () => {
    await signInAs('committee', null)
    await pull([{ data: record('record-by-wangfang', 'm-wangfang') }])
    const wrapper = await openDetail('record-by-wangfang')
    expect(wrapper.find('.actions').exists()).toBe(false)
    expect(wrapper.get('[data-testid="change-refusal"]').text()).toContain('党委账号只能查看')
  })
})

describe('a 谈心谈话 withheld by the server', () => {
  it('reads "谈心谈话（内容仅书记可见）" in the detail page and the list, never "与 —"', async () => {
    await signInAs('member', 'm-liming01')
    await pull([{ data: redactHeartTalk(talk), redacted: true }])
    const wrapper = await openDetail('talk-by-wangfang')
    expect(wrapper.get('[data-testid="detail-topic"]').text()).toBe('谈心谈话（内容仅书记可见）')
    expect(wrapper.get('[data-testid="detail-talk"]').text()).toBe('支委与党员，当面，1 人次')
    expect(wrapper.text()).not.toContain('与 —')
    expect(wrapper.text()).not.toContain('内容不公开')
    expect(wrapper.find('[data-testid="edit-activity"]').exists()).toBe(false)

    const stored = await getActivity('talk-by-wangfang')
    const item = mount(ActivityListItem, { props: { activity: stored! }, global: { stubs: { RouterLink: RouterLinkStub } } })
    expect(item.get('.topic').text()).toBe('谈心谈话（内容仅书记可见）')
  })

  it('its author and the secretary read the talk in full', async () => {
    await signInAs('secretary', 'm-secretary')
    await pull([{ data: talk }])
    const wrapper = await openDetail('talk-by-wangfang')
    expect(wrapper.get('[data-testid="detail-topic"]').text()).toBe('与李明谈心')
    expect(wrapper.get('[data-testid="detail-talk"]').text()).toBe('王芳 与 李明，支委与党员，当面，1 人次')
  })
})
