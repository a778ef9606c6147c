// @vitest-environment happy-dom
import 'fake-indexeddb/auto'
import { beforeEach, describe, expect, it } from 'vitest'
import { mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import ChangePasswordForm from '@client/components/account/ChangePasswordForm.vue'
import { useAccountStore } from '@client/stores/account'
import { useDatabase } from '@client/db'
import { signInPhoneAs, until, useBranchServer } from './helpers'

const branch = useBranchServer()

beforeEach(() => {
  useDatabase(`change-password-${Math.random()}`)
  setActivePinia(createPinia())
})

async function mountSignedIn() {
  const member = await branch.join()
  await signInPhoneAs(member.api)
  const account = useAccountStore()
  await until(() => account.signedIn, 'the session')
  const wrapper = mount(ChangePasswordForm)
  return { wrapper, member }
}

async function fill(wrapper: ReturnType<typeof mount>, oldPassword: string, newPassword: string, repeat = newPassword) {
  await wrapper.get('input[name="oldPassword"]').setValue(oldPassword)
  await wrapper.get('input[name="newPassword"]').setValue(newPassword)
  await wrapper.get('input[name="repeatPassword"]').setValue(repeat)
  await wrapper.get('form').trigger('submit')
}

describe('ChangePasswordForm', () => {
  it('changes the password, says other devices were signed out, and the old password no longer signs in', async () => {
    const { wrapper, member } = await mountSignedIn()
    const otherDevice = await branch.api.post('/api/auth/signin', { username: member.session.user.username, password: 'member-pass-1' })
    expect(otherDevice.status).toBe(200)
    await fill(wrapper, 'member-pass-1', '青松翠柏-2026')
    await until(() => wrapper.find('[data-testid="password-changed"]').exists(), 'the success notice')
    expect(wrapper.get('[data-testid="password-changed"]').text()).toContain('其他手机已全部退出')
    const username = member.session.user.username
    expect((await branch.api.post('/api/auth/signin', { username, password: 'member-pass-1' })).status).toBe(401)
    expect((await branch.api.post('/api/auth/signin', { username, password: '青松翠柏-2026' })).status).toBe(200)
    expect((await branch.api.withToken(otherDevice.body.token).get('/api/me')).status).toBe(401)
    // this phone stays signed in
    expect((await member.api.get('/api/me')).status).toBe(200)
    expect((wrapper.get('input[name="newPassword"]').element as HTMLInputElement).value).toBe('')
  })

  it('refuses a weak or mistyped new password before sending, in Chinese', async () => {
    const { wrapper, member } = await mountSignedIn()
    await fill(wrapper, 'member-pass-1', '        ')
    expect(wrapper.get('[data-testid="password-error"]').text()).toBe('密码不能全是空格')
    await fill(wrapper, 'member-pass-1', `${member.session.user.username!}-2026`)
    expect(wrapper.get('[data-testid="password-error"]').text()).toBe('密码不能与登录名相同或包含登录名')
    await fill(wrapper, 'member-pass-1', 'good-pass-2026', 'good-pass-2025')
    expect(wrapper.get('[data-testid="password-error"]').text()).toBe('两次输入的新密码不一致')
    // nothing was sent: the old password still works
    expect((await branch.api.post('/api/auth/signin', { username: member.session.user.username, password: 'member-pass-1' })).status).toBe(200)
  })

  it('shows the server’s Chinese answer for a common password and for a wrong old password', async () => {
    const { wrapper } = await mountSignedIn()
    await fill(wrapper, 'member-pass-1', 'password123')
    await until(() => wrapper.find('[data-testid="password-error"]').exists(), 'the refusal')
    const common = wrapper.get('[data-testid="password-error"]').text()
    expect(common).toMatch(/常见|简单/)
    await fill(wrapper, 'wrong-old-pass', 'good-pass-2026')
    const errorNow = () => wrapper.find('[data-testid="password-error"]')
    await until(() => errorNow().exists() && errorNow().text() !== common, 'the second refusal')
    expect(wrapper.get('[data-testid="password-error"]').text()).toMatch(/[\u4e00-\u9fa5]/)
    expect(wrapper.find('[data-testid="password-changed"]').exists()).toBe(false)
  })
})
