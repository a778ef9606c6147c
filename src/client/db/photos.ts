// Photos of activities, already downscaled on the device, stored as Blobs.
import { getDb } from './connection'
import type { StoredPhoto } from './schema'

export async function savePhoto(photo: StoredPhoto): Promise<void> {
  await getDb().photos.put(photo)
}

export async function getPhoto(id: string): Promise<StoredPhoto | undefined> {
  return getDb().photos.get(id)
}

