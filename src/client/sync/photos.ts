// Photos sync apart from their records: uploaded after the records are pushed, downloaded only when a screen
// shows them (a phone need not hold every photo of the branch). PUT by id is idempotent on the server, so an
// interrupted upload is simply sent again.
import { MAX_PHOTO_BYTES } from '@shared/sync/protocol'
import { readSession } from '@client/db/session'
import {
  getActivityIdForPhoto, listPhotosToUpload, markPhotoRefused, markPhotoUploaded, storeDownloadedPhoto,
} from '@client/db/photoSync'
import { browserClient, NetworkError, type ServerClient } from './http'

/** Photos per sync run; the rest go next time so one run never holds the network for long. */
const PHOTOS_PER_RUN = 20

export async function uploadPendingPhotos(client: ServerClient, token: string): Promise<number> {
  let uploaded = 0
  for (const photo of await listPhotosToUpload(PHOTOS_PER_RUN)) {
    if (photo.blob.size > MAX_PHOTO_BYTES) {
      await markPhotoRefused(photo.id, '照片超过5MB，只保存在本机')
      continue
    }
    let res: Response
    try {
      res = await client.fetch(`${client.baseUrl}/api/photos/${encodeURIComponent(photo.id)}`, {
        method: 'PUT', headers: { Authorization: `Bearer ${token}`, 'Content-Type': photo.blob.type || 'image/jpeg' }, body: photo.blob,
      })
    } catch (err) {
      throw new NetworkError(err instanceof Error ? err.message : String(err))
    }
    if (res.ok) {
      await markPhotoUploaded(photo.id)
      uploaded++
    } else if (res.status === 409 || res.status === 413 || res.status === 415) {
      const reasons: Record<number, string> = { 409: '服务器上已有同编号的另一张照片', 413: '照片过大', 415: '照片格式不支持' }
      await markPhotoRefused(photo.id, `${reasons[res.status]}，只保存在本机`)
    } else {
      break // 401/403/5xx: the record sync handles sessions; try the photos again next run
    }
  }
  return uploaded
}

/** Fetch a photo this phone does not hold. Returns false when not signed in, offline, or the server lacks it. */
export async function downloadPhoto(id: string, client: ServerClient = browserClient()): Promise<boolean> {
  const session = await readSession()
  if (!session || session.expired || (typeof navigator !== 'undefined' && !navigator.onLine)) return false
  try {
    const res = await client.fetch(`${client.baseUrl}/api/photos/${encodeURIComponent(id)}`, { headers: { Authorization: `Bearer ${session.token}` } })
    if (!res.ok) return false
    const blob = await res.blob()
    const bitmap = await createImageBitmap(blob)
    const activityId = (await getActivityIdForPhoto(id)) ?? ''
    await storeDownloadedPhoto({ id, activityId, blob, width: bitmap.width, height: bitmap.height, createdAt: new Date().toISOString() })
    bitmap.close()
    return true
  } catch {
    return false
  }
}
