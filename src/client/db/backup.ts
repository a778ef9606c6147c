// Export everything on this device to one backup file, and merge a backup file back in.
import type { BackupFile, BackupPhoto } from '@shared/backup'
import { ValidationError } from '@shared/model/errors'
import { loadBackupFormat, memberChecker } from './validation'
import { getDb } from './connection'
import { LOCAL_SETTINGS_RECORD_ID } from './outbox'
import { getDeviceId, readMeta } from './meta'
import { META_KEYS } from './metaKeys'
import type { Mutation, SyncEntity } from '@shared/sync/mutation'
import type { StoredActivity, StoredMember } from './schema'
import { mayMake, requirePermission } from './permission'

async function blobToBase64(blob: Blob): Promise<string> {
  const bytes = new Uint8Array(await blob.arrayBuffer())
  let binary = ''
  const chunk = 0x8000
  for (let i = 0; i < bytes.length; i += chunk) binary += String.fromCharCode(...bytes.subarray(i, i + chunk))
  return btoa(binary)
}

function base64ToBlob(base64: string, mimeType: string): Blob {
  const binary = atob(base64)
  const bytes = new Uint8Array(binary.length)
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i)
  return new Blob([bytes], { type: mimeType })
}

/** One change an import queues. */
interface OutboxChange {
  entity: SyncEntity
  op: Mutation['op']
  recordId: string
  baseVersion: number | null
  fields: Record<string, unknown>
  /** fields left out: they are the record's, read when it is sent (OutboxEntry.fieldsFromRecord) */
  fieldsFromRecord?: true
}

/** Activities checked and written per step: the writes of one step run while the next is checked. */
const IMPORT_CHUNK = 500

export async function exportBackup(now: Date = new Date()): Promise<BackupFile> {
  const { BACKUP_FORMAT, BACKUP_VERSION } = await loadBackupFormat()
  const db = getDb()
  const [settingsRow, members, activities, photos] = await Promise.all([
    db.settings.get('branch'), db.members.toArray(), db.activities.toArray(), db.photos.toArray(),
  ])
  const backupPhotos: BackupPhoto[] = []
  for (const p of photos) {
    backupPhotos.push({
      id: p.id, activityId: p.activityId, mimeType: p.blob.type || 'image/jpeg', base64: await blobToBase64(p.blob),
      width: p.width, height: p.height, createdAt: p.createdAt,
    })
  }
  return {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    exportedAt: now.toISOString(),
    settings: settingsRow?.value ?? null,
    members: members.map(({ serverVersion, ...m }) => (serverVersion === null ? m : { ...m, syncedVersion: serverVersion })),
    activities: activities.map(({ serverVersion, ...a }) => (serverVersion === null ? a : { ...a, syncedVersion: serverVersion })),
    photos: backupPhotos,
  }
}

export interface ImportSummary {
  activitiesAdded: number
  activitiesKept: number
  membersAdded: number
  /** roster entries not taken: the signed-in member may not change the roster */
  membersSkipped: number
  photosAdded: number
  settingsApplied: boolean
}

/**
 * Merge a backup into this device: records not here are added; records already here are kept as they are, so an
 * import never overwrites newer work. Records that were only ever on a phone are queued for sync; copies of
 * server data are not. Every record passes the same rules as a form's save first, and roster entries and settings
 * are taken only from someone who may change them. All or nothing: a bad file changes nothing.
 */
export async function importBackup(text: string): Promise<ImportSummary> {
  const { parseBackupEnvelope, backupActivityChecker } = await loadBackupFormat()
  const parsed = parseBackupEnvelope(text)
  if (!parsed.ok) throw new ValidationError([{ path: '', message: parsed.message }])
  const { backup } = parsed
  await requirePermission('activity', 'create')
  const takeRoster = await mayMake('member', 'create')
  const takeSettings = await mayMake('settings', 'edit')
  // The backup's settings are taken only onto a device that has none yet.
  const settingsTaken = takeSettings && backup.settings !== null && !(await getDb().settings.get('branch'))
  const checkMember = await memberChecker()
  if (takeRoster) for (const { syncedVersion: _v, id: _i, createdAt: _c, updatedAt: _u, deleted: _d, ...m } of backup.members) checkMember(m)
  const clientId = await getDeviceId()
  const db = getDb()
  // One transaction: all or nothing, so a bad record part-way through the file, a crash or a full disk leaves the
  // device exactly as it was and the import can simply be run again. Written in bulk (one bulkAdd per table and
  // step, not a round trip per record), and not awaited step by step: IndexedDB writes one step's records while
  // the next step's are checked by the shared record rules (the same rules as a form's save), once each. The
  // transaction is open while the file is checked (seconds for 50,000 records): other tabs' writes wait for it.
  return db.transaction('rw', [db.activities, db.members, db.settings, db.photos, db.outbox, db.meta], async () => {
    const summary: ImportSummary = {
      activitiesAdded: 0, activitiesKept: 0, membersAdded: 0, membersSkipped: 0, photosAdded: 0, settingsApplied: false,
    }
    const [memberIds, activityIds, photoIds, lastSeq] = await Promise.all([
      db.members.toCollection().primaryKeys(), db.activities.toCollection().primaryKeys(),
      db.photos.toCollection().primaryKeys(), readMeta<number>(META_KEYS.lastClientSeq),
    ])
    const writes: Promise<unknown>[] = []
    // a write still on its way when a later record fails is aborted with the transaction: that is not news
    const write = (request: Promise<unknown>) => { request.catch(() => undefined); writes.push(request) }
    // Queued in the order the one-by-one import queued them (members, activities, settings), one sequence each.
    let nextSeq = (lastSeq ?? 0) + 1
    const queue = (changes: OutboxChange[]) => {
      if (changes.length === 0) return
      write(db.outbox.bulkAdd(changes.map(({ fieldsFromRecord, ...c }) => ({
        clientSeq: nextSeq, mutation: { clientId, clientSeq: nextSeq++, ...c }, ...(fieldsFromRecord ? { fieldsFromRecord } : {}),
      }))))
    }
    const knownMembers = new Set(memberIds)
    const newMembers: StoredMember[] = []
    const queuedMembers: OutboxChange[] = []
    for (const { syncedVersion, ...m } of backup.members) {
      if (knownMembers.has(m.id)) continue
      if (!takeRoster) { summary.membersSkipped++; continue }
      newMembers.push({ ...m, serverVersion: syncedVersion ?? null })
      if (syncedVersion === undefined) queuedMembers.push({ entity: 'member', op: 'put', recordId: m.id, baseVersion: null, fields: { ...m } })
      summary.membersAdded++
    }
    write(db.members.bulkAdd(newMembers))
    queue(queuedMembers)
    const knownActivities = new Set(activityIds)
    const check = backupActivityChecker()
    for (let start = 0; start < backup.activities.length; start += IMPORT_CHUNK) {
      const newActivities: StoredActivity[] = []
      const queued: OutboxChange[] = []
      backup.activities.slice(start, start + IMPORT_CHUNK).forEach((raw, offset) => {
        const checked = check(raw, start + offset)
        if (!checked.ok) throw new ValidationError([{ path: '', message: checked.message }])
        const { syncedVersion, ...a } = checked.activity
        if (knownActivities.has(a.id)) { summary.activitiesKept++; return }
        // a tombstone stays in 回收站 (recycleBin.ts) counted from its last change; the file keeps no deletion time
        newActivities.push({ ...a, serverVersion: syncedVersion ?? null, ...(a.deleted ? { deletedAt: a.updatedAt } : {}) })
        // Only work that never reached a server is queued: a copy of server data (possibly older, possibly with
        // others' 谈心谈话 content hidden) must never be written back over the server's records. A create is
        // queued by reference to the record just written, not with a copy of it: the copy was ~40 % of an
        // import's time and doubled the space it takes (bench/saveToVisible.ts).
        if (syncedVersion === undefined) {
          queued.push(a.deleted
            ? { entity: 'activity', op: 'delete', recordId: a.id, baseVersion: null, fields: {} }
            : { entity: 'activity', op: 'put', recordId: a.id, baseVersion: null, fields: {}, fieldsFromRecord: true })
        }
        summary.activitiesAdded++
      })
      write(db.activities.bulkAdd(newActivities))
      queue(queued)
    }
    const knownPhotos = new Set(photoIds)
    const newPhotos = backup.photos.filter((p) => !knownPhotos.has(p.id))
    write(db.photos.bulkAdd(newPhotos.map((p) => ({
      id: p.id, activityId: p.activityId, blob: base64ToBlob(p.base64, p.mimeType), width: p.width, height: p.height, createdAt: p.createdAt,
    }))))
    summary.photosAdded = newPhotos.length
    if (settingsTaken && backup.settings) {
      write(db.settings.put({ key: 'branch', value: backup.settings, updatedAt: backup.exportedAt, serverVersion: null }))
      queue([{ entity: 'settings', op: 'put', recordId: LOCAL_SETTINGS_RECORD_ID, baseVersion: null, fields: { ...backup.settings } }])
      summary.settingsApplied = true
    }
    // the device's sequence counter moves once for the whole import
    if (nextSeq > (lastSeq ?? 0) + 1) write(db.meta.put({ key: META_KEYS.lastClientSeq, value: nextSeq - 1 }))
    await Promise.all(writes)
    return summary
  })
}
