// @vitest-environment happy-dom
// The join mapping screen over the real db/join.ts on fake-indexeddb: a phone used alone (roster + a record with
// attendance) has joined a branch and pulled its roster; same names are matched, the rest are picked or left as
// 非名册人员, and confirming rewrites the record to the branch's people with no one twice.
import 'fake-indexeddb/auto'
import { beforeEach, describe, expect, it } from 'vitest'
import { mount, RouterLinkStub } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { createMemoryHistory, createRouter } from 'vue-router'
import RosterMappingPage from '@client/pages/RosterMappingPage.vue'
import { addMembers, createActivity, getActivity, isRosterMappingPending, listMembers, useDatabase } from '@client/db'
import { beginRosterMapping } from '@client/db/join'
import { saveSession } from '@client/db/session'
import { applyPullPage } from '@client/db/sync'
import { until } from '../support/until'


const BRANCH_ROSTER = [
  { id: 'branch-zhang', name: '张书记', role: 'secretary' },
  { id: 'branch-liming', name: '李明', role: 'member' },
  { id: 'branch-zhaoqiang', name: '赵强', role: 'member' },
] as const

let recordId = ''

beforeEach(async () => {
  useDatabase(`mapping-page-${Math.random()}`)
  setActivePinia(createPinia())
  // The phone used alone: its own roster and a meeting with 刘伟 absent and 小赵 on leave.
  const own = await addMembers(['张书记', '李明', '刘伟', '小赵'].map((name, i) => ({ name, role: i === 0 ? 'secretary' as const : 'member' as const, group: '', active: true })))
  const id = (name: string) => own.find((m) => m.name === name)!.id
  const saved = await createActivity({
    types: ['themeDay'], date: '2026-11-10', place: '党员活动室', topic: '本机记的主题党日', host: '张书记', recorder: '',
    summary: '', resolution: '', photoIds: [],
    attendance: { expected: own.map((m) => m.id), leave: [{ memberId: id('小赵'), reason: '出差' }], absent: [id('刘伟')], observers: '' },
  }, new Date('2026-11-10T08:00:00Z'))
  recordId = saved.id
  // Joined as 李明: changes held back, the branch roster pulled.
  await saveSession('token-for-test', {
    user: { id: 'user-liming', username: 'liming', displayName: '李明', role: 'member', memberId: 'branch-liming' },
    branch: { id: 'branch-0001', name: '城南社区党支部' }, committee: null,
  })
  await beginRosterMapping()
  await applyPullPage({
    reset: false, protocolVersion: 1, epoch: 'epoch-1', branchId: 'branch-0001', cursor: 3, hasMore: false,
    rows: BRANCH_ROSTER.map((m, i) => ({
      entity: 'member' as const, id: m.id, version: i + 1, deleted: false, redacted: false,
      data: { ...m, group: '', active: true, order: i + 1, createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z', deleted: false },
    })),
  })
})

async function mountPage() {
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [{ path: '/join/roster', component: RosterMappingPage }, { path: '/account', component: { template: '<p>account</p>' } }],
  })
  await router.push('/join/roster')
  const wrapper = mount(RosterMappingPage, { global: { plugins: [router], stubs: { RouterLink: RouterLinkStub } } })
  await until(() => wrapper.find('[data-testid="mapping-confirm"]').exists(), 'the plan')
  return { wrapper, router }
}

const row = (wrapper: Awaited<ReturnType<typeof mountPage>>['wrapper'], name: string) => wrapper.get(`[data-local-name="${name}"]`)

describe('RosterMappingPage', () => {
  it('shows same names as matched, the rest to pick, and how many records mention each', async () => {
    const { wrapper } = await mountPage()
    const matched = wrapper.get('[data-testid="mapping-matched"]')
    expect(matched.findAll('[data-local-name]').map((r) => r.attributes('data-local-name'))).toEqual(['张书记', '李明'])
    expect(row(wrapper, '李明').text()).toContain('同名，已自动对应')
    expect((row(wrapper, '李明').get('select').element as HTMLSelectElement).value).toBe('branch-liming')
    const unmatched = wrapper.get('[data-testid="mapping-unmatched"]')
    expect(unmatched.findAll('[data-local-name]').map((r) => r.attributes('data-local-name'))).toEqual(['刘伟', '小赵'])
    expect(row(wrapper, '小赵').text()).toContain('本机 1 条记录提到')
    const choices = row(wrapper, '小赵').findAll('option').map((o) => o.text())
    expect(choices).toEqual(expect.arrayContaining(['赵强', '非名册人员']))
    // a member may not add to the branch roster: no such choice
    expect(choices.some((c) => c.includes('新党员'))).toBe(false)
    expect(wrapper.get('[data-testid="mapping-open"]').text()).toBe('还有 2 人未选择')
    expect(wrapper.get('[data-testid="mapping-confirm"]').attributes('disabled')).toBeDefined()
  })

  it('confirmed, the record names the branch\'s people, the phone\'s own roster is gone and nothing shows twice', async () => {
    const { wrapper, router } = await mountPage()
    await row(wrapper, '小赵').get('select').setValue('branch-zhaoqiang')
    await row(wrapper, '刘伟').get('select').setValue('outside-roster')
    expect(wrapper.find('[data-testid="mapping-open"]').exists()).toBe(false)
    await wrapper.get('[data-testid="mapping-confirm"]').trigger('click')
    await until(() => router.currentRoute.value.path === '/account', 'the account page')

    const record = await getActivity(recordId)
    expect(record?.attendance).toEqual({
      expected: ['branch-zhang', 'branch-liming', 'branch-zhaoqiang'],
      leave: [{ memberId: 'branch-zhaoqiang', reason: '出差' }], absent: [], observers: '',
    })
    expect((await listMembers()).map((m) => m.name).sort()).toEqual(['张书记', '李明', '赵强'].sort())
    expect(await isRosterMappingPending()).toBe(false)
  })

  it('another row\'s pick is marked in the list, so one tap does not give two people one name by mistake', async () => {
    const { wrapper } = await mountPage()
    await row(wrapper, '小赵').get('select').setValue('branch-zhaoqiang')
    const labels = row(wrapper, '刘伟').findAll('option').map((o) => o.text())
    expect(labels).toContain('赵强（已对应 小赵）')
  })
})

describe('RosterMappingPage for the secretary', () => {
  it('offers to keep a person as a new branch roster entry, chosen at first for those without a same name', async () => {
    await saveSession('token-for-test', {
      user: { id: 'user-zhang', username: 'zhang', displayName: '张书记', role: 'secretary', memberId: 'branch-zhang' },
      branch: { id: 'branch-0001', name: '城南社区党支部' }, committee: null,
    })
    const { wrapper, router } = await mountPage()
    expect((row(wrapper, '刘伟').get('select').element as HTMLSelectElement).value).toBe('keep-as-new')
    expect(row(wrapper, '刘伟').findAll('option').map((o) => o.text())).toContain('作为新党员加入支部名册')
    expect(wrapper.find('[data-testid="mapping-open"]').exists()).toBe(false)
    await row(wrapper, '小赵').get('select').setValue('branch-zhaoqiang')
    await wrapper.get('[data-testid="mapping-confirm"]').trigger('click')
    await until(() => router.currentRoute.value.path === '/account', 'the account page')
    expect((await listMembers()).map((m) => m.name).sort()).toEqual(['张书记', '李明', '赵强', '刘伟'].sort())
  })
})
