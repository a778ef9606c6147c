// A full disk (or database) is not a server bug: it answers 507 in Chinese, and the write it interrupted was
// rolled back whole, so the phone keeps what it sent and sends it again later. Nothing needs a restart: the next
// write after space is freed succeeds.
import { PHOTO_ERROR_CODES } from '../../shared/api/photos'
import { ApiError } from './errors'

/** SQLite's SQLITE_FULL (also what PRAGMA max_page_count gives), the OS's ENOSPC, PostgreSQL's disk_full. */
const STORAGE_FULL_CODES: ReadonlySet<unknown> = new Set(['SQLITE_FULL', 'ENOSPC', '53100'])

export function isStorageFull(err: unknown): boolean {
  for (let cause = err, depth = 0; typeof cause === 'object' && cause !== null && depth < 5; depth++) {
    if (STORAGE_FULL_CODES.has((cause as { code?: unknown }).code)) return true
    cause = (cause as { cause?: unknown }).cause
  }
  return false
}

export const storageFull = () => new ApiError(507, PHOTO_ERROR_CODES.storageFull,
  '服务器存储空间已满，这次的内容没有保存，手机上的数据都还在，稍后会自动重试。请联系服务器管理员清理磁盘')
