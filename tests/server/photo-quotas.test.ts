// Photo uploads: each names a record the uploader may change, space is capped per account and per branch (a
// Chinese answer naming the limit), and photos no live record lists are removed after the grace period.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PHOTO_ERROR_CODES } from '../../src/shared/api/photos'
import { createCommittee } from '../../src/server/services/accounts'
import { removeOrphanPhotos } from '../../src/server/services/photos'
import { BACKENDS } from './helpers/backends'
import { Device, activityFields, newId } from './helpers/device'
import { type Api, type BranchFixture, setupBranch, startServer, type TestServer, uniqueName } from './helpers/harness'

const KIB = 1024
const MIB = 1024 * KIB
const HOUR = 60 * 60_000
const GRACE = 48 * HOUR

function photoBytes(size: number, seed: number): Uint8Array {
  return new Uint8Array(size).map((_, i) => (i * 31 + seed) % 256)
}

function upload(api: Api, id: string, recordId: string | null, bytes: Uint8Array) {
  const query = recordId === null ? '' : `?recordId=${recordId}`
  return api.request('PUT', `/api/photos/${id}${query}`, bytes, { 'Content-Type': 'image/jpeg' })
}

/** Push one activity listing `photoIds` (entered by `api`'s account); returns its id. */
async function pushRecord(api: Api, photoIds: string[], over: Record<string, unknown> = {}): Promise<{ id: string; device: Device }> {
  const id = newId()
  const device = new Device(api)
  device.put('activity', id, activityFields({ photoIds, ...over }))
  const res = await device.push()
  expect(res.body.results[0].status).toBe('applied')
  return { id, device }
}

async function storedPhotoIds(ts: TestServer, branchId: string): Promise<string[]> {
  const rows = await ts.db.all<{ id: string }>(`SELECT id FROM photos WHERE branch_id = $1 ORDER BY id`, [branchId])
  return rows.map((r) => r.id)
}

describe.each(BACKENDS)('photo uploads on $name', (backend) => {
  let ts: TestServer
  let branch: BranchFixture
  /** the server's clock: moved forward to pass the orphan grace period */
  let clock = Date.now()
  const committeeName = uniqueName('党委')

  beforeAll(async () => {
    clock = Date.now()
    ts = await startServer(backend, {
      now: () => clock,
      photoLimits: { perMemberBytes: 1 * MIB, perBranchBytes: 1.5 * MIB, orphanGraceMs: GRACE },
    })
    branch = await setupBranch(ts, committeeName)
  })
  afterAll(async () => ts.close())

  it('files a photo under the record it names, which must be on the server, list it, and be the uploader’s to change', async () => {
    const owner = await branch.addMember()
    const other = await branch.addMember()
    const photo = newId()
    const bytes = photoBytes(2 * KIB, 1)

    expect((await upload(owner.api, photo, null, bytes)).status).toBe(400)
    // the phone pushes records before photos: a record not there yet is "later", not "never"
    const early = await upload(owner.api, photo, newId(), bytes)
    expect(early.status).toBe(409)
    expect(early.body.error.code).toBe(PHOTO_ERROR_CODES.recordNotOnServer)
    expect(early.body.error.message).toMatch(/还没有同步到服务器/)

    const without = await pushRecord(owner.api, [])
    const unlisted = await upload(owner.api, photo, without.id, bytes)
    expect(unlisted.status).toBe(409)
    expect(unlisted.body.error.code).toBe(PHOTO_ERROR_CODES.recordNotOnServer)

    const record = await pushRecord(owner.api, [photo])
    // another member may not add photos to the owner's record
    const foreign = await upload(other.api, photo, record.id, bytes)
    expect(foreign.status).toBe(403)
    expect(foreign.body.error.message).toBe('只有录入人和支部书记可以修改或删除这条记录')
    const setup = await createCommittee(ts.db, { name: committeeName, account: '党委账号' })
    const joined = await ts.api.post('/api/auth/join', { code: setup.code, username: uniqueName('c'), password: 'committee-pass' })
    expect((await upload(ts.api.withToken(joined.body.token), photo, record.id, bytes)).status).toBe(403)
    expect(await storedPhotoIds(ts, branch.branchId)).not.toContain(photo)

    expect((await upload(owner.api, photo, record.id, bytes)).status).toBe(201)
    const row = await ts.db.one<{ record_id: string; uploaded_by: string }>(
      `SELECT record_id, uploaded_by FROM photos WHERE branch_id = $1 AND id = $2`, [branch.branchId, photo])
    expect(row).toEqual({ record_id: record.id, uploaded_by: owner.userId })
    // the secretary may add photos to anyone's record
    const secretaryPhoto = newId()
    record.device.put('activity', record.id, { photoIds: [photo, secretaryPhoto] })
    await record.device.push()
    expect((await upload(branch.secretary, secretaryPhoto, record.id, photoBytes(KIB, 2))).status).toBe(201)

    // a record deleted on the server needs no more photos
    const late = newId()
    const gone = await pushRecord(owner.api, [late])
    gone.device.del('activity', gone.id)
    await gone.device.push()
    const deleted = await upload(owner.api, late, gone.id, bytes)
    expect(deleted.status).toBe(409)
    expect(deleted.body.error.code).toBe(PHOTO_ERROR_CODES.recordDeleted)
  })

  it('caps photo space per member and per branch, counting every upload at once', async () => {
    const own = await setupBranch(ts)
    const a = await own.addMember()
    const b = await own.addMember()
    const size = 400 * KIB
    const ids = [newId(), newId(), newId(), newId(), newId()]
    const record = await pushRecord(a.api, ids.slice(0, 3))
    const bRecord = await pushRecord(b.api, ids.slice(3))

    expect((await upload(a.api, ids[0]!, record.id, photoBytes(size, 0))).status).toBe(201)
    expect((await upload(a.api, ids[1]!, record.id, photoBytes(size, 1))).status).toBe(201)
    const third = await upload(a.api, ids[2]!, record.id, photoBytes(size, 2))
    expect(third.status).toBe(507)
    expect(third.body.error).toEqual({
      code: PHOTO_ERROR_CODES.memberQuota,
      message: '照片空间已用完（每人1 MB），照片仍保存在本机。请删除不需要的照片或联系支部书记',
    })
    // sending a stored photo again is still answered as before
    expect((await upload(a.api, ids[0]!, record.id, photoBytes(size, 0))).status).toBe(200)

    // b has room of its own, the branch (1.5 MB) has room for one more
    expect((await upload(b.api, ids[3]!, bRecord.id, photoBytes(size, 3))).status).toBe(201)
    const branchFull = await upload(b.api, ids[4]!, bRecord.id, photoBytes(size, 4))
    expect(branchFull.status).toBe(507)
    expect(branchFull.body.error.code).toBe(PHOTO_ERROR_CODES.branchQuota)
    expect(branchFull.body.error.message).toContain('本支部的照片空间已用完（每个支部1.5 MB）')
    expect((await storedPhotoIds(ts, own.branchId)).sort()).toEqual([ids[0], ids[1], ids[3]].sort())

    // 8 uploads at once by one member of a fresh branch: exactly as many as fit (2 × 400 KiB in 1 MB) are stored
    const burst = await setupBranch(ts)
    const c = await burst.addMember()
    const burstIds = Array.from({ length: 8 }, () => newId())
    const burstRecord = await pushRecord(c.api, burstIds)
    const answers = await Promise.all(burstIds.map((id, i) => upload(c.api, id, burstRecord.id, photoBytes(size, 10 + i))))
    expect(answers.filter((r) => r.status === 201)).toHaveLength(2)
    expect(answers.filter((r) => r.status === 507)).toHaveLength(6)
    expect(await storedPhotoIds(ts, burst.branchId)).toHaveLength(2)
  })

  it('removes photos no live record lists once the grace period has passed', async () => {
    const own = await setupBranch(ts)
    const [kept, takenOff, ofDeleted, young] = [newId(), newId(), newId(), newId()]
    const record = await pushRecord(own.secretary, [kept, takenOff])
    const doomed = await pushRecord(own.secretary, [ofDeleted])
    const start = clock
    for (const id of [kept, takenOff]) expect((await upload(own.secretary, id, record.id, photoBytes(KIB, 1))).status).toBe(201)
    expect((await upload(own.secretary, ofDeleted, doomed.id, photoBytes(KIB, 2))).status).toBe(201)
    record.device.put('activity', record.id, { photoIds: [kept] })
    doomed.device.del('activity', doomed.id)
    await record.device.push()
    await doomed.device.push()
    // an orphan uploaded later is still within its grace period
    const late = await pushRecord(own.secretary, [young])
    clock = start + GRACE / 2
    expect((await upload(own.secretary, young, late.id, photoBytes(KIB, 3))).status).toBe(201)
    late.device.put('activity', late.id, { photoIds: [] })
    await late.device.push()

    expect(await removeOrphanPhotos(ts.db, start + GRACE - 1, GRACE)).toBe(0)
    expect(await removeOrphanPhotos(ts.db, start + GRACE + 1, GRACE)).toBe(2)
    expect((await storedPhotoIds(ts, own.branchId)).sort()).toEqual([kept, young].sort())
    expect(await removeOrphanPhotos(ts.db, start + GRACE * 2, GRACE)).toBe(1)
    expect(await storedPhotoIds(ts, own.branchId)).toEqual([kept])
  })

  it('gives the space of orphans back on a later upload, without a restart', async () => {
    const own = await setupBranch(ts)
    const member = await own.addMember()
    const size = 400 * KIB
    const [first, second, third] = [newId(), newId(), newId()]
    const old = await pushRecord(member.api, [first, second])
    clock += 2 * HOUR // past the once-an-hour sweep of earlier uploads
    for (const [i, id] of [first, second].entries()) expect((await upload(member.api, id, old.id, photoBytes(size, i))).status).toBe(201)
    old.device.del('activity', old.id)
    await old.device.push()
    const next = await pushRecord(member.api, [third])
    expect((await upload(member.api, third, next.id, photoBytes(size, 3))).status).toBe(507)
    clock += GRACE + HOUR
    expect((await upload(member.api, third, next.id, photoBytes(size, 3))).status).toBe(201)
    expect(await storedPhotoIds(ts, own.branchId)).toEqual([third])
  })
})
