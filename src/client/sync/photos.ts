// Photos sync apart from their records: uploaded after the records are pushed (each names its record), downloaded
// only when a screen shows them (a phone need not hold every photo of the branch). PUT by id is idempotent on the
// server, so an interrupted upload is simply sent again. A photo the server cannot take now (its record not there
// yet, photo space or disk full) stays on the phone and is sent again on a later run; one it will never take is
// marked refused, with the reason, and also stays on the phone.
import { API } from '@shared/api'
import { PHOTO_ERROR_CODES } from '@shared/api/photos'
import { MAX_PHOTO_BYTES } from '@shared/sync/protocol'
import { readSession } from '@client/db/session'
import {
  getActivityIdForPhoto, listPhotosToUpload, markPhotoRefused, markPhotoUploaded, setPhotoUploadProblem, storeDownloadedPhoto,
} from '@client/db/photoSync'
import { browserClient, receive, serverApi, ServerError, type ServerClient } from './http'

/** Photos per sync run; the rest go next time so one run never holds the network for long. */
const PHOTOS_PER_RUN = 20

/** Answers that mean the server will never take this photo: it stays on the phone, with the reason. */
const REFUSALS: Readonly<Record<number, string>> = { 409: '服务器上已有同编号的另一张照片', 413: '照片过大', 415: '照片格式不支持' }

type Outcome = 'uploaded' | 'later' | 'refused' | 'stop'

/** What an error answer means for this photo, and for the rest of the run. */
async function settleRefusal(photoId: string, err: ServerError): Promise<Outcome> {
  if (err.code === PHOTO_ERROR_CODES.recordNotOnServer) return 'later'
  if (err.status === 507) {
    // Photo space or the server's disk is full: nothing more fits now. Say why; the photos wait here.
    await setPhotoUploadProblem(err.message)
    return 'stop'
  }
  if (err.code === PHOTO_ERROR_CODES.recordDeleted || (err.status === 403 && err.code === 'forbidden')) {
    await markPhotoRefused(photoId, `${err.message}，照片只保存在本机`)
    return 'refused'
  }
  const refusal = REFUSALS[err.status]
  if (!refusal) return 'stop' // 401/403/5xx: the record sync handles sessions; try the photos again next run
  await markPhotoRefused(photoId, `${refusal}，只保存在本机`)
  return 'refused'
}

export async function uploadPendingPhotos(client: ServerClient, token: string): Promise<number> {
  const photosApi = serverApi(client, token).api.photos
  const pending = await listPhotosToUpload(PHOTOS_PER_RUN)
  if (pending.length === 0) await setPhotoUploadProblem(undefined)
  let uploaded = 0
  for (const photo of pending) {
    if (photo.blob.size > MAX_PHOTO_BYTES) {
      await markPhotoRefused(photo.id, '照片超过5MB，只保存在本机')
      continue
    }
    const answer = photosApi[':id'].$put(
      { param: { id: encodeURIComponent(photo.id) }, query: { recordId: photo.recordId } },
      { headers: { 'Content-Type': photo.blob.type || 'image/jpeg' }, init: { body: photo.blob } })
    let outcome: Outcome = 'uploaded'
    try {
      await receive(answer, API.putPhoto.response)
    } catch (err) {
      if (!(err instanceof ServerError)) throw err // no answer: the run fails and is retried
      outcome = await settleRefusal(photo.id, err)
    }
    if (outcome === 'stop') break
    if (outcome !== 'uploaded') continue
    await markPhotoUploaded(photo.id)
    if (uploaded === 0) await setPhotoUploadProblem(undefined)
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
