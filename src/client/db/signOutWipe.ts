// Signing out of a shared phone: the branch's records may be removed from it, but only once nothing of this phone
// waits to be sent (changes in the outbox, photos the server lacks). Imported as '@client/db/signOutWipe' by the
// account page only.
import { getDb } from './connection'
import { META_KEYS } from './metaKeys'
import { wipeBranchData } from './sync/resets'

export interface UnsentOnPhone {
  /** changes waiting in the outbox (refused ones are not counted: they will never be sent) */
  changes: number
  /** photos of live records the server does not have yet */
  photos: number
}

/**
 * Photos of live records the server does not have (no upload bookkeeping for them); the same rule as photoSync.ts
 * uses to pick uploads, counted here without reading any blob.
 */
async function countPhotosToUpload(): Promise<number> {
  const db = getDb()
  const done = new Set(await db.photoUploads.toCollection().primaryKeys())
  const waiting = (await db.photos.toCollection().primaryKeys()).filter((id) => !done.has(id))
  if (waiting.length === 0) return 0
  const listed = new Set((await db.activities.where('photoIds').anyOf(waiting).toArray()).filter((r) => !r.deleted).flatMap((r) => r.photoIds))
  return waiting.filter((id) => listed.has(id)).length
}

export async function countUnsent(): Promise<UnsentOnPhone> {
  const db = getDb()
  // waiting entries carry no reason, so they are not in the rejectedReason index: all minus refused
  const [all, refused, photos] = await Promise.all([db.outbox.count(), db.outbox.where('rejectedReason').aboveOrEqual('').count(), countPhotosToUpload()])
  return { changes: all - refused, photos }
}

/** "本机还有 3 项修改、1 张照片未同步" */
export function unsentText(u: UnsentOnPhone): string {
  const parts = [u.changes > 0 ? `${u.changes} 项修改` : '', u.photos > 0 ? `${u.photos} 张照片` : ''].filter((p) => p !== '')
  return parts.length === 0 ? '' : `本机还有 ${parts.join('、')}未同步`
}

/** Refused: something is not on the server yet, and removing it would lose it. Nothing was removed. */
export class UnsentChangesError extends Error {
  constructor(readonly unsent: UnsentOnPhone) {
    super(`${unsentText(unsent)}，不能从本机删除支部的记录。请联网同步完成后再试。`)
    this.name = 'UnsentChangesError'
  }
}

/**
 * Remove the branch's records from this phone — activities, roster, settings, photos, the outbox, drafts and the
 * sync and session entries of meta — in one transaction that first checks nothing waits to be sent.
 */
export async function removeBranchDataFromPhone(): Promise<void> {
  const db = getDb()
  await db.transaction('rw', [db.activities, db.members, db.settings, db.photos, db.photoUploads, db.outbox, db.drafts, db.meta], async () => {
    const unsent = await countUnsent()
    if (unsent.changes > 0 || unsent.photos > 0) throw new UnsentChangesError(unsent)
    await wipeBranchData()
    // what this phone worked out from the branch's records goes with them
    await db.meta.bulkDelete([META_KEYS.trackingStartAuto, META_KEYS.photoUploadProblem])
  })
}
