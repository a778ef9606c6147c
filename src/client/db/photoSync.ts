// Bookkeeping for photo sync: which local photos the server still lacks, and storing photos fetched from it.
import { getDb } from './connection'
import type { StoredPhoto } from './schema'

/** Local photos of live records not yet on the server (oldest first). */
export async function listPhotosToUpload(limit: number): Promise<StoredPhoto[]> {
  const db = getDb()
  const done = new Set(await db.photoUploads.toCollection().primaryKeys())
  const candidates = await db.photos.filter((p) => !done.has(p.id)).toArray()
  const out: StoredPhoto[] = []
  for (const photo of candidates.sort((a, b) => a.createdAt.localeCompare(b.createdAt))) {
    const record = await db.activities.get(photo.activityId)
    // Only photos attached to a saved, live record: a photo taken on a form that was never saved stays local.
    if (record && !record.deleted && record.photoIds.includes(photo.id)) out.push(photo)
    if (out.length >= limit) break
  }
  return out
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

export async function countPhotosToUpload(): Promise<number> {
  return (await listPhotosToUpload(Number.MAX_SAFE_INTEGER)).length
}

/** Which record a photo belongs to (for photos downloaded from the server). */
export async function getActivityIdForPhoto(photoId: string): Promise<string | undefined> {
  return (await getDb().activities.where('photoIds').equals(photoId).first())?.id
}
