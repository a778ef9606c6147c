// @vitest-environment happy-dom
import 'fake-indexeddb/auto'
import { beforeEach, describe, expect, it } from 'vitest'
import { mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { createMemoryHistory, createRouter } from 'vue-router'
import JoinPage from '@client/pages/JoinPage.vue'
import { useAccountStore } from '@client/stores/account'
import { useDatabase } from '@client/db'
import { until, useBranchServer } from './helpers'

const branch = useBranchServer()

beforeEach(() => {
  useDatabase(`join-reset-${Math.random()}`)
  setActivePinia(createPinia())
})

describe('JoinPage with a password reset link', () => {
  it('names the account, asks nobody to pick from the roster, and sets the new password', async () => {
    const [zhou] = await branch.addRoster(['周五', '冯六'])
    const member = await branch.join(zhou)
    const reset = await branch.secretary.post(`/api/branch/accounts/${member.session.user.id}/reset-password`)
    expect(reset.status).toBe(201)
    const router = createRouter({ history: createMemoryHistory(), routes: [
      { path: '/join', component: JoinPage }, { path: '/account', component: { template: '<p>account</p>' } },
    ] })
    await router.push(reset.body.link)
    const wrapper = mount(JoinPage, { global: { plugins: [router] } })
    await until(() => wrapper.find('[data-testid="reset-for"]').exists(), 'the reset preview')
    expect(wrapper.get('[data-testid="reset-for"]').text()).toBe('为 周五 重新设置登录名和密码')
    expect(wrapper.find('.chip').exists()).toBe(false)
    expect(wrapper.find('input[name="displayName"]').exists()).toBe(false)
    await wrapper.get('input[name="username"]').setValue(member.session.user.username!)
    await wrapper.get('input[name="password"]').setValue('zhouwu-new-2026')
    await wrapper.get('form').trigger('submit')
    await until(() => router.currentRoute.value.path === '/account', 'the account page')
    expect(useAccountStore().me?.user).toMatchObject({ id: member.session.user.id, memberId: zhou })
    const username = member.session.user.username
    expect((await branch.api.post('/api/auth/signin', { username, password: member.password })).status).toBe(401)
    expect((await branch.api.post('/api/auth/signin', { username, password: 'zhouwu-new-2026' })).status).toBe(200)
  })
})
