// Bookkeeping for photo sync: which local photos the server still lacks (and the record each belongs to), why
// they wait, and storing photos fetched from the server.
import { getDb } from './connection'
import { META_KEYS } from './metaKeys'
import type { StoredPhoto } from './schema'

/** A local photo to upload, with the live record that lists it (the server files it under that record). */
export interface PhotoToUpload extends StoredPhoto {
  recordId: string
}

/** Local photos attached to a saved, live record and not yet on the server, oldest first (v7 ids), with that record. */
async function photoIdsToUpload(): Promise<{ id: string; recordId: string }[]> {
  const db = getDb()
  const done = new Set(await db.photoUploads.toCollection().primaryKeys())
  const waiting = (await db.photos.toCollection().primaryKeys()).filter((id) => !done.has(id))
  if (waiting.length === 0) return []
  // A photo taken on a form that was never saved stays local. Only keys and records are read here, never a blob.
  const owners = await db.activities.where('photoIds').anyOf(waiting).toArray()
  const ownerOf = new Map<string, string>()
  for (const record of owners) {
    if (record.deleted) continue
    for (const id of record.photoIds) if (!ownerOf.has(id)) ownerOf.set(id, record.id)
  }
  return waiting.flatMap((id) => {
    const recordId = ownerOf.get(id)
    return recordId ? [{ id, recordId }] : []
  })
}

/** Local photos of live records not yet on the server (oldest first); reads the blobs of at most `limit`. */
export async function listPhotosToUpload(limit: number): Promise<PhotoToUpload[]> {
  const wanted = (await photoIdsToUpload()).slice(0, limit)
  const photos = await getDb().photos.bulkGet(wanted.map((w) => w.id))
  return photos.flatMap((photo, i) => (photo ? [{ ...photo, recordId: wanted[i]!.recordId }] : []))
}

export async function markPhotoUploaded(id: string): Promise<void> {
  await getDb().photoUploads.put({ id, state: 'uploaded' })
}

/** The server will never take this photo (too large, wrong type): stop retrying, keep it on the phone. */
export async function markPhotoRefused(id: string, reason: string): Promise<void> {
  await getDb().photoUploads.put({ id, state: 'refused', reason })
}

export { readPhotoUploadProblem } from './photoUploadProblem'

/** Remember (or, with undefined, forget) why photos wait; the photos themselves stay on the phone either way. */
export async function setPhotoUploadProblem(message: string | undefined): Promise<void> {
  const db = getDb()
  if (message === undefined) await db.meta.delete(META_KEYS.photoUploadProblem)
  else await db.meta.put({ key: META_KEYS.photoUploadProblem, value: message })
}

export async function storeDownloadedPhoto(photo: StoredPhoto): Promise<void> {
  const db = getDb()
  await db.transaction('rw', [db.photos, db.photoUploads], async () => {
    await db.photos.put(photo)
    await db.photoUploads.put({ id: photo.id, state: 'uploaded' })
  })
}

/** Which record a photo belongs to (for photos downloaded from the server). */
export async function getActivityIdForPhoto(photoId: string): Promise<string | undefined> {
  return (await getDb().activities.where('photoIds').equals(photoId).first())?.id
}
