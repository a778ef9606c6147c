// Who may submit, decide and read a 述职报告 (src/shared/reviewPermissions.ts, mayReview): every role against its own
// branch, another branch, its committee's branch and another committee's branch.
import { describe, expect, it } from 'vitest'
import { mayReview, REVIEW_PERMISSION_MESSAGES as M, type ReviewAction, type ReviewActor, type ReviewTarget } from '../../src/shared/reviewPermissions'

const own = { branchId: 'branch-a', committeeId: 'committee-1' }
const sibling = { branchId: 'branch-b', committeeId: 'committee-1' }
const elsewhere = { branchId: 'branch-c', committeeId: 'committee-2' }

const secretary: ReviewActor = { role: 'secretary', branchId: 'branch-a', committeeId: null }
const member: ReviewActor = { role: 'member', branchId: 'branch-a', committeeId: null }
const committee: ReviewActor = { role: 'committee', branchId: null, committeeId: 'committee-1' }
const alone: ReviewActor = { role: 'alone', branchId: null, committeeId: null }

const answer = (actor: ReviewActor, action: ReviewAction, target: ReviewTarget) => {
  const p = mayReview(actor, action, target)
  return p.allowed ? 'ok' : p.message
}

describe('mayReview', () => {
  it('lets a secretary submit and read only their own branch', () => {
    expect(answer(secretary, 'submit', own)).toBe('ok')
    expect(answer(secretary, 'read', own)).toBe('ok')
    expect(answer(secretary, 'submit', sibling)).toBe(M.submitOtherBranch)
    expect(answer(secretary, 'read', sibling)).toBe(M.readOtherBranch)
    expect(answer(secretary, 'decide', own)).toBe(M.decideCommitteeOnly)
  })

  it('lets a committee decide and read its own branches only, never submit', () => {
    expect(answer(committee, 'decide', own)).toBe('ok')
    expect(answer(committee, 'read', sibling)).toBe('ok')
    expect(answer(committee, 'decide', elsewhere)).toBe(M.decideNotOurs)
    expect(answer(committee, 'read', elsewhere)).toBe(M.readNotOurs)
    expect(answer(committee, 'submit', own)).toBe(M.submitNotCommittee)
    // a branch with no committee is nobody's to review
    expect(answer(committee, 'decide', { branchId: 'branch-d', committeeId: null })).toBe(M.decideNotOurs)
  })

  it('gives a member and a phone used alone nothing', () => {
    for (const actor of [member, alone]) {
      expect(answer(actor, 'submit', own)).toBe(M.submitSecretaryOnly)
      expect(answer(actor, 'decide', own)).toBe(M.decideCommitteeOnly)
      expect(answer(actor, 'read', own)).toBe(M.readForbidden)
    }
  })
})
