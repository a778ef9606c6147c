// The device backup file: everything on one device in one versioned JSON document.
import * as z from 'zod/mini'
import { activityRecordSchema } from './model/activity'
import { memberSchema } from './model/member'
import { branchSettingsSchema } from './model/settings'
import { idSchema, instantSchema } from './model/fields'
import { issuesOf } from './model/validate'

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
export type BackupPhoto = z.infer<typeof backupPhotoSchema>

export type ParsedBackup = { ok: true; backup: BackupFile } | { ok: false; message: string }

/** Parse and check a backup file's text. Every failure has a message a member can act on. */
export function parseBackup(text: string): ParsedBackup {
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
  const result = backupSchema.safeParse(data)
  if (!result.success) {
    const first = issuesOf(result.error)[0]
    const where = first && first.path ? `（${first.path}）` : ''
    return { ok: false, message: `备份文件已损坏或内容无效${where}：${first?.message ?? '未知错误'}` }
  }
  const ids = new Set<string>()
  for (const a of result.data.activities) {
    if (ids.has(a.id)) return { ok: false, message: '备份文件内容无效：活动记录编号重复' }
    ids.add(a.id)
  }
  return { ok: true, backup: result.data }
}
