// Who may submit, decide and read a year's 述职报告 (docs/domain.md, "Submit and review"): the branch's secretary
// submits, the committee over the branch approves or returns it; both read it. Used by the server on every review
// request and by the phone to decide whether to offer 提交. Beside permissions.ts (mayChange) rather than in it:
// that module is part of the first download, and only the report and committee screens need this one.
import type { ActorRole, Permission } from './permissions'

const ALLOWED: Permission = { allowed: true }
const refuse = (message: string): Permission => ({ allowed: false, code: 'forbidden', message })

export interface ReviewActor {
  role: ActorRole
  /** the account's branch (a secretary's or member's); null for a committee account or a phone used alone */
  branchId: string | null
  /** the committee account's 党委; null otherwise */
  committeeId: string | null
}

export type ReviewAction = 'submit' | 'decide' | 'read'

/** The branch whose report it is, and the committee it belongs to (null when it has none). */
export interface ReviewTarget {
  branchId: string
  committeeId: string | null
}

export const REVIEW_PERMISSION_MESSAGES = {
  submitSecretaryOnly: '只有支部书记可以提交述职报告',
  submitNotCommittee: '党委账号不能提交述职报告，请由支部书记提交',
  submitOtherBranch: '不能替其他支部提交述职报告',
  decideCommitteeOnly: '只有党委账号可以审阅述职报告',
  decideNotOurs: '该支部不归本党委管理，不能审阅',
  readForbidden: '只有支部书记和党委账号可以查看述职报告的审阅情况',
  readOtherBranch: '无权查看其他支部的述职报告',
  readNotOurs: '无权查看该支部的述职报告',
} as const

export function mayReview(actor: ReviewActor, action: ReviewAction, target: ReviewTarget): Permission {
  const m = REVIEW_PERMISSION_MESSAGES
  const ownBranch = actor.role === 'secretary' && actor.branchId !== null && actor.branchId === target.branchId
  const ourBranch = actor.role === 'committee' && actor.committeeId !== null && actor.committeeId === target.committeeId
  if (action === 'submit') {
    if (actor.role === 'committee') return refuse(m.submitNotCommittee)
    if (actor.role !== 'secretary') return refuse(m.submitSecretaryOnly)
    return ownBranch ? ALLOWED : refuse(m.submitOtherBranch)
  }
  if (action === 'decide') {
    if (actor.role !== 'committee') return refuse(m.decideCommitteeOnly)
    return ourBranch ? ALLOWED : refuse(m.decideNotOurs)
  }
  if (ownBranch || ourBranch) return ALLOWED
  if (actor.role === 'secretary') return refuse(m.readOtherBranch)
  if (actor.role === 'committee') return refuse(m.readNotOurs)
  return refuse(m.readForbidden)
}
