// Pull: rows of the caller's scope with version > cursor, in version order, one page at a time.
import type { PullQuery, PullResponse } from '../../shared/sync/protocol'
import { PROTOCOL_VERSION } from '../../shared/sync/protocol'
import { forbidden, notFound } from '../http/errors'
import type { Db } from '../storage/db'
import { num } from '../storage/db'
import { readEpoch } from '../storage/migrations'
import { RECORD_COLUMNS, type RecordRow, toSyncRow } from './records'
import type { Principal } from './sessions'

/** The branch this caller may read: its own, or for a committee account one of its branches. */
export async function readableBranch(db: Db, p: Principal, requested: string | undefined): Promise<string> {
  if (p.branchId) {
    if (requested && requested !== p.branchId) throw forbidden('无权查看其他支部的数据')
    return p.branchId
  }
  if (p.role === 'committee' && p.committeeId) {
    if (!requested) throw forbidden('请指定要查看的支部', 'branch_required')
    const branch = await db.one(`SELECT id FROM branches WHERE id = $1 AND committee_id = $2`, [requested, p.committeeId])
    if (!branch) throw forbidden('无权查看该支部的数据')
    return requested
  }
  throw forbidden()
}

export async function pull(db: Db, p: Principal, query: PullQuery): Promise<PullResponse> {
  const branchId = await readableBranch(db, p, query.branchId)
  const epoch = await readEpoch(db)
  const base = { protocolVersion: PROTOCOL_VERSION, epoch, branchId }
  const branch = await db.one<{ version: unknown; retained_from: unknown }>(
    `SELECT version, retained_from FROM branches WHERE id = $1`, [branchId])
  if (!branch) throw notFound('支部不存在')
  if (query.epoch !== undefined && query.epoch !== epoch) return { reset: true, ...base, reason: 'epoch_changed' }
  if (query.cursor > 0 && query.cursor < num(branch.retained_from)) return { reset: true, ...base, reason: 'cursor_too_old' }
  if (query.cursor > num(branch.version)) return { reset: true, ...base, reason: 'cursor_ahead' }
  const rows = await db.all<RecordRow>(
    `SELECT ${RECORD_COLUMNS} FROM records WHERE branch_id = $1 AND version > $2 ORDER BY version LIMIT $3`,
    [branchId, query.cursor, query.limit + 1])
  const hasMore = rows.length > query.limit
  const page = hasMore ? rows.slice(0, query.limit) : rows
  const last = page[page.length - 1]
  return {
    reset: false,
    ...base,
    cursor: last ? num(last.version) : query.cursor,
    hasMore,
    rows: page.map((r) => toSyncRow(r, p)),
  }
}
