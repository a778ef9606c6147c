// Photos sync apart from records: PUT by id is idempotent (same bytes → same answer), so an interrupted upload
// is resumed by sending it again. Size-capped; scoped to the branch.
import { MAX_PHOTO_BYTES } from '../../shared/sync/protocol'
import { ApiError, badRequest, conflict, forbidden, notFound } from '../http/errors'
import type { Db } from '../storage/db'
import { num } from '../storage/db'
import { readableBranch } from './pull'
import type { Principal } from './sessions'
import { sha256 } from './tokens'

export const PHOTO_TYPES = new Set(['image/jpeg', 'image/png', 'image/webp'])

export interface PhotoInfo {
  id: string
  size: number
  sha256: string
  contentType: string
}

export async function putPhoto(db: Db, p: Principal, id: string, contentType: string, bytes: Buffer, now = Date.now()): Promise<{ created: boolean; photo: PhotoInfo }> {
  if (p.role === 'committee' || !p.branchId) throw forbidden('党委账号只能查看')
  if (!PHOTO_TYPES.has(contentType)) throw new ApiError(415, 'unsupported_type', '只支持 JPEG、PNG、WebP 图片')
  if (bytes.length === 0) throw badRequest('图片为空')
  if (bytes.length > MAX_PHOTO_BYTES) throw new ApiError(413, 'too_large', '图片不能超过5MB')
  const hash = sha256(bytes)
  const photo: PhotoInfo = { id, size: bytes.length, sha256: hash, contentType }
  const existing = await db.one<{ sha256: string }>(`SELECT sha256 FROM photos WHERE branch_id = $1 AND id = $2`, [p.branchId, id])
  if (existing) {
    if (existing.sha256 !== hash) throw conflict('该编号的图片已存在且内容不同', 'photo_exists')
    return { created: false, photo }
  }
  await db.run(
    `INSERT INTO photos (branch_id, id, content_type, size, sha256, data, uploaded_by, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (branch_id, id) DO NOTHING`,
    [p.branchId, id, contentType, bytes.length, hash, bytes, p.userId, now])
  return { created: true, photo }
}

export async function getPhoto(db: Db, p: Principal, id: string, branchId?: string): Promise<PhotoInfo & { data: Buffer }> {
  const branch = await readableBranch(db, p, branchId)
  const row = await db.one<{ content_type: string; size: unknown; sha256: string; data: Buffer }>(
    `SELECT content_type, size, sha256, data FROM photos WHERE branch_id = $1 AND id = $2`, [branch, id])
  if (!row) throw notFound('图片不存在')
  return { id, size: num(row.size), sha256: row.sha256, contentType: row.content_type, data: Buffer.from(row.data) }
}
