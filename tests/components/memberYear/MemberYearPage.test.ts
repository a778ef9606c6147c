// @vitest-environment happy-dom
// 我的 (src/client/pages/MemberYearPage.vue): a member's own year from this phone's records, private to the member
// and the secretary (src/shared/memberYearAccess.ts, mayViewMemberYear); a phone used alone sees every member's.
import 'fake-indexeddb/auto'
import { beforeEach, describe, expect, it } from 'vitest'
import { mount, RouterLinkStub } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { createMemoryHistory, createRouter } from 'vue-router'
import MemberYearPage from '@client/pages/MemberYearPage.vue'
import { addMembers, createActivity, useDatabase, type StoredMember } from '@client/db'
import { saveSession } from '@client/db/session'
import type { AccountRole } from '@shared/sync/account'
import type { ActivityFields } from '@shared/model/activity'
import { chinaDateOf } from '@shared/dates'
import { until } from '../support/until'

const year = Number(chinaDateOf().slice(0, 4))

function fields(over: Partial<ActivityFields>): ActivityFields {
  return { types: ['study'], date: `${year}-01-10`, place: '', topic: '集中学习', host: '', recorder: '', summary: '', resolution: '', photoIds: [], ...over }
}

let zhang: StoredMember
let li: StoredMember
let wang: StoredMember

async function signInAs(role: AccountRole, memberId: string | null) {
  await saveSession('token-for-test', {
    user: { id: `user-${role}`, username: role, displayName: role, role, memberId },
    branch: { id: 'branch-0001', name: '城东社区第一党支部' }, committee: null,
  })
}

async function mountAt(path: string) {
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [{ path: '/me', component: MemberYearPage }, { path: '/me/:id', component: MemberYearPage }],
  })
  await router.push(path)
  const wrapper = mount(MemberYearPage, { global: { plugins: [router], stubs: { RouterLink: RouterLinkStub } } })
  return { wrapper, router }
}

beforeEach(async () => {
  useDatabase(`member-year-${Math.random()}`)
  setActivePinia(createPinia())
  ;[zhang, li, wang] = (await addMembers([
    { name: '张书记', role: 'secretary', group: '', active: true },
    { name: '李明', role: 'member', group: '', active: true },
    { name: '王芳', role: 'member', group: '', active: true },
  ])) as [StoredMember, StoredMember, StoredMember]
  const everyone = [zhang.id, li.id, wang.id]
  await createActivity(fields({ study: { creditHours: 4 }, attendance: { expected: everyone, leave: [], absent: [wang.id], observers: '' } }))
  await createActivity(fields({ date: `${year}-01-20`, study: { creditHours: 30 }, attendance: { expected: everyone, leave: [{ memberId: wang.id, reason: '出差' }], absent: [], observers: '' } }))
  await createActivity(fields({ types: ['volunteer'], date: `${year}-01-25`, topic: '社区清扫', volunteer: { participants: 4, hours: 8, beneficiaries: 10, memberIds: [li.id, wang.id] } }))
})

const text = (w: ReturnType<typeof mount>, id: string) => w.get(`[data-testid="${id}"]`).text()

describe('MemberYearPage', () => {
  it('a signed-in member sees their own 学时 against 32, attendance by type and 志愿服务', async () => {
    await signInAs('member', li.id)
    const { wrapper } = await mountAt('/me')
    await until(() => wrapper.find('[data-testid="my-credit-hours"]').exists(), 'the year')
    expect(text(wrapper, 'my-year-title')).toContain(`我的${year}年`)
    expect(text(wrapper, 'my-credit-hours')).toBe('34')
    expect(text(wrapper, 'my-study-state')).toBe('已达到全年学时要求')
    expect(text(wrapper, 'my-attendance')).toContain('应到 2 次，出席 2 次')
    expect(wrapper.get('[data-type="study"]').text()).toContain('应到2次出席2请假0缺席0')
    expect(text(wrapper, 'my-volunteer')).toContain('参加 1 次，约 2 小时')
    expect(wrapper.find('select[name="memberYearMember"]').exists()).toBe(false)
  })

  it('a member cannot open another member’s year; the secretary can, and 56 学时 apply to the secretary', async () => {
    await signInAs('member', li.id)
    const member = await mountAt(`/me/${wang.id}`)
    await until(() => member.wrapper.find('[data-testid="my-year-refused"]').exists(), 'the refusal')
    expect(text(member.wrapper, 'my-year-refused')).toBe('只有本人和支部书记可以查看党员个人年度情况')
    expect(member.wrapper.find('[data-testid="my-credit-hours"]').exists()).toBe(false)

    setActivePinia(createPinia())
    await signInAs('secretary', zhang.id)
    const secretary = await mountAt(`/me/${wang.id}`)
    await until(() => secretary.wrapper.find('[data-testid="my-credit-hours"]').exists(), 'the year')
    expect(text(secretary.wrapper, 'my-year-title')).toContain(`王芳的${year}年`)
    expect(text(secretary.wrapper, 'my-credit-hours')).toBe('0')
    expect(text(secretary.wrapper, 'my-study-state')).toBe('还差 32 学时')
    expect(secretary.wrapper.get('[data-type="study"]').text()).toContain('请假1缺席1')
    // the secretary's own year, picked from the list
    await secretary.wrapper.get('select[name="memberYearMember"]').setValue(zhang.id)
    await until(() => secretary.router.currentRoute.value.path === `/me/${zhang.id}`, 'the route')
    await until(() => secretary.wrapper.find('[data-testid="my-year-title"]').text().includes('我的'), 'the secretary’s year')
    expect(text(secretary.wrapper, 'my-study-state')).toBe('还差 22 学时')
  })

  it('a phone used alone may open any member; an account not tied to the roster is told so; a committee account sees none', async () => {
    const alone = await mountAt('/me')
    await until(() => alone.wrapper.find('[data-testid="my-credit-hours"]').exists(), 'the year')
    expect((alone.wrapper.get('select[name="memberYearMember"]').element as HTMLSelectElement).value).toBe(zhang.id)
    expect(alone.wrapper.findAll('select[name="memberYearMember"] option').map((o) => o.text())).toEqual(['张书记（书记）', '李明（党员）', '王芳（党员）'])

    setActivePinia(createPinia())
    await signInAs('member', null)
    const unlinked = await mountAt('/me')
    await until(() => unlinked.wrapper.find('[data-testid="my-year-unlinked"]').exists(), 'the note')
    expect(text(unlinked.wrapper, 'my-year-unlinked')).toContain('还没有对应到名册中的党员')

    setActivePinia(createPinia())
    await signInAs('committee', null)
    const committee = await mountAt('/me')
    await until(() => committee.wrapper.find('[data-testid="my-year-refused"]').exists(), 'the refusal')
    expect(text(committee.wrapper, 'my-year-refused')).toBe('只有本人和支部书记可以查看党员个人年度情况')
  })
})
