// Half-filled forms, written as the user types so a crash, reload or app update never loses them.
import { getDb } from './connection'
import { plain } from './plain'

export async function saveDraft(key: string, value: unknown): Promise<void> {
  await getDb().drafts.put({ key, value: plain(value), savedAt: new Date().toISOString() })
}

export async function readDraft<T>(key: string): Promise<T | undefined> {
  return (await getDb().drafts.get(key))?.value as T | undefined
}

export async function discardDraft(key: string): Promise<void> {
  await getDb().drafts.delete(key)
}

