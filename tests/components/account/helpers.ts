// Account screens against a real branch server on 127.0.0.1. The server runs as a child process (happy-dom's
// fetch classes would break an in-process one), and the page's origin is the server's, as on a phone.
import { afterAll, beforeAll } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import { saveSession } from '@client/db/session'
import type { MeResponse, SessionResponse } from '@shared/sync/account'
import { Api, uniqueName } from '../../server/helpers/harness'
import { Device, newId } from '../../server/helpers/device'
import { type BranchServer, startBranchServer } from '../../e2e/support/branchServer'

export async function until(check: () => boolean | Promise<boolean>, what: string) {
  for (let i = 0; i < 500; i++) {
    if (await check()) return
    await flushPromises()
    await new Promise((r) => setTimeout(r, 10))
  }
  throw new Error(`timed out waiting for ${what}`)
}

export interface Joined { api: Api; session: SessionResponse; password: string }

export interface TestBranch {
  /** the server's API without a session */
  api: Api
  secretary: Api
  /** a member who joined with an invite; `memberId` ties the invite to that roster entry */
  join(memberId?: string): Promise<Joined>
  /** roster entries put by the secretary (with the given ids, e.g. those of a phone's roster); returns the ids */
  addRoster(names: string[], ids?: string[]): Promise<string[]>
}

/** Starts a branch server for the calling test file, with its secretary signed in through the API. */
export function useBranchServer(): TestBranch {
  let server: BranchServer
  const branch = {} as TestBranch
  beforeAll(async () => {
    server = await startBranchServer()
    ;(window as unknown as { happyDOM: { setURL(url: string): void } }).happyDOM.setURL(`${server.origin}/account`)
    const api = new Api(server.origin)
    const setup = new URL(server.cliLink(['create-branch', '--name', uniqueName('城东支部'), '--secretary', '张书记']))
    const sec = await api.post('/api/auth/join', { code: setup.searchParams.get('code'), username: uniqueName('sec'), password: 'secret-pass-1' })
    if (sec.status !== 201) throw new Error(`secretary join failed: ${JSON.stringify(sec.body)}`)
    const secretary = api.withToken(sec.body.token)
    Object.assign(branch, {
      api,
      secretary,
      async join(memberId?: string) {
        const invite = await secretary.post('/api/invites', memberId ? { memberId } : {})
        if (invite.status !== 201) throw new Error(`invite failed: ${JSON.stringify(invite.body)}`)
        const password = 'member-pass-1'
        const res = await api.post('/api/auth/join', { code: invite.body.code, username: uniqueName('m'), password, displayName: '某党员' })
        if (res.status !== 201) throw new Error(`join failed: ${JSON.stringify(res.body)}`)
        return { api: api.withToken(res.body.token), session: res.body, password }
      },
      async addRoster(names: string[], given?: string[]) {
        const device = new Device(secretary)
        const ids = names.map((name, order) => {
          const id = given?.[order] ?? newId()
          device.put('member', id, { name, role: 'member', group: '', active: true, order: order + 10 })
          return id
        })
        const pushed = await device.push()
        if (pushed.status !== 200) throw new Error(`roster push failed: ${JSON.stringify(pushed.body)}`)
        return ids
      },
    } satisfies TestBranch)
  })
  afterAll(async () => { await server?.stop() })
  return branch
}

/** This phone is signed in as the account behind `api`. */
export async function signInPhoneAs(api: Api): Promise<MeResponse> {
  const me = (await api.get('/api/me')).body as MeResponse
  await saveSession(api.token!, me)
  return me
}
