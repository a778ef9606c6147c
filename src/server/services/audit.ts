// The audit trail the secretary reads: deletes, restores from 回收站 and edits made on a stale base version.
import { requireSecretary } from './accounts'
import type { Principal } from './sessions'
import type { Db } from '../storage/db'
import { num } from '../storage/db'

export interface AuditEntry {
  id: number
  version: number | null
  kind: 'delete' | 'stale_edit' | 'restore'
  entity: string
  recordId: string
  userId: string
  userName: string
  clientId: string
  clientSeq: number
  baseVersion: number | null
  currentVersion: number | null
  detail: Record<string, unknown>
  at: string
}

const opt = (v: unknown) => (v === null || v === undefined ? null : num(v))

export async function readAudit(db: Db, p: Principal, after: number, limit: number): Promise<{ entries: AuditEntry[]; next: number | null }> {
  const branchId = requireSecretary(p)
  const rows = await db.all(
    `SELECT a.*, u.display_name FROM audit a LEFT JOIN users u ON u.id = a.user_id
     WHERE a.branch_id = $1 AND a.id > $2 ORDER BY a.id LIMIT $3`, [branchId, after, limit + 1])
  const entries = rows.slice(0, limit).map((r): AuditEntry => ({
    id: num(r.id),
    version: opt(r.version),
    kind: r.kind as AuditEntry['kind'],
    entity: String(r.entity),
    recordId: String(r.record_id),
    userId: String(r.user_id),
    userName: String(r.display_name ?? ''),
    clientId: String(r.client_id),
    clientSeq: num(r.client_seq),
    baseVersion: opt(r.base_version),
    currentVersion: opt(r.current_version),
    detail: JSON.parse(String(r.detail)) as Record<string, unknown>,
    at: new Date(num(r.created_at)).toISOString(),
  }))
  const lastEntry = entries[entries.length - 1]
  return { entries, next: rows.length > limit && lastEntry ? lastEntry.id : null }
}
