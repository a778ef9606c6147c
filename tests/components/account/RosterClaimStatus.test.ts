// @vitest-environment happy-dom
import 'fake-indexeddb/auto'
import { beforeEach, describe, expect, it } from 'vitest'
import { mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import RosterClaimStatus from '@client/components/account/RosterClaimStatus.vue'
import { useAccountStore } from '@client/stores/account'
import { useDatabase } from '@client/db'
import { saveSession } from '@client/db/session'
import type { MeResponse } from '@shared/sync/account'
import { until, useBranchServer } from './helpers'
import { uniqueName } from '../../server/helpers/harness'

const branch = useBranchServer()

beforeEach(() => {
  useDatabase(`claim-status-${Math.random()}`)
  setActivePinia(createPinia())
})

describe('RosterClaimStatus', () => {
  it('says the chosen name waits for the secretary, and goes once the account is read again after 确认', async () => {
    const [chen] = await branch.addRoster(['陈三'])
    const invite = await branch.secretary.post('/api/invites', {})
    const joined = await branch.api.post('/api/auth/join', { code: invite.body.code, username: uniqueName('c'), password: 'member-pass-1', memberId: chen })
    const { token, ...me } = joined.body as MeResponse & { token: string }
    await saveSession(token, me)
    const account = useAccountStore()
    await until(() => account.signedIn, 'the session')
    const first = mount(RosterClaimStatus)
    await until(() => first.find('[data-testid="claim-pending"]').exists(), 'the notice')
    expect(first.get('[data-testid="claim-pending"]').text()).toBe('已选择：陈三，等待支部书记确认')
    first.unmount()

    expect((await branch.secretary.post(`/api/branch/accounts/${me.user.id}/confirm-member`, { accept: true })).status).toBe(204)
    const second = mount(RosterClaimStatus)
    await until(() => account.me?.user.memberId === chen, 'the account read again')
    expect(second.find('[data-testid="claim-pending"]').exists()).toBe(false)
  })
})
