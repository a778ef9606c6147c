// @vitest-environment happy-dom
import 'fake-indexeddb/auto'
import { beforeEach, describe, expect, it } from 'vitest'
import { mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import SignOutEverywhere from '@client/components/account/SignOutEverywhere.vue'
import { useAccountStore } from '@client/stores/account'
import { addMembers, listMembers, useDatabase } from '@client/db'
import { readSession } from '@client/db/session'
import { signInPhoneAs, until, useBranchServer } from './helpers'

const branch = useBranchServer()
let asked = ''

beforeEach(() => {
  useDatabase(`signout-everywhere-${Math.random()}`)
  setActivePinia(createPinia())
})

describe('SignOutEverywhere', () => {
  it('asks first, then ends every session of the account, this phone’s too, and keeps local records', async () => {
    await addMembers([{ name: '周九', role: 'member', group: '', active: true }])
    const member = await branch.join()
    const other = await branch.api.post('/api/auth/signin', { username: member.session.user.username, password: member.password })
    await signInPhoneAs(member.api)
    const account = useAccountStore()
    await until(() => account.signedIn, 'the session')
    const wrapper = mount(SignOutEverywhere)

    window.confirm = (message?: string) => { asked = message ?? ''; return false }
    await wrapper.get('[data-testid="signout-everywhere"]').trigger('click')
    expect(asked).toContain('本机上的记录会保留')
    expect((await member.api.get('/api/me')).status).toBe(200)

    window.confirm = () => true
    await wrapper.get('[data-testid="signout-everywhere"]').trigger('click')
    await until(() => !account.signedIn, 'the phone to sign out')
    expect(await readSession()).toBeNull()
    expect((await member.api.get('/api/me')).status).toBe(401)
    expect((await branch.api.withToken(other.body.token).get('/api/me')).status).toBe(401)
    expect((await listMembers()).map((m) => m.name)).toEqual(['周九'])
  })
})
