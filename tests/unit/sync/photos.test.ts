// Photos sync apart from their records: uploaded after the record, fetched by another phone when shown.
import { describe, expect, it, vi } from 'vitest'
import { createActivity, getPhoto, savePhoto, useDatabase } from '@client/db'
import { listPhotosToUpload } from '@client/db/photoSync'
import { syncOnce } from '@client/sync/engine'
import { downloadPhoto } from '@client/sync/photos'
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
function pngBytes(seed: number): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(new ArrayBuffer(64)).map((_, i) => (i * 7 + seed) % 256)
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
