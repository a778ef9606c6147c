// Photos sync apart from records: PUT by id is idempotent (same bytes → same answer), so an interrupted upload
// is resumed by sending it again. Every photo belongs to an activity record the uploader may change, which must
// already be on the server and list the photo; space is capped per account and per branch; a 谈心谈话's photo is
// read only by those who may read the record (records.ts, toSyncRow).
import type { PhotoInfo } from '../../shared/api/photos'
import { PHOTO_ERROR_CODES } from '../../shared/api/photos'
import { mayChange } from '../../shared/permissions'
import { MAX_PHOTO_BYTES } from '../../shared/sync/protocol'
import { ApiError, badRequest, conflict, forbidden, notFound } from '../http/errors'
import type { Db, Queryable } from '../storage/db'
import { num } from '../storage/db'
import { readableBranch } from './pull'
import { actorOf } from './push'
import { loadRecord } from './records'
import type { Principal } from './sessions'
import { sha256 } from './tokens'

export const PHOTO_TYPES = new Set(['image/jpeg', 'image/png', 'image/webp'])

const MIB = 1024 * 1024
const HOUR_MS = 60 * 60_000

export interface PhotoLimits {
  /** photo bytes one account may have stored in its branch */
  perMemberBytes: number
  /** photo bytes one branch may have stored */
  perBranchBytes: number
  /** how long after its upload a photo no live record refers to is kept */
  orphanGraceMs: number
}

/** From the server's environment (env.ts): sizes in MB (MiB), the grace period in hours. */
export function photoLimitsOf(env: { photoQuotaPerMemberMb: number; photoQuotaPerBranchMb: number; orphanPhotoGraceHours: number }): PhotoLimits {
  return {
    perMemberBytes: env.photoQuotaPerMemberMb * MIB,
    perBranchBytes: env.photoQuotaPerBranchMb * MIB,
    orphanGraceMs: env.orphanPhotoGraceHours * HOUR_MS,
  }
}

export const DEFAULT_PHOTO_LIMITS: PhotoLimits = photoLimitsOf({ photoQuotaPerMemberMb: 200, photoQuotaPerBranchMb: 5000, orphanPhotoGraceHours: 48 })

function megabytes(bytes: number): string {
  const mb = bytes / MIB
  return `${Number.isInteger(mb) ? mb : mb.toFixed(1)} MB`
}

/** Quotas answer 507 (the server cannot store it now), not 413: the photo itself is fine and is sent again later. */
const memberQuotaFull = (limits: PhotoLimits) => new ApiError(507, PHOTO_ERROR_CODES.memberQuota,
  `照片空间已用完（每人${megabytes(limits.perMemberBytes)}），照片仍保存在本机。请删除不需要的照片或联系支部书记`)
const branchQuotaFull = (limits: PhotoLimits) => new ApiError(507, PHOTO_ERROR_CODES.branchQuota,
  `本支部的照片空间已用完（每个支部${megabytes(limits.perBranchBytes)}），照片仍保存在本机。请联系支部书记或服务器管理员`)

export interface PhotoUpload {
  id: string
  recordId: string
  contentType: string
  bytes: Buffer
}

/** The photo ids a stored activity lists (its JSON `photoIds`); anything malformed lists none. */
function photoIdsOf(data: unknown): string[] {
  if (typeof data !== 'string') return []
  try {
    const ids = (JSON.parse(data) as { photoIds?: unknown } | null)?.photoIds
    return Array.isArray(ids) ? ids.filter((v): v is string => typeof v === 'string') : []
  } catch {
    return []
  }
}

/** The record must be on the server, live, changeable by the uploader, and list the photo. */
async function checkOwningRecord(q: Queryable, p: Principal, branchId: string, upload: PhotoUpload): Promise<void> {
  const record = await loadRecord(q, branchId, 'activity', upload.recordId)
  if (!record) {
    throw conflict('这张照片所属的记录还没有同步到服务器，稍后会自动重新上传', PHOTO_ERROR_CODES.recordNotOnServer)
  }
  if (num(record.deleted) === 1) throw conflict('这张照片所属的记录已在服务器上删除', PHOTO_ERROR_CODES.recordDeleted)
  const permission = mayChange(actorOf(p), 'activity', 'edit', { createdBy: record.created_by, authorUserId: record.author_user_id })
  if (!permission.allowed) throw forbidden(permission.message)
  // The edit that added the photo may still be on its way (pushed before photos, but perhaps not yet).
  if (!photoIdsOf(record.data).includes(upload.id)) {
    throw conflict('服务器上的这条记录还没有这张照片，稍后会自动重新上传', PHOTO_ERROR_CODES.recordNotOnServer)
  }
}

async function checkQuotas(q: Queryable, p: Principal, branchId: string, size: number, limits: PhotoLimits): Promise<void> {
  const used = await q.one<{ mine: unknown; branch: unknown }>(
    `SELECT COALESCE(SUM(CASE WHEN uploaded_by = $2 THEN size ELSE 0 END), 0) AS mine, COALESCE(SUM(size), 0) AS branch
     FROM photos WHERE branch_id = $1`, [branchId, p.userId])
  if (num(used?.mine ?? 0) + size > limits.perMemberBytes) throw memberQuotaFull(limits)
  if (num(used?.branch ?? 0) + size > limits.perBranchBytes) throw branchQuotaFull(limits)
}

export async function putPhoto(db: Db, p: Principal, upload: PhotoUpload, now = Date.now(), limits = DEFAULT_PHOTO_LIMITS): Promise<{ created: boolean; photo: PhotoInfo }> {
  if (p.role === 'committee' || !p.branchId) throw forbidden('党委账号只能查看')
  const branchId = p.branchId
  const { id, contentType, bytes } = upload
  if (!PHOTO_TYPES.has(contentType)) throw new ApiError(415, 'unsupported_type', '只支持 JPEG、PNG、WebP 图片')
  if (bytes.length === 0) throw badRequest('图片为空')
  if (bytes.length > MAX_PHOTO_BYTES) throw new ApiError(413, 'too_large', '图片不能超过5MB')
  const hash = sha256(bytes)
  const photo: PhotoInfo = { id, size: bytes.length, sha256: hash, contentType }
  return db.tx(async (q) => {
    // The branch row lock serialises uploads to one branch (and pushes), so two uploads cannot both fit the
    // last free space, and the record checked below cannot change before the photo is stored.
    await q.one(`SELECT id FROM branches WHERE id = $1 FOR UPDATE`, [branchId])
    await checkOwningRecord(q, p, branchId, upload)
    const existing = await q.one<{ sha256: string }>(`SELECT sha256 FROM photos WHERE branch_id = $1 AND id = $2`, [branchId, id])
    if (existing) {
      if (existing.sha256 !== hash) throw conflict('该编号的图片已存在且内容不同', PHOTO_ERROR_CODES.photoExists)
      return { created: false, photo }
    }
    await checkQuotas(q, p, branchId, bytes.length, limits)
    await q.run(
      `INSERT INTO photos (branch_id, id, content_type, size, sha256, data, uploaded_by, created_at, record_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [branchId, id, contentType, bytes.length, hash, bytes, p.userId, now, upload.recordId])
    return { created: true, photo }
  })
}

interface StoredPhotoRow {
  [key: string]: unknown
  content_type: string
  size: unknown
  sha256: string
  data: Buffer
  record_id: string | null
  heart_talk: unknown
  deleted: unknown
  author_user_id: string | null
}

/**
 * May `p` see this photo? Only as much as its record: a 谈心谈话's (or a deleted record's) photo is for its author
 * and the secretary only. Photos stored before uploads named their record (record_id NULL) stay branch-wide.
 */
function readable(row: StoredPhotoRow, p: Principal): boolean {
  if (row.record_id === null) return true
  if (p.role === 'secretary' || (row.author_user_id !== null && row.author_user_id === p.userId)) return true
  const recordLive = row.deleted !== null && num(row.deleted) === 0
  return recordLive && num(row.heart_talk) !== 1
}

export async function getPhoto(db: Db, p: Principal, id: string, branchId?: string): Promise<PhotoInfo & { data: Buffer }> {
  const branch = await readableBranch(db, p, branchId)
  const row = await db.one<StoredPhotoRow>(
    `SELECT p.content_type, p.size, p.sha256, p.data, p.record_id, r.heart_talk, r.deleted, r.author_user_id
     FROM photos p LEFT JOIN records r ON r.branch_id = p.branch_id AND r.entity = 'activity' AND r.id = p.record_id
     WHERE p.branch_id = $1 AND p.id = $2`, [branch, id])
  // Hidden reads exactly as missing: whoever may not see the photo does not learn that it exists.
  if (!row || !readable(row, p)) throw notFound('图片不存在')
  return { id, size: num(row.size), sha256: row.sha256, contentType: row.content_type, data: Buffer.from(row.data) }
}

/**
 * Remove photos uploaded more than `graceMs` ago that no live activity lists in its photoIds (its record was
 * deleted, the photo taken off it, or an upload whose record edit never arrived). Returns how many were removed.
 */
export async function removeOrphanPhotos(db: Db, now: number, graceMs: number): Promise<number> {
  const cutoff = now - graceMs
  const old = await db.all<{ branch_id: string; id: string }>(`SELECT branch_id, id FROM photos WHERE created_at < $1`, [cutoff])
  const byBranch = new Map<string, string[]>()
  for (const row of old) byBranch.set(row.branch_id, [...(byBranch.get(row.branch_id) ?? []), row.id])
  let removed = 0
  for (const [branchId, ids] of byBranch) {
    removed += await db.tx(async (q) => {
      // Locked like a push, so an edit that puts a photo back on a record cannot land between reading and deleting.
      await q.one(`SELECT id FROM branches WHERE id = $1 FOR UPDATE`, [branchId])
      const live = await q.all<{ data: string }>(
        `SELECT data FROM records WHERE branch_id = $1 AND entity = 'activity' AND deleted = 0`, [branchId])
      const referenced = new Set(live.flatMap((r) => photoIdsOf(r.data)))
      let count = 0
      for (const id of ids) {
        if (!referenced.has(id)) count += await q.run(`DELETE FROM photos WHERE branch_id = $1 AND id = $2 AND created_at < $3`, [branchId, id, cutoff])
      }
      return count
    })
  }
  return removed
}

const SWEEP_EVERY_MS = HOUR_MS
let lastSweptAt = 0

/** Remove orphans at most once an hour per process, on the back of photo uploads (before their quota check). */
export async function removeOrphanPhotosNowAndThen(db: Db, now: number, graceMs: number): Promise<void> {
  if (now - lastSweptAt < SWEEP_EVERY_MS && now >= lastSweptAt) return
  lastSweptAt = now
  await removeOrphanPhotos(db, now, graceMs)
}
