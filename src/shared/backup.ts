// The device backup file: everything on one device in one versioned JSON document.
import * as z from 'zod/mini'
import { activityRecordSchema, type ActivityRecord } from './model/activity'
import { memberSchema } from './model/member'
import { branchSettingsSchema } from './model/settings'
import { idSchema, instantSchema } from './model/fields'
import { issuesOf } from './model/validate'
import { validateRecordFields } from './model/rules'
import { chinaDateOf } from './dates'

export const BACKUP_FORMAT = 'zhibu-jishi-backup'
export const BACKUP_VERSION = 1

export const backupPhotoSchema = z.object({
  id: idSchema,
  activityId: idSchema,
  mimeType: z.string().check(z.regex(/^image\/(jpeg|png|webp)$/, '照片格式无效')),
  base64: z.string().check(z.maxLength(20_000_000, '照片过大')),
  width: z.number().check(z.int(), z.gte(1), z.lte(10_000)),
  height: z.number().check(z.int(), z.gte(1), z.lte(10_000)),
  createdAt: instantSchema,
})

/** The branch server's version of a record that came from (or reached) the server; absent for local-only work. */
const syncedVersionSchema = z.optional(z.number().check(z.int(), z.gte(0)))

export const backupSchema = z.object({
  format: z.literal(BACKUP_FORMAT),
  version: z.literal(BACKUP_VERSION),
  exportedAt: instantSchema,
  settings: z.nullable(branchSettingsSchema),
  members: z.array(z.object({ ...memberSchema.shape, syncedVersion: syncedVersionSchema })),
  activities: z.array(z.object({ ...activityRecordSchema.shape, syncedVersion: syncedVersionSchema })),
  photos: z.array(backupPhotoSchema),
})

export type BackupFile = z.infer<typeof backupSchema>

/**
 * What the file is parsed with. An activity's envelope (id, author, times, flags) is checked here; its fields
 * are then checked once by the shared record rules (rules.ts, as a form's save and the server's push are), not
 * twice: the rules pass is the one that counts, so the schema pass over every field would only repeat it.
 */
const backupActivityEnvelopeSchema = z.looseObject({
  id: idSchema,
  createdBy: activityRecordSchema.shape.createdBy,
  createdAt: instantSchema,
  updatedAt: instantSchema,
  backfilled: z.boolean(),
  deleted: z.boolean(),
  syncedVersion: syncedVersionSchema,
})
const backupEnvelopeSchema = z.object({ ...backupSchema.shape, activities: z.array(backupActivityEnvelopeSchema) })

/** Parse failures read the same whichever pass found them. */
const damaged = (path: string, message: string) =>
  ({ ok: false as const, message: `备份文件已损坏或内容无效${path ? `（${path}）` : ''}：${message}` })
export type BackupPhoto = z.infer<typeof backupPhotoSchema>

export type ParsedBackup = { ok: true; backup: BackupFile } | { ok: false; message: string }

type EnvelopeFile = z.infer<typeof backupEnvelopeSchema>
/** A file whose envelope has been checked; its activities are checked one by one by `backupActivityChecker`. */
export type BackupEnvelope = Omit<EnvelopeFile, 'activities'> & { activities: unknown[] }
export type BackupActivity = BackupFile['activities'][number]

/** Read a backup file's text and check all of it but its activities' fields. Every failure has a message a member can act on. */
export function parseBackupEnvelope(text: string): { ok: true; backup: BackupEnvelope } | { ok: false; message: string } {
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch {
    return { ok: false, message: '无法读取：文件内容无法识别，这不是有效的备份文件' }
  }
  if (typeof data !== 'object' || data === null || (data as { format?: unknown }).format !== BACKUP_FORMAT) {
    return { ok: false, message: '这不是支部纪实的备份文件' }
  }
  const version = (data as { version?: unknown }).version
  if (typeof version === 'number' && version > BACKUP_VERSION) {
    return { ok: false, message: '该备份来自更新版本的支部纪实，请先更新应用后再导入' }
  }
  const result = backupEnvelopeSchema.safeParse(data)
  if (!result.success) {
    const first = issuesOf(result.error)[0]
    return damaged(first?.path ?? '', first?.message ?? '未知错误')
  }
  return { ok: true, backup: result.data }
}

/**
 * Checks a file's activities in file order (`index`: the activity's place in the file, for the message): each
 * by the shared record rules, and no id twice. The record returned is a new object the caller may keep.
 */
export function backupActivityChecker(): (activity: unknown, index: number) => { ok: true; activity: BackupActivity } | { ok: false; message: string } {
  const ids = new Set<string>()
  const today = chinaDateOf()
  return (activity, index) => {
    const a = activity as EnvelopeFile['activities'][number]
    if (ids.has(a.id)) return { ok: false, message: '备份文件内容无效：活动记录编号重复' }
    ids.add(a.id)
    // deletedAt: an older export wrote 回收站's time into the file; the import derives it again
    const { syncedVersion, deletedAt: _deletedAt, ...record } = a
    const checked = validateRecordFields('activity', record, { today })
    if (!checked.ok) {
      const first = checked.issues[0]
      return damaged(`activities.${index}${first?.path ? `.${first.path}` : ''}`, first?.message ?? '未知错误')
    }
    const { id, createdBy, createdAt, updatedAt, backfilled, deleted } = a
    const kept: ActivityRecord = { ...checked.value, id, createdBy, createdAt, updatedAt, backfilled, deleted }
    return { ok: true, activity: syncedVersion === undefined ? kept : { ...kept, syncedVersion } }
  }
}

/** Parse and check a backup file's text, all of it. Every failure has a message a member can act on. */
export function parseBackup(text: string): ParsedBackup {
  const parsed = parseBackupEnvelope(text)
  if (!parsed.ok) return parsed
  const check = backupActivityChecker()
  const activities: BackupActivity[] = []
  for (const [index, a] of parsed.backup.activities.entries()) {
    const checked = check(a, index)
    if (!checked.ok) return checked
    activities.push(checked.activity)
  }
  return { ok: true, backup: { ...parsed.backup, activities } }
}
