// @vitest-environment happy-dom
import 'fake-indexeddb/auto'
import { beforeEach, describe, expect, it } from 'vitest'
import { mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import BranchAccountList from '@client/components/account/BranchAccountList.vue'
import { useAccountStore } from '@client/stores/account'
import { useRosterStore } from '@client/stores/roster'
import { addMembers, useDatabase } from '@client/db'
import { signInPhoneAs, until, useBranchServer } from './helpers'
import { uniqueName } from '../../server/helpers/harness'

const branch = useBranchServer()

beforeEach(() => {
  useDatabase(`branch-accounts-${Math.random()}`)
  setActivePinia(createPinia())
  window.confirm = () => true
})

/** The secretary's phone with a roster (the same entries on the phone and on the server), signed in. */
async function secretaryPhone(names: string[]) {
  const local = await addMembers(names.map((name) => ({ name, role: 'member' as const, group: '', active: true })))
  await branch.addRoster(names, local.map((m) => m.id))
  await signInPhoneAs(branch.secretary)
  const account = useAccountStore()
  const roster = useRosterStore()
  await until(() => account.isSecretary && roster.loaded, 'the session and roster')
  return local
}

async function joinClaiming(memberId: string) {
  const invite = await branch.secretary.post('/api/invites', {})
  const res = await branch.api.post('/api/auth/join', { code: invite.body.code, username: uniqueName('c'), password: 'member-pass-1', memberId })
  expect(res.status).toBe(201)
  return res.body as { token: string; user: { id: string } }
}

describe('BranchAccountList', () => {
  it('lists a roster claim as 待确认 with the roster name; 确认 ties the account, 不是此人 turns another down', async () => {
    const [zhao, qian] = await secretaryPhone(['赵六', '钱七'])
    const claimZhao = await joinClaiming(zhao!.id)
    const claimQian = await joinClaiming(qian!.id)
    const wrapper = mount(BranchAccountList)
    await until(() => wrapper.findAll('[data-testid="pending-claim"]').length === 2, 'two pending claims')
    const rows = () => wrapper.findAll('[data-testid="pending-claim"]')
    expect(rows().map((r) => r.get('[data-testid="pending-name"]').text()).sort()).toEqual(['赵六', '钱七'].sort())
    const zhaoRow = rows().find((r) => r.text().includes('赵六'))!
    await zhaoRow.get('[data-testid="confirm-claim"]').trigger('click')
    await until(() => rows().length === 1, 'the list to refresh after 确认')
    expect((await branch.api.withToken(claimZhao.token).get('/api/me')).body.user).toMatchObject({ memberId: zhao!.id, pendingMemberId: null })
    await rows()[0]!.get('[data-testid="reject-claim"]').trigger('click')
    await until(() => !wrapper.find('[data-testid="pending-claims"]').exists(), 'no claims left')
    expect((await branch.api.withToken(claimQian.token).get('/api/me')).body.user).toMatchObject({ memberId: null, pendingMemberId: null })
  })

  it('重置密码 shows a one-time link with its expiry in China time and a QR code; the link sets a new password', async () => {
    const [sun] = await secretaryPhone(['孙八'])
    const member = await branch.join(sun!.id)
    const wrapper = mount(BranchAccountList)
    await until(() => wrapper.text().includes(member.session.user.username!), 'the member in the list')
    const row = wrapper.findAll('[data-testid="account-list"] > li').find((li) => li.text().includes(member.session.user.username!))!
    await row.get('[data-testid="reset-password"]').trigger('click')
    await until(() => row.find('[data-testid="reset-url"]').exists(), 'the reset link')
    const url = new URL(row.get('[data-testid="reset-url"]').text())
    expect(url.pathname).toBe('/join')
    const expiry = row.get('[data-testid="reset-expiry"]').text()
    expect(expiry).toMatch(/^\d{4}\/\d{1,2}\/\d{1,2} \d{2}:\d{2}:\d{2}（北京时间）前有效$/)
    expect(row.get('img.qr').attributes('src')).toMatch(/^data:image\/svg\+xml/)
    // the member opens the link and sets a new password: the old one stops working, the old session ends
    const joined = await branch.api.post('/api/auth/join', {
      code: url.searchParams.get('code'), username: member.session.user.username, password: 'new-river-2026',
    })
    expect(joined.status, JSON.stringify(joined.body)).toBe(201)
    expect(joined.body.user.id).toBe(member.session.user.id)
    expect((await member.api.get('/api/me')).status).toBe(401)
  })
})
