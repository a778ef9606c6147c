// @vitest-environment happy-dom
// The roster and the branch settings are the secretary's (src/shared/permissions.ts): a member sees them without
// edit controls and is told so; the secretary and a phone used alone get the controls.
import 'fake-indexeddb/auto'
import { beforeEach, describe, expect, it } from 'vitest'
import { mount, RouterLinkStub } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { createMemoryHistory, createRouter } from 'vue-router'
import RosterPage from '@client/pages/RosterPage.vue'
import SettingsPage from '@client/pages/SettingsPage.vue'
import { addMembers, useDatabase } from '@client/db'
import { saveSession } from '@client/db/session'
import type { AccountRole } from '@shared/sync/account'
import { until } from '../support/until'


async function signInAs(role: AccountRole) {
  await saveSession('token-for-test', {
    user: { id: `user-${role}`, username: role, displayName: role, role, memberId: null },
    branch: { id: 'branch-0001', name: '城东社区第一党支部' }, committee: null,
  })
}

async function mountPage(component: typeof RosterPage | typeof SettingsPage) {
  const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/', component }] })
  await router.push('/')
  return mount(component, { global: { plugins: [router], stubs: { RouterLink: RouterLinkStub } } })
}

beforeEach(async () => {
  useDatabase(`read-only-${Math.random()}`)
  setActivePinia(createPinia())
  // entered while the phone was used alone
  await addMembers([{ name: '张书记', role: 'secretary', group: '', active: true }, { name: '李明', role: 'member', group: '', active: true }])
})

describe('RosterPage', () => {
  it('a member sees the names, no edit controls, and that only the secretary may change the roster', async () => {
    await signInAs('member')
    const wrapper = await mountPage(RosterPage)
    await until(() => wrapper.find('[data-testid="roster-read-only"]').exists(), 'the read-only note')
    expect(wrapper.get('[data-testid="roster-read-only"]').text()).toContain('只有支部书记可以修改花名册')
    expect(wrapper.get('[data-testid="roster-list"]').text()).toContain('李明')
    expect(wrapper.find('[data-testid="roster-list"] button').exists()).toBe(false)
    expect(wrapper.find('input[name="memberName"]').exists()).toBe(false)
    expect(wrapper.find('textarea[name="bulkNames"]').exists()).toBe(false)
  })

  it('the secretary and a phone used alone may edit and add', async () => {
    await signInAs('secretary')
    const secretary = await mountPage(RosterPage)
    await until(() => secretary.find('[data-testid="roster-list"] button').exists(), 'the edit buttons')
    expect(secretary.find('input[name="memberName"]').exists()).toBe(true)
    expect(secretary.find('[data-testid="roster-read-only"]').exists()).toBe(false)

    useDatabase(`read-only-alone-${Math.random()}`)
    setActivePinia(createPinia())
    await addMembers([{ name: '王芳', role: 'member', group: '', active: true }])
    const alone = await mountPage(RosterPage)
    await until(() => alone.find('[data-testid="roster-list"] button').exists(), 'the edit buttons')
    expect(alone.find('input[name="memberName"]').exists()).toBe(true)
  })
})

describe('SettingsPage', () => {
  it('a member reads the settings with every field disabled and no save button', async () => {
    await signInAs('member')
    const wrapper = await mountPage(SettingsPage)
    await until(() => wrapper.find('[data-testid="settings-read-only"]').exists(), 'the read-only note')
    expect(wrapper.get('[data-testid="settings-read-only"]').text()).toContain('只有支部书记可以修改支部设置')
    expect(wrapper.get('fieldset.settings-fields').attributes('disabled')).toBeDefined()
    expect(wrapper.find('[data-testid="save-settings"]').exists()).toBe(false)
  })

  it('the secretary gets the save button and enabled fields', async () => {
    await signInAs('secretary')
    const wrapper = await mountPage(SettingsPage)
    await until(() => wrapper.find('[data-testid="save-settings"]').exists(), 'the save button')
    expect(wrapper.get('fieldset.settings-fields').attributes('disabled')).toBeUndefined()
    expect(wrapper.find('[data-testid="settings-read-only"]').exists()).toBe(false)
  })
})
