// @vitest-environment happy-dom
import 'fake-indexeddb/auto'
import { beforeEach, describe, expect, it } from 'vitest'
import { mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import InvitePanel from '@client/components/account/InvitePanel.vue'
import { useAccountStore } from '@client/stores/account'
import { addMembers, useDatabase } from '@client/db'
import { signInPhoneAs, until, useBranchServer } from './helpers'
import { uniqueName } from '../../server/helpers/harness'

const branch = useBranchServer()

beforeEach(() => {
  useDatabase(`invite-panel-${Math.random()}`)
  setActivePinia(createPinia())
})

describe('InvitePanel', () => {
  it('makes an invite for one roster entry not yet tied to an account; whoever joins with it is that person', async () => {
    const local = await addMembers(['吴十', '郑一', '王二'].map((name) => ({ name, role: 'member' as const, group: '', active: true })))
    const [, zheng, wang] = local
    await branch.addRoster(local.map((m) => m.name), local.map((m) => m.id))
    await branch.join(wang!.id)
    await signInPhoneAs(branch.secretary)
    const account = useAccountStore()
    await until(() => account.isSecretary, 'the session')
    const wrapper = mount(InvitePanel)
    const options = () => wrapper.findAll('select[name="inviteFor"] option').map((o) => o.text())
    await until(() => options().length === 3, 'the names without an account')
    expect(options().slice(1)).toEqual(['吴十（只能由本人使用）', '郑一（只能由本人使用）'])

    await wrapper.get('select[name="inviteFor"]').setValue(zheng!.id)
    expect(wrapper.find('select[name="inviteUses"]').exists()).toBe(false)
    await wrapper.get('[data-testid="create-invite"]').trigger('click')
    await until(() => wrapper.find('[data-testid="invite-code"]').exists(), 'the invite')
    const code = wrapper.get('[data-testid="invite-code"]').text()
    const preview = await branch.api.get(`/api/invites/preview?code=${code}`)
    expect(preview.body.forMember).toEqual({ id: zheng!.id, name: '郑一' })
    const joined = await branch.api.post('/api/auth/join', { code, username: uniqueName('z'), password: 'member-pass-1' })
    expect(joined.status).toBe(201)
    expect(joined.body.user).toMatchObject({ memberId: zheng!.id, displayName: '郑一' })
  })
})
