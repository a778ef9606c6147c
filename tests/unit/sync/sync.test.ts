// Two simulated phones (two fake-IndexedDB databases) against a real branch server on 127.0.0.1.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  addMembers, countPendingChanges, createActivity, getActivity, getDeviceId, listAllActivities, listMembers,
  readSettings, saveSettings, updateActivity, useDatabase,
} from '@client/db'
import { readSession, saveSession } from '@client/db/session'
import { discardRejectedChange, readRejectedChanges } from '@client/db/sync'
import { pullAll, syncOnce } from '@client/sync/engine'
import { joinBranch } from '@client/sync/accountApi'
import type { ServerClient } from '@client/sync/http'
import type { MeResponse } from '@shared/sync/account'
import { BACKENDS } from '../../server/helpers/backends'
import { type BranchFixture, setupBranch, startServer, type TestServer, uniqueName } from '../../server/helpers/harness'
import { rotateEpoch } from '../../../src/server/storage/migrations'
import { readOutbox, themeDayFields } from '../db/helpers'
import { getDb } from '@client/db/connection'

let ts: TestServer
let client: ServerClient
let dbCounter = 0

beforeAll(async () => {
  const backend = BACKENDS[0]
  if (!backend) throw new Error('no backend')
  ts = await startServer(backend)
  client = { baseUrl: ts.url, fetch: globalThis.fetch }
})
afterAll(async () => { await ts.close() })

/** A phone: its own database; `on` switches the app's one connection to it for the steps that follow. */
function phone() {
  const name = `phone-${process.pid}-${++dbCounter}`
  return { on: () => { useDatabase(name) } }
}

async function signInWith(token: string): Promise<void> {
  const me = (await ts.api.withToken(token).get('/api/me')).body as MeResponse
  await saveSession(token, me)
}

async function syncOk() {
  const result = await syncOnce(client)
  expect(result).toMatchObject({ status: 'ok' })
  return result
}

async function branchWithSecretary(): Promise<{ branch: BranchFixture; token: string }> {
  const branch = await setupBranch(ts)
  return { branch, token: branch.secretary.token as string }
}

describe('client sync against a real server', () => {
  it('two phones push, pull and converge; a phone used alone before joining uploads its records', async () => {
    const { branch, token } = await branchWithSecretary()
    const a = phone()
    const b = phone()

    a.on()
    await signInWith(token)
    const [li] = await addMembers([{ name: '李明', role: 'member', group: '', active: true }])
    await saveSettings({ ...(await readSettings()), branchName: '测试支部' })
    const mine = await createActivity(themeDayFields({ topic: '书记记的主题党日' }))
    expect(await countPendingChanges()).toBe(3)
    await syncOk()
    expect(await countPendingChanges()).toBe(0)
    expect((await getActivity(mine.id))?.serverVersion).toBeGreaterThan(0)

    // B logs on its own first, then joins with an invite tied to 李明.
    b.on()
    const early = await createActivity(themeDayFields({ topic: '入支部前记的' }))
    const invite = await branch.secretary.post('/api/invites', { memberId: li?.id })
    await joinBranch(client, { code: invite.body.code, username: uniqueName('li'), password: 'member-pass-1' })
    await syncOk()
    expect(await countPendingChanges()).toBe(0)
    expect((await listMembers()).map((m) => m.name)).toEqual(['李明'])
    expect((await readSettings()).branchName).toBe('测试支部')
    const topics = (await listAllActivities()).map((r) => r.topic).sort()
    expect(topics).toEqual(['书记记的主题党日', '入支部前记的'].sort())
    const bNew = await createActivity(themeDayFields({ topic: '李明记的' }))
    await syncOk()

    a.on()
    await syncOk()
    const onA = await listAllActivities()
    expect(onA.map((r) => r.topic).sort()).toEqual(['书记记的主题党日', '入支部前记的', '李明记的'].sort())
    expect(onA.find((r) => r.id === bNew.id)?.serverVersion).toBeGreaterThan(0)
    expect(onA.find((r) => r.id === early.id)).toBeDefined()
  })

  it('an edit still waiting on this phone survives a pull of an older server copy', async () => {
    const { token } = await branchWithSecretary()
    const a = phone()
    const c = phone()
    a.on()
    await signInWith(token)
    const record = await createActivity(themeDayFields({ topic: '原题', place: '原地点' }))
    await syncOk()
    c.on()
    await signInWith(token)
    await syncOk()
    await updateActivity(record.id, { ...themeDayFields({ topic: '原题', place: '会议室' }) })
    await syncOk()

    a.on()
    await updateActivity(record.id, themeDayFields({ topic: 'A改的题目', place: '原地点' }))
    // Pull only (as if the push were still on its way): the server copy is newer in place, older in topic.
    await pullAll(client, token)
    expect(await getActivity(record.id)).toMatchObject({ topic: 'A改的题目', place: '会议室' })
    expect(await countPendingChanges()).toBe(1)
    await syncOk()
    expect(await getActivity(record.id)).toMatchObject({ topic: 'A改的题目', place: '会议室' })
    c.on()
    await syncOk()
    expect(await getActivity(record.id)).toMatchObject({ topic: 'A改的题目', place: '会议室' })
  })

  it('a refused change is kept with its reason and does not block the next one', async () => {
    const { branch } = await branchWithSecretary()
    const member = await branch.addMember()
    const b = phone()
    b.on()
    // Queued while the phone was used alone (anything goes), then signed in as a member: the server refuses it.
    await addMembers([{ name: '王芳', role: 'member', group: '', active: true }])
    const logged = await createActivity(themeDayFields({ topic: '党员记的' }))
    await signInWith(member.api.token as string)
    await syncOk()
    expect(await countPendingChanges()).toBe(0)
    const rejected = await readRejectedChanges()
    expect(rejected).toHaveLength(1)
    expect(rejected[0]).toMatchObject({ entity: 'member', subject: '王芳', reason: '只有支部书记可以修改花名册' })
    expect((await getActivity(logged.id))?.serverVersion).toBeGreaterThan(0)
    const pulled = await branch.secretary.get('/api/sync/pull?protocolVersion=1&cursor=0')
    expect(pulled.body.rows.map((r: { id: string }) => r.id)).toContain(logged.id)
    // Dismissing removes the roster entry that only ever existed on this phone.
    await discardRejectedChange(rejected[0]?.clientSeq ?? 0)
    expect(await readRejectedChanges()).toHaveLength(0)
    expect(await listMembers()).toHaveLength(0)
  })

  it('a refused edit of a synced record goes back to the server copy; 谈心谈话 of others arrive redacted', async () => {
    const { branch, token } = await branchWithSecretary()
    const member = await branch.addMember()
    const a = phone()
    const b = phone()
    a.on()
    await signInWith(token)
    const meeting = await createActivity(themeDayFields({ topic: '书记的会' }))
    const talk = await createActivity(themeDayFields({ types: ['heartTalk'], topic: '与某同志谈心', summary: '谈话内容',
      talk: { talker: '张书记', target: '某同志', pair: 'committeeMember', mode: '当面', personCount: 1 } }))
    await syncOk()
    b.on()
    await signInWith(member.api.token as string)
    await syncOk()
    expect(await getActivity(talk.id)).toMatchObject({ topic: '谈心谈话（内容不公开）', summary: '' })
    // The phone itself refuses to save an edit the server would refuse.
    await expect(updateActivity(meeting.id, themeDayFields({ topic: '党员偷改' }))).rejects.toThrow('只有录入人和支部书记')
    expect(await countPendingChanges()).toBe(0)
    // A phone whose stored session is out of date (it still says secretary) queues it; the server refuses it.
    const session = await readSession()
    await saveSession(session!.token, { ...session!.me, user: { ...session!.me.user, role: 'secretary' } })
    await updateActivity(meeting.id, themeDayFields({ topic: '党员偷改' }))
    await syncOk()
    expect((await readRejectedChanges())[0]).toMatchObject({ reason: '只有录入人和支部书记可以修改或删除这条记录' })
    expect(await getActivity(meeting.id)).toMatchObject({ topic: '书记的会' })
  })

  it('a reset re-pushes the outbox under a new clientId and downloads everything again', async () => {
    const { token } = await branchWithSecretary()
    const a = phone()
    a.on()
    await signInWith(token)
    const first = await createActivity(themeDayFields({ topic: '重置前' }))
    await syncOk()
    const oldClientId = await getDeviceId()
    await rotateEpoch(ts.db)
    const second = await createActivity(themeDayFields({ topic: '重置时未同步' }))
    const reset = await pullAll(client, token)
    expect(reset.reset).toBe(true)
    const newClientId = await getDeviceId()
    expect(newClientId).not.toBe(oldClientId)
    // The restored server may lack what it acknowledged: the synced record is sent again with the pending one.
    const outbox = await readOutbox(10)
    expect(outbox.map((m) => [m.clientId, m.recordId]).sort()).toEqual([[newClientId, first.id], [newClientId, second.id]].sort())
    expect(await getActivity(first.id)).toMatchObject({ topic: '重置前' })
    await syncOk()
    expect(await countPendingChanges()).toBe(0)
    expect((await listAllActivities()).map((r) => r.topic).sort()).toEqual(['重置前', '重置时未同步'].sort())
    const devices = await ts.db.all<{ client_id: string }>(`SELECT client_id FROM devices WHERE client_id = $1`, [newClientId])
    expect(devices).toHaveLength(1)
  })

  it('a phone that lost the change the server expects next starts over under a new clientId', async () => {
    const { token } = await branchWithSecretary()
    const a = phone()
    a.on()
    await signInWith(token)
    await createActivity(themeDayFields({ topic: '第一条' }))
    await syncOk()
    const before = await getDeviceId()
    await getDb().meta.put({ key: 'lastClientSeq', value: 40 })
    await createActivity(themeDayFields({ topic: '序号跳了' }))
    await syncOk()
    expect(await countPendingChanges()).toBe(0)
    expect(await getDeviceId()).not.toBe(before)
    expect(await readRejectedChanges()).toHaveLength(0)
  })

  it('removal from the branch wipes the branch data on the phone; an ended session keeps it', async () => {
    const { branch } = await branchWithSecretary()
    const removed = await branch.addMember()
    const expired = await branch.addMember()
    const b = phone()
    const e = phone()
    b.on()
    await signInWith(removed.api.token as string)
    await createActivity(themeDayFields({ topic: '被移除者的记录' }))
    await syncOk()
    await createActivity(themeDayFields({ topic: '未上传' }))
    e.on()
    await signInWith(expired.api.token as string)
    await syncOk()
    await createActivity(themeDayFields({ topic: '登录失效前记的' }))

    expect((await branch.secretary.del(`/api/branch/accounts/${removed.userId}`)).status).toBe(204)
    expect((await expired.api.post('/api/auth/signout')).status).toBe(204)

    b.on()
    expect(await syncOnce(client)).toMatchObject({ status: 'revoked' })
    expect(await listAllActivities()).toHaveLength(0)
    expect(await countPendingChanges()).toBe(0)
    expect(await readSession()).toBeNull()

    e.on()
    expect(await syncOnce(client)).toMatchObject({ status: 'sessionExpired' })
    expect((await listAllActivities()).map((r) => r.topic).sort()).toEqual(['被移除者的记录', '登录失效前记的'].sort())
    expect(await countPendingChanges()).toBe(1)
    expect(await readSession()).toMatchObject({ expired: true })
    expect(await syncOnce(client)).toEqual({ status: 'signedOut' })
  })

  it('does nothing on a phone that never signed in', async () => {
    phone().on()
    await createActivity(themeDayFields())
    expect(await syncOnce({ baseUrl: 'http://127.0.0.1:9', fetch: globalThis.fetch })).toEqual({ status: 'signedOut' })
    expect(await countPendingChanges()).toBe(1)
  })
})
