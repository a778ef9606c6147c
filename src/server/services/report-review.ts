// Submit and review of the year's 述职报告. A branch's secretary submits the draft as it stands (its text and the
// figures it was counted from); the branch's committee approves it (通过) or returns it (退回) with an opinion; the
// secretary revises and submits again. Every version is kept whole and every step is dated (report_review_events).
// Each change takes the branch row's lock first, so a decision and a resubmission never cross.
import type {
  CommitteeReviewList, CommitteeReviewQuery, DecideReviewRequest, ReviewEvent, ReviewEventKind, ReviewQuery, ReviewState,
  ReviewStatus, ReviewVersion, SubmitReviewRequest,
} from '../../shared/api/review'
import { mayReview, REVIEW_PERMISSION_MESSAGES, type ReviewAction } from '../../shared/reviewPermissions'
import { conflict, forbidden, notFound } from '../http/errors'
import { num, type Queryable } from '../storage/db'
import type { Db } from '../storage/db'
import type { Principal } from './sessions'

export const REVIEW_MESSAGES = {
  ...REVIEW_PERMISSION_MESSAGES,
  submitApproved: '本年度述职报告已审阅通过，不能再提交',
  submitIdReused: '这份提交的编号已被使用，请重新提交',
  decideNothing: '该支部还没有提交本年度述职报告',
  decideApproved: '该支部的述职报告已审阅通过',
  decideReturned: '该报告已退回，请等支部修改后再次提交',
  readWhichBranch: '请指定要查看的支部',
} as const

interface Party { id: string; name: string }

interface ReviewRow { [key: string]: unknown; status: ReviewStatus; version: unknown; updated_at: unknown }

const iso = (ms: unknown) => new Date(num(ms)).toISOString()

/**
 * The branch the request is about, checked against what `p` may do with it (src/shared/reviewPermissions.ts). A branch
 * that does not exist is refused the same way as one the caller may not touch. `lock`: take the branch row's lock.
 */
async function permittedBranch(q: Queryable, p: Principal, action: ReviewAction, branchId: string, lock = false): Promise<Party> {
  const row = await q.one<{ id: string; name: string; committee_id: string | null }>(
    `SELECT id, name, committee_id FROM branches WHERE id = $1`, [branchId])
  const permission = mayReview(
    { role: p.role, branchId: p.branchId, committeeId: p.committeeId }, action,
    { branchId, committeeId: row?.committee_id ?? null })
  if (!permission.allowed) throw forbidden(permission.message, 'review_forbidden')
  if (!row) throw notFound('支部不存在')
  // only a caller allowed to change this branch's review takes its lock
  if (lock) await q.one(`SELECT id FROM branches WHERE id = $1 FOR UPDATE`, [branchId])
  return { id: row.id, name: row.name }
}

async function reviewRow(q: Queryable, branchId: string, year: number): Promise<ReviewRow | undefined> {
  return q.one<ReviewRow>(`SELECT status, version, updated_at FROM report_reviews WHERE branch_id = $1 AND year = $2`, [branchId, year])
}

/** The branch-year as the API answers it: status, every version, every step. */
export async function readReviewState(q: Queryable, branch: Party, year: number): Promise<ReviewState> {
  const row = await reviewRow(q, branch.id, year)
  const versions = await q.all<{ id: string; version: unknown; document: string; figures: string; user_name: string; created_at: unknown }>(
    `SELECT id, version, document, figures, user_name, created_at FROM report_submissions
     WHERE branch_id = $1 AND year = $2 ORDER BY version`, [branch.id, year])
  const events = await q.all<{ kind: ReviewEventKind; version: unknown; user_name: string; opinion: string | null; created_at: unknown }>(
    `SELECT kind, version, user_name, opinion, created_at FROM report_review_events
     WHERE branch_id = $1 AND year = $2 ORDER BY id`, [branch.id, year])
  return {
    year,
    branch,
    status: row?.status ?? 'none',
    versions: versions.map((v): ReviewVersion => ({
      id: v.id, version: num(v.version), submittedAt: iso(v.created_at), submittedBy: v.user_name,
      document: JSON.parse(v.document) as ReviewVersion['document'], figures: JSON.parse(v.figures) as ReviewVersion['figures'],
    })),
    history: events.map((e): ReviewEvent => ({
      kind: e.kind, version: num(e.version), by: e.user_name, at: iso(e.created_at), opinion: e.opinion,
    })),
  }
}

async function addEvent(q: Queryable, p: Principal, branchId: string, year: number, version: number, kind: ReviewEventKind,
  opinion: string | null, now: number): Promise<void> {
  await q.run(`INSERT INTO report_review_events (branch_id, year, version, kind, user_id, user_name, opinion, created_at)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`, [branchId, year, version, kind, p.userId, p.displayName, opinion, now])
}

/**
 * The secretary submits the year's draft. Submitting again while it waits, or after it was returned, adds the
 * next version (再次提交); once approved nothing more is taken. The same `id` sent twice (a phone that missed the
 * answer) stores nothing new and answers the state as it is.
 */
export async function submitReview(db: Db, p: Principal, req: SubmitReviewRequest, now: number): Promise<ReviewState> {
  const branchId = req.branchId
  return db.tx(async (q) => {
    const branch = await permittedBranch(q, p, 'submit', branchId, true)
    const same = await q.one<{ branch_id: string; year: unknown }>(`SELECT branch_id, year FROM report_submissions WHERE id = $1`, [req.id])
    if (same) {
      if (same.branch_id !== branchId || num(same.year) !== req.year) throw conflict(REVIEW_MESSAGES.submitIdReused, 'review_id_reused')
      return readReviewState(q, branch, req.year)
    }
    const row = await reviewRow(q, branchId, req.year)
    if (row?.status === 'approved') throw conflict(REVIEW_MESSAGES.submitApproved, 'review_approved')
    const version = row ? num(row.version) + 1 : 1
    await q.run(`INSERT INTO report_submissions (id, branch_id, year, version, document, figures, user_id, user_name, created_at)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [req.id, branchId, req.year, version, JSON.stringify(req.document), JSON.stringify(req.figures), p.userId, p.displayName, now])
    await addEvent(q, p, branchId, req.year, version, row ? 'resubmit' : 'submit', null, now)
    if (row) {
      await q.run(`UPDATE report_reviews SET status = 'submitted', version = $1, updated_at = $2 WHERE branch_id = $3 AND year = $4`,
        [version, now, branchId, req.year])
    } else {
      await q.run(`INSERT INTO report_reviews (branch_id, year, status, version, updated_at) VALUES ($1, $2, 'submitted', $3, $4)`,
        [branchId, req.year, version, now])
    }
    return readReviewState(q, branch, req.year)
  })
}

/** The committee approves or returns the version it read; a newer version submitted meanwhile must be read first. */
export async function decideReview(db: Db, p: Principal, req: DecideReviewRequest, now: number): Promise<ReviewState> {
  return db.tx(async (q) => {
    const branch = await permittedBranch(q, p, 'decide', req.branchId, true)
    const row = await reviewRow(q, branch.id, req.year)
    if (!row) throw conflict(REVIEW_MESSAGES.decideNothing, 'review_nothing')
    if (row.status === 'approved') throw conflict(REVIEW_MESSAGES.decideApproved, 'review_approved')
    if (row.status === 'returned') throw conflict(REVIEW_MESSAGES.decideReturned, 'review_returned')
    const latest = num(row.version)
    if (req.version !== latest) throw conflict(`支部已提交第${latest}版，请先阅读最新版本再审阅`, 'review_stale')
    const opinion = req.opinion?.trim() ? req.opinion.trim() : null
    const status: ReviewStatus = req.decision === 'approve' ? 'approved' : 'returned'
    await addEvent(q, p, branch.id, req.year, latest, req.decision, opinion, now)
    await q.run(`UPDATE report_reviews SET status = $1, updated_at = $2 WHERE branch_id = $3 AND year = $4`,
      [status, now, branch.id, req.year])
    return readReviewState(q, branch, req.year)
  })
}

/** A secretary reads their own branch's year; a committee account one of its branches. */
export async function reviewStateFor(db: Db, p: Principal, query: ReviewQuery): Promise<ReviewState> {
  const branchId = query.branchId ?? (p.role === 'secretary' ? p.branchId : null)
  if (!branchId) {
    throw forbidden(p.role === 'committee' ? REVIEW_MESSAGES.readWhichBranch : REVIEW_MESSAGES.readForbidden, 'review_forbidden')
  }
  return readReviewState(db, await permittedBranch(db, p, 'read', branchId), query.year)
}

/** Every branch of the committee with where its year's report stands, in name order. */
export async function committeeReviews(db: Db, p: Principal, query: CommitteeReviewQuery): Promise<CommitteeReviewList> {
  if (p.role !== 'committee' || !p.committeeId) throw forbidden(REVIEW_MESSAGES.decideCommitteeOnly, 'committee_only')
  const committee = await db.one<{ id: string; name: string }>(`SELECT id, name FROM committees WHERE id = $1`, [p.committeeId])
  if (!committee) throw notFound('党委不存在')
  const rows = await db.all<{ id: string; name: string; status: ReviewStatus | null; version: unknown; updated_at: unknown }>(
    `SELECT b.id, b.name, r.status, r.version, r.updated_at FROM branches b
     LEFT JOIN report_reviews r ON r.branch_id = b.id AND r.year = $2
     WHERE b.committee_id = $1 ORDER BY b.name, b.id`, [p.committeeId, query.year])
  return {
    year: query.year,
    committee: { id: committee.id, name: committee.name },
    branches: rows.map((r) => ({
      branchId: r.id,
      branchName: r.name,
      status: r.status ?? 'none',
      version: r.status ? num(r.version) : null,
      updatedAt: r.status ? iso(r.updated_at) : null,
    })),
  }
}
