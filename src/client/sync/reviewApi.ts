// Submit and review of the year's 述职报告 on the branch server (src/server/routes/review.ts): the secretary's
// submission and history, the committee's list and decisions. Online only; the secretary's submissions wait in
// src/client/report/submissionQueue.ts while offline.
import { API } from '@shared/api'
import type {
  CommitteeReviewList, DecideReviewRequest, ReviewState, SubmitReviewRequest,
} from '@shared/api/review'
import { readSession } from '@client/db/session'
import { browserClient, receive, serverApi, ServerError, type ServerClient } from './http'

async function signedIn(client: ServerClient) {
  const session = await readSession()
  if (!session || session.expired) throw new ServerError(401, 'unauthenticated', '请先登录')
  return serverApi(client, session.token).api
}

/** One branch's year: a secretary's own branch (no `branchId`), or a committee's branch. */
export async function fetchReviewState(year: number, branchId?: string, client: ServerClient = browserClient()): Promise<ReviewState> {
  const api = await signedIn(client)
  const query = branchId ? { year: String(year), branchId } : { year: String(year) }
  return receive(api.review.$get({ query }), API.review.response)
}

export async function sendSubmission(request: SubmitReviewRequest, client: ServerClient = browserClient()): Promise<ReviewState> {
  const api = await signedIn(client)
  return receive(api.review.submit.$post({ json: request }), API.submitReview.response)
}

export async function fetchCommitteeReviews(year: number, client: ServerClient = browserClient()): Promise<CommitteeReviewList> {
  const api = await signedIn(client)
  return receive(api.committee.reviews.$get({ query: { year: String(year) } }), API.committeeReviews.response)
}

export async function sendDecision(request: DecideReviewRequest, client: ServerClient = browserClient()): Promise<ReviewState> {
  const api = await signedIn(client)
  return receive(api.committee.reviews.decide.$post({ json: request }), API.decideReview.response)
}
