// Photos sync apart from their records: uploaded after the record, fetched by another phone when shown.
import { describe, expect, it, vi } from 'vitest'
import { createActivity, getPhoto, savePhoto, updateActivity, useDatabase } from '@client/db'
import { getDb } from '@client/db/connection'
import { listPhotosToUpload, readPhotoUploadProblem } from '@client/db/photoSync'
import { syncOnce } from '@client/sync/engine'
import { downloadPhoto, uploadPendingPhotos } from '@client/sync/photos'
import { setupBranch } from '../../server/helpers/harness'
import { themeDayFields } from '../db/helpers'
import { signInAs, useRealServer } from './realServer'

const server = useRealServer()

// Node has no createImageBitmap; read the size from the PNG header as a browser would decode it.
vi.stubGlobal('createImageBitmap', async (blob: Blob) => {
  const view = new DataView(await blob.arrayBuffer())
  return { width: view.getUint32(16), height: view.getUint32(20), close() {} }
})

/** A valid 3×2 PNG header (enough for the size) plus payload bytes. */
function pngBytes(seed: number, size = 64): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(new ArrayBuffer(size)).map((_, i) => (i * 7 + seed) % 256)
  bytes.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 3, 0, 0, 0, 2])
  return bytes
}

const signIn = (token: string) => signInAs(server.ts, token)

describe('photo sync', () => {
  it('uploads a saved record\'s photo once, skips unsaved ones, and another phone fetches it on demand', async () => {
    const branch = await setupBranch(server.ts)
    const token = branch.secretary.token as string
    useDatabase(`photo-a-${Math.random()}`)
    await signIn(token)
    const record = await createActivity(themeDayFields({ photoIds: ['photo-kept-0001'] }), new Date(), 'activity-with-photo-1')
    await savePhoto({ id: 'photo-kept-0001', activityId: record.id, blob: new Blob([pngBytes(1)], { type: 'image/png' }), width: 3, height: 2, createdAt: new Date().toISOString() })
    // taken on a form that was never saved: stays on the phone
    await savePhoto({ id: 'photo-draft-0001', activityId: 'never-saved-0001', blob: new Blob([pngBytes(2)], { type: 'image/png' }), width: 3, height: 2, createdAt: new Date().toISOString() })
    expect((await listPhotosToUpload(10)).map((p) => p.id)).toEqual(['photo-kept-0001'])

    expect(await syncOnce(server.client)).toMatchObject({ status: 'ok' })
    expect(await listPhotosToUpload(10)).toEqual([])
    const onServer = await fetch(`${server.ts.url}/api/photos/photo-kept-0001`, { headers: { Authorization: `Bearer ${token}` } })
    expect(onServer.status).toBe(200)
    expect(new Uint8Array(await onServer.arrayBuffer())).toEqual(pngBytes(1))
    // filed under the record that lists it
    expect(await server.ts.db.one(`SELECT record_id FROM photos WHERE id = 'photo-kept-0001'`)).toEqual({ record_id: 'activity-with-photo-1' })
    expect((await fetch(`${server.ts.url}/api/photos/photo-draft-0001`, { headers: { Authorization: `Bearer ${token}` } })).status).toBe(404)

    // A second phone of the same account: the record arrives by sync, the photo only when shown.
    useDatabase(`photo-b-${Math.random()}`)
    await signIn(token)
    expect(await syncOnce(server.client)).toMatchObject({ status: 'ok' })
    expect(await getPhoto('photo-kept-0001')).toBeUndefined()
    expect(await downloadPhoto('photo-kept-0001', server.client)).toBe(true)
    const fetched = await getPhoto('photo-kept-0001')
    expect(fetched).toMatchObject({ activityId: 'activity-with-photo-1', width: 3, height: 2 })
    expect(new Uint8Array(await fetched!.blob.arrayBuffer())).toEqual(pngBytes(1))
    expect(await downloadPhoto('photo-missing-0001', server.client)).toBe(false)
  })
})

const KIB = 1024

async function photoOf(activityId: string, id: string, seed: number, size: number): Promise<void> {
  await savePhoto({ id, activityId, blob: new Blob([pngBytes(seed, size)], { type: 'image/png' }), width: 3, height: 2, createdAt: new Date().toISOString() })
}

describe('photo uploads the server cannot take now', () => {
  const limited = useRealServer({ photoLimits: { perMemberBytes: 1024 * KIB } })

  it('keeps a photo on the phone while its record is not on the server, and sends it after the record', async () => {
    const branch = await setupBranch(limited.ts)
    const member = await branch.addMember()
    useDatabase(`photo-early-${Math.random()}`)
    await signInAs(limited.ts, member.api.token as string)
    const record = await createActivity(themeDayFields({ photoIds: ['photo-early-0001'] }), new Date(), 'activity-early-0001')
    await photoOf(record.id, 'photo-early-0001', 1, 2 * KIB)
    // photos before their record: the server says "later", the phone keeps the photo waiting, not refused
    expect(await uploadPendingPhotos(limited.client, member.api.token as string)).toBe(0)
    expect((await listPhotosToUpload(10)).map((p) => [p.id, p.recordId])).toEqual([['photo-early-0001', 'activity-early-0001']])
    expect(await getDb().photoUploads.get('photo-early-0001')).toBeUndefined()
    expect(await syncOnce(limited.client)).toMatchObject({ status: 'ok' })
    expect(await listPhotosToUpload(10)).toEqual([])
  })

  it('when the photo space is used up, says so with the limit, keeps the photos, and sends them once there is room', async () => {
    const branch = await setupBranch(limited.ts)
    const member = await branch.addMember()
    useDatabase(`photo-quota-${Math.random()}`)
    await signInAs(limited.ts, member.api.token as string)
    const ids = ['photo-quota-0001', 'photo-quota-0002', 'photo-quota-0003']
    const record = await createActivity(themeDayFields({ photoIds: ids }), new Date(), 'activity-quota-0001')
    for (const [i, id] of ids.entries()) await photoOf(record.id, id, i, 400 * KIB)

    expect(await syncOnce(limited.client)).toMatchObject({ status: 'ok' })
    expect((await listPhotosToUpload(10)).map((p) => p.id)).toEqual(['photo-quota-0003'])
    expect(await readPhotoUploadProblem()).toBe('照片空间已用完（每人1 MB），照片仍保存在本机。请删除不需要的照片或联系支部书记')
    expect(await getDb().photoUploads.get('photo-quota-0003')).toBeUndefined()
    expect(new Uint8Array(await (await getPhoto('photo-quota-0003'))!.blob.arrayBuffer())).toEqual(pngBytes(2, 400 * KIB))
    // still no room: still waiting, still said
    expect(await syncOnce(limited.client)).toMatchObject({ status: 'ok' })
    expect(await readPhotoUploadProblem()).toContain('每人1 MB')

    // the member takes one photo off the record; once the server removed it (the orphan sweep, done here by hand),
    // the waiting photo goes up
    await updateActivity(record.id, themeDayFields({ photoIds: ids.slice(1) }))
    expect(await syncOnce(limited.client)).toMatchObject({ status: 'ok' })
    await limited.ts.db.run(`DELETE FROM photos WHERE id = $1`, ['photo-quota-0001'])
    expect(await syncOnce(limited.client)).toMatchObject({ status: 'ok' })
    expect(await listPhotosToUpload(10)).toEqual([])
    expect(await readPhotoUploadProblem()).toBeUndefined()
    const stored = await limited.ts.db.all<{ id: string }>(`SELECT id FROM photos WHERE record_id = $1 ORDER BY id`, [record.id])
    expect(stored.map((r) => r.id)).toEqual(ids.slice(1))
  })
})
