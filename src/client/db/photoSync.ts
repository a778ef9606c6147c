// Bookkeeping for photo sync: which local photos the server still lacks, and storing photos fetched from it.
import { getDb } from './connection'
import type { StoredPhoto } from './schema'

/** Ids of local photos attached to a saved, live record and not yet on the server, oldest first (v7 ids). */
async function photoIdsToUpload(): Promise<string[]> {
  const db = getDb()
  const done = new Set(await db.photoUploads.toCollection().primaryKeys())
  const waiting = (await db.photos.toCollection().primaryKeys()).filter((id) => !done.has(id))
  if (waiting.length === 0) return []
  // A photo taken on a form that was never saved stays local. Only keys and records are read here, never a blob.
  const owners = await db.activities.where('photoIds').anyOf(waiting).toArray()
  const attached = new Set(owners.filter((r) => !r.deleted).flatMap((r) => r.photoIds))
  return waiting.filter((id) => attached.has(id))
}

/** Local photos of live records not yet on the server (oldest first); reads the blobs of at most `limit`. */
export async function listPhotosToUpload(limit: number): Promise<StoredPhoto[]> {
  const ids = (await photoIdsToUpload()).slice(0, limit)
  const photos = await getDb().photos.bulkGet(ids)
  return photos.filter((p): p is StoredPhoto => p !== undefined)
}

export async function markPhotoUploaded(id: string): Promise<void> {
  await getDb().photoUploads.put({ id, state: 'uploaded' })
}

/** The server will never take this photo (too large, wrong type): stop retrying, keep it on the phone. */
export async function markPhotoRefused(id: string, reason: string): Promise<void> {
  await getDb().photoUploads.put({ id, state: 'refused', reason })
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
