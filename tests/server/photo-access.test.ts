// Who may read a photo follows its record: a 谈心谈话's photos (redacted for others, like the record) are served only
// to its author and the secretary; anyone else is answered exactly as for a photo that does not exist.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createCommittee } from '../../src/server/services/accounts'
import { MIGRATIONS } from '../../src/server/storage/migrations'
import { BACKENDS } from './helpers/backends'
import { Device, activityFields, newId } from './helpers/device'
import { type Api, type BranchFixture, setupBranch, startServer, type TestServer, uniqueName } from './helpers/harness'

const HEART_TALK = {
  types: ['heartTalk'], topic: '谈心谈话',
  talk: { talker: '张书记', target: '赵六', pair: 'committeeMember', mode: '当面', personCount: 2 },
}

function photoBytes(seed: number): Uint8Array {
  return new Uint8Array(1500).map((_, i) => (i * 13 + seed) % 256)
}

async function read(api: Api, id: string, branchId?: string): Promise<{ status: number; body: unknown; bytes?: Uint8Array }> {
  const res = await fetch(`${api.base}/api/photos/${id}${branchId ? `?branchId=${branchId}` : ''}`, {
    headers: { Authorization: `Bearer ${api.token}` },
  })
  if (res.status === 200) return { status: 200, body: null, bytes: new Uint8Array(await res.arrayBuffer()) }
  return { status: res.status, body: await res.json() }
}

describe.each(BACKENDS)('photo access on $name', (backend) => {
  let ts: TestServer
  let branch: BranchFixture
  let author: { api: Api; userId: string }
  let other: { api: Api; userId: string }
  let committee: Api
  const committeeName = uniqueName('党委')

  /** `who` enters an activity with one photo and uploads it; returns the photo's id and the device. */
  async function recordWithPhoto(who: Api, fields: Record<string, unknown>, seed: number) {
    const photo = newId()
    const record = newId()
    const device = new Device(who)
    device.put('activity', record, activityFields({ ...fields, photoIds: [photo] }))
    expect((await device.push()).body.results[0].status).toBe('applied')
    const put = await who.request('PUT', `/api/photos/${photo}?recordId=${record}`, photoBytes(seed), { 'Content-Type': 'image/jpeg' })
    expect(put.status).toBe(201)
    return { photo, record, device }
  }

  beforeAll(async () => {
    ts = await startServer(backend)
    branch = await setupBranch(ts, committeeName)
    author = await branch.addMember()
    other = await branch.addMember()
    const setup = await createCommittee(ts.db, { name: committeeName, account: '党委账号' })
    const joined = await ts.api.post('/api/auth/join', { code: setup.code, username: uniqueName('c'), password: 'committee-pass' })
    committee = ts.api.withToken(joined.body.token)
  })
  afterAll(async () => ts.close())

  it('serves a 谈心谈话’s photo to its author and the secretary only; others get the 404 of a missing photo', async () => {
    const { photo } = await recordWithPhoto(author.api, HEART_TALK, 1)
    expect((await read(author.api, photo)).bytes).toEqual(photoBytes(1))
    expect((await read(branch.secretary, photo)).bytes).toEqual(photoBytes(1))
    const missing = await read(other.api, newId())
    expect(missing.status).toBe(404)
    expect(await read(other.api, photo)).toEqual(missing)
    expect(await read(committee, photo, branch.branchId)).toEqual(missing)
    // the record they pull is redacted the same way: no photo ids in it
    const pulled = new Device(other.api)
    await pulled.pull()
    const talk = pulled.liveActivities().find((r) => r.redacted)
    expect(talk?.data.photoIds).toEqual([])
  })

  it('serves an ordinary record’s photo to the whole branch and its committee, and a deleted record’s to nobody else', async () => {
    const ordinary = await recordWithPhoto(author.api, {}, 2)
    expect((await read(other.api, ordinary.photo)).bytes).toEqual(photoBytes(2))
    expect((await read(committee, ordinary.photo, branch.branchId)).bytes).toEqual(photoBytes(2))

    ordinary.device.del('activity', ordinary.record)
    await ordinary.device.push()
    expect((await read(other.api, ordinary.photo)).status).toBe(404)
    expect((await read(committee, ordinary.photo, branch.branchId)).status).toBe(404)
    expect((await read(branch.secretary, ordinary.photo)).status).toBe(200)
  })

  it('a record turned into a 谈心谈话 later hides its photo from then on', async () => {
    const { photo, record, device } = await recordWithPhoto(author.api, {}, 3)
    expect((await read(other.api, photo)).status).toBe(200)
    device.put('activity', record, HEART_TALK)
    expect((await device.push()).body.results[0].status).toBe('applied')
    expect((await read(other.api, photo)).status).toBe(404)
    expect((await read(author.api, photo)).status).toBe(200)
  })

  it('photos stored before uploads named their record are given the record that lists them (migration 4)', async () => {
    const photo = newId()
    const record = newId()
    const device = new Device(author.api)
    device.put('activity', record, activityFields({ ...HEART_TALK, photoIds: [photo] }))
    await device.push()
    await ts.db.run(
      `INSERT INTO photos (branch_id, id, content_type, size, sha256, data, uploaded_by, created_at)
       VALUES ($1, $2, 'image/jpeg', 3, 'x', $3, $4, $5)`, [branch.branchId, photo, Buffer.from([1, 2, 3]), author.userId, Date.now()])
    expect((await read(other.api, photo)).status).toBe(200) // no record named: readable branch-wide, as before
    const backfill = MIGRATIONS.find((m) => m.version === 4)!.statements(ts.db.dialect).at(-1)!
    await ts.db.run(backfill)
    const row = await ts.db.one<{ record_id: string }>(`SELECT record_id FROM photos WHERE branch_id = $1 AND id = $2`, [branch.branchId, photo])
    expect(row?.record_id).toBe(record)
    expect((await read(other.api, photo)).status).toBe(404)
    expect((await read(author.api, photo)).status).toBe(200)
  })
})
