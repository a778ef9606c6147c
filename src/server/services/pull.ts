// Pull: rows of the caller's scope with version > cursor (and ≤ upTo when a range is asked for), in version order,
// one page at a time; each page says the branch's version it was read at (`head`).
// The epoch and the branch's version are checked first; a device with nothing new (cursor = the branch's version)
// is answered from them alone, records unread. For a branch account they came with the session (sessions.ts,
// the same query), so such an idle poll costs one database read in all.
import type { PullPage, PullQuery, PullResponse } from '../../shared/sync/protocol'
import { PROTOCOL_VERSION } from '../../shared/sync/protocol'
import { type BodyEncoding, type EncodedBody, encodeAnswer } from '../http/compressedJson'
import { forbidden, notFound } from '../http/errors'
import type { Db } from '../storage/db'
import { hotStatement, num } from '../storage/db'
import { hiddenFrom, readerClass, RECORD_VIEW_COLUMNS, type Reader, type RecordViewRow, toSyncRow, VIEW_FORMAT } from './records'
import { type PageIdentity, type PullPageCache, pullPageKey } from './pull-page-cache'
import type { BranchSyncState, Principal } from './sessions'

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

async function readSyncState(db: Db, branchId: string): Promise<BranchSyncState> {
  const row = await db.one<{ version: unknown; retained_from: unknown; epoch: string | null }>(
    `SELECT version, retained_from, (SELECT value FROM meta WHERE key = 'epoch') AS epoch FROM branches WHERE id = $1`, [branchId])
  if (!row) throw notFound('支部不存在')
  if (row.epoch === null) throw new Error('epoch missing: run migrations first')
  return { epoch: row.epoch, version: num(row.version), retainedFrom: num(row.retained_from) }
}

interface PulledRow extends Omit<RecordViewRow, 'data'> {
  /** NULL when the stored view is sent (DATA_WHEN_NEEDED) */
  data: string | null
  /** the stored view's UTF-8 bytes on SQLite (read as a BLOB), its text on PostgreSQL */
  view_json: Uint8Array | string | null
  view_format: unknown
  view_version: unknown
}

/**
 * A row whose stored view is fresh and which is no 谈心谈话 (the only kind withheld from some readers) is sent as
 * that view, so its `data` is not read: it is as long as the view, and reading both doubled a page's bytes out of
 * the database. `data` is NULL exactly then; appendRow relies on it.
 */
const DATA_WHEN_NEEDED = `CASE WHEN view_json IS NOT NULL AND view_format = ${VIEW_FORMAT} AND view_version = version ` +
  `AND heart_talk = 0 THEN NULL ELSE data END AS data`
/**
 * SQLite hands the view over as the bytes it stores (a BLOB of the UTF-8 text), so a page is put together from them
 * without decoding 1,000 views into strings and encoding them back; PostgreSQL's driver gives text either way.
 */
const VIEW_COLUMN: Record<Db['dialect'], string> = { sqlite: 'CAST(view_json AS BLOB) AS view_json', postgres: 'view_json' }
const pullColumns = (dialect: Db['dialect']) =>
  `${RECORD_VIEW_COLUMNS.replace(/\bdata\b/, DATA_WHEN_NEEDED)}, ${VIEW_COLUMN[dialect]}, view_format, view_version`
const DIALECTS = ['sqlite', 'postgres'] as const
const PAGE_SQL = Object.fromEntries(DIALECTS.map((d) => [d, hotStatement(`pull_page_${d}`,
  `SELECT ${pullColumns(d)} FROM records WHERE branch_id = $1 AND version > $2 ORDER BY version LIMIT $3`)])) as Record<Db['dialect'], string>
const RANGE_SQL = Object.fromEntries(DIALECTS.map((d) => [d, hotStatement(`pull_range_${d}`,
  `SELECT ${pullColumns(d)} FROM records WHERE branch_id = $1 AND version > $2 AND version <= $4 ORDER BY version LIMIT $3`)])) as Record<Db['dialect'], string>

const utf8 = (text: string) => Buffer.from(text, 'utf8')
const COMMA = utf8(',')
const ROW_TAIL = utf8(',"redacted":false}')

/**
 * One row of a page as JSON bytes, appended to `out`: the stored view as it is when it is of today's format, was
 * made for this version of the row, and nothing is withheld from this reader; otherwise made from the row.
 */
function appendRow(out: Uint8Array[], row: PulledRow, reader: Reader): void {
  const { data, view_json: view } = row
  if (data !== null) {
    const withData = { ...row, data } as unknown as RecordViewRow
    const fresh = view !== null && num(row.view_format) === VIEW_FORMAT && num(row.view_version) === num(row.version)
    if (!fresh || hiddenFrom(withData, reader)) {
      out.push(utf8(JSON.stringify(toSyncRow(withData, reader))))
      return
    }
  }
  out.push(utf8(`{"entity":${JSON.stringify(row.entity)},"id":${JSON.stringify(row.id)},"version":${num(row.version)},` +
    `"deleted":${num(row.deleted) === 1},"data":`))
  out.push(typeof view === 'string' ? utf8(view) : view!)
  out.push(ROW_TAIL)
}

/** A page to read: what fixes its content (pull-page-cache.ts), and what the page says besides its rows. */
interface PageToRead extends PageIdentity {
  hasMore: (rowsCut: boolean) => boolean
}

type PullPlan = { answer: PullResponse } | { read: PageToRead }

/**
 * What the answer is when it needs no records (a reset, an idle poll, an empty range), else which page to read.
 * The epoch and the branch's version come with a branch account's session; a committee account reads them here.
 */
async function planPull(db: Db, p: Principal, query: PullQuery): Promise<PullPlan> {
  const branchId = await readableBranch(db, p, query.branchId)
  const state = p.branchId === branchId && p.branchSync ? p.branchSync : await readSyncState(db, branchId)
  const { epoch } = state
  const base = { protocolVersion: PROTOCOL_VERSION, epoch, branchId }
  if (query.epoch !== undefined && query.epoch !== epoch) return { answer: { reset: true, ...base, reason: 'epoch_changed' } }
  if (query.cursor > 0 && query.cursor < state.retainedFrom) return { answer: { reset: true, ...base, reason: 'cursor_too_old' } }
  if (query.cursor > state.version) return { answer: { reset: true, ...base, reason: 'cursor_ahead' } }
  const head = state.version
  if (query.cursor === head) return { answer: { reset: false, ...base, cursor: query.cursor, hasMore: false, rows: [], head } }
  // Every version up to `head` was committed with the branch row that says so (push.ts); a range ends there at most,
  // so a range answered whole can move the cursor to its end even where versions are missing (overwritten rows).
  const end = query.upTo === undefined ? null : Math.min(query.upTo, head)
  if (end !== null && end <= query.cursor) {
    return { answer: { reset: false, ...base, cursor: query.cursor, hasMore: query.cursor < head, rows: [], head } }
  }
  return {
    read: {
      branchId, epoch, retainedFrom: state.retainedFrom, head, cursor: query.cursor, end, limit: query.limit,
      hasMore: (cut) => cut || (end !== null && end < head),
    },
  }
}

/** The page's JSON bytes (in the schema's shape), and whether some reader would be sent another page for it. */
async function readPage(db: Db, p: Principal, page: PageToRead): Promise<{ raw: Buffer; perReader: boolean }> {
  const { branchId, cursor: from, end, limit, head } = page
  const rows = await db.all<PulledRow>(
    end === null ? PAGE_SQL[db.dialect] : RANGE_SQL[db.dialect],
    end === null ? [branchId, from, limit + 1] : [branchId, from, limit + 1, end])
  const cut = rows.length > limit
  const sent = cut ? rows.slice(0, limit) : rows
  const last = sent[sent.length - 1]
  const cursor = cut || end === null ? (last ? num(last.version) : from) : end
  const envelope = JSON.stringify({
    reset: false, protocolVersion: PROTOCOL_VERSION, epoch: page.epoch, branchId, cursor, hasMore: page.hasMore(cut), head,
  } satisfies Omit<PullPage, 'rows'>)
  const out: Uint8Array[] = [utf8(`${envelope.slice(0, -1)},"rows":[`)]
  let perReader = false
  sent.forEach((row, i) => {
    if (i > 0) out.push(COMMA)
    if (num(row.heart_talk) === 1 && num(row.deleted) === 0) perReader = true
    appendRow(out, row, p)
  })
  out.push(utf8(']}'))
  return { raw: Buffer.concat(out), perReader }
}

/** The answer as the JSON bytes sent (`pull`'s answer, in the schema's shape). */
export async function pullBody(db: Db, p: Principal, query: PullQuery): Promise<Buffer> {
  const plan = await planPull(db, p, query)
  return 'answer' in plan ? utf8(JSON.stringify(plan.answer)) : (await readPage(db, p, plan.read)).raw
}

/**
 * The answer as sent, compressed with `accepted`: a page of records from `cache` when this process has sent it
 * before (to this reader class, where that matters), else read, compressed and kept there.
 */
export async function pullEncoded(db: Db, p: Principal, query: PullQuery, accepted: BodyEncoding,
  cache: PullPageCache): Promise<EncodedBody> {
  const plan = await planPull(db, p, query)
  if ('answer' in plan) return encodeAnswer(utf8(JSON.stringify(plan.answer)), accepted)
  const key = `${pullPageKey(plan.read)}|${accepted}`
  const kept = cache.get(`${key}|all`) ?? cache.get(`${key}|${readerClass(p)}`)
  if (kept) return kept
  const { raw, perReader } = await readPage(db, p, plan.read)
  const encoded = await encodeAnswer(raw, accepted)
  if (cache.worthKeeping(raw.length, encoded.encoding)) cache.set(`${key}|${perReader ? readerClass(p) : 'all'}`, encoded)
  return encoded
}
