// Submit and review of the year's 述职报告: the secretary submits, the committee approves or returns with an
// opinion, both read the history. Mounted behind the session (app.ts); who may do what is in services/report-review.ts.
import { Hono } from 'hono'
import { API } from '../../shared/api'
import type { CommitteeReviewList, ReviewState } from '../../shared/api/review'
import { chinaDateOf } from '../../shared/dates'
import type { AppEnv } from '../http/context'
import { validated } from '../http/validate'
import { committeeReviews, decideReview, reviewStateFor, submitReview } from '../services/report-review'
import type { RouteDeps } from './deps'

const chinaYear = (at: number) => Number(chinaDateOf(at).slice(0, 4))

export function reviewRoutes(deps: RouteDeps) {
  const { db, now } = deps
  return new Hono<AppEnv>()
    .get(API.review.path, validated('query', () => API.review.query(chinaYear(now()))), async (c) => {
      const body: ReviewState = await reviewStateFor(db, c.get('principal'), c.req.valid('query'))
      return c.json(body, 200)
    })
    .post(API.submitReview.path, validated('json', () => API.submitReview.json(chinaYear(now()))), async (c) => {
      const body: ReviewState = await submitReview(db, c.get('principal'), c.req.valid('json'), now())
      return c.json(body, 200)
    })
    .get(API.committeeReviews.path, validated('query', () => API.committeeReviews.query(chinaYear(now()))), async (c) => {
      const body: CommitteeReviewList = await committeeReviews(db, c.get('principal'), c.req.valid('query'))
      return c.json(body, 200)
    })
    .post(API.decideReview.path, validated('json', () => API.decideReview.json(chinaYear(now()))), async (c) => {
      const body: ReviewState = await decideReview(db, c.get('principal'), c.req.valid('json'), now())
      return c.json(body, 200)
    })
}
