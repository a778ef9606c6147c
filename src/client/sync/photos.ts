// Photos sync apart from their records: uploaded after the records are pushed, downloaded only when a screen
// shows them (a phone need not hold every photo of the branch). PUT by id is idempotent on the server, so an
// interrupted upload is simply sent again.
import { API } from '@shared/api'
import { MAX_PHOTO_BYTES } from '@shared/sync/protocol'
import { readSession } from '@client/db/session'
import {
  getActivityIdForPhoto, listPhotosToUpload, markPhotoRefused, markPhotoUploaded, storeDownloadedPhoto,
} from '@client/db/photoSync'
import { browserClient, receive, serverApi, ServerError, type ServerClient } from './http'

/** Photos per sync run; the rest go next time so one run never holds the network for long. */
const PHOTOS_PER_RUN = 20

/** Answers that mean the server will never take this photo: it stays on the phone, with the reason. */
const REFUSALS: Readonly<Record<number, string>> = { 409: '服务器上已有同编号的另一张照片', 413: '照片过大', 415: '照片格式不支持' }

export async function uploadPendingPhotos(client: ServerClient, token: string): Promise<number> {
  const photosApi = serverApi(client, token).api.photos
  let uploaded = 0
  for (const photo of await listPhotosToUpload(PHOTOS_PER_RUN)) {
    if (photo.blob.size > MAX_PHOTO_BYTES) {
      await markPhotoRefused(photo.id, '照片超过5MB，只保存在本机')
      continue
    }
    const answer = photosApi[':id'].$put({ param: { id: encodeURIComponent(photo.id) } },
      { headers: { 'Content-Type': photo.blob.type || 'image/jpeg' }, init: { body: photo.blob } })
    try {
      await receive(answer, API.putPhoto.response)
    } catch (err) {
      if (!(err instanceof ServerError)) throw err // no answer: the run fails and is retried
      const refusal = REFUSALS[err.status]
      if (!refusal) break // 401/403/5xx: the record sync handles sessions; try the photos again next run
      await markPhotoRefused(photo.id, `${refusal}，只保存在本机`)
      continue
    }
    await markPhotoUploaded(photo.id)
    uploaded++
  }
  return uploaded
}

/** Fetch a photo this phone does not hold. Returns false when not signed in, offline, or the server lacks it. */
export async function downloadPhoto(id: string, client: ServerClient = browserClient()): Promise<boolean> {
  const session = await readSession()
  if (!session || session.expired || (typeof navigator !== 'undefined' && !navigator.onLine)) return false
  try {
    const res = await serverApi(client, session.token).api.photos[':id'].$get({ param: { id: encodeURIComponent(id) }, query: {} })
    // The answer is the image itself: anything else (an error page, JSON) is not stored as a photo.
    if (!res.ok || !(res.headers.get('Content-Type') ?? '').startsWith('image/')) return false
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
