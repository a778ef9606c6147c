// The HTTP API, one entry per route: its method and path, the schemas of what the server accepts (json body,
// query string, path parameters) and of what it answers with. The server registers each route from its entry
// and validates the request with these schemas (src/server/http/validate.ts); the client validates every
// answer with `response` (src/client/sync/http.ts). `response: null`: the answer is 204 without a body;
// `response: 'events'`: a server-sent event stream, each event's data checked with `event`.
import * as z from 'zod/mini'
import {
  branchReportResponseSchema, committeeReportParamsSchema, committeeReportResponseSchema, reportParamsSchema,
} from '../report/api'
import {
  changePasswordRequestSchema, claimMemberRequestSchema, confirmMemberRequestSchema, createdInviteSchema, passwordResetLinkSchema, createInviteRequestSchema, inviteCodeSchema, invitePreviewSchema,
  joinRequestSchema, meResponseSchema, sessionResponseSchema, signInRequestSchema,
} from '../sync/account'
import { branchVersionEventSchema, pullParamsSchema, pullResponseSchema, pushRequestSchema, pushResponseSchema } from '../sync/protocol'
import { auditPageSchema, auditQuerySchema, branchAccountListSchema, idParamSchema, inviteListSchema } from './branch'
import { healthResponseSchema } from './health'
import { photoInfoSchema, photoParamSchema, photoQuerySchema, photoUploadQuerySchema } from './photos'
import { queryString } from './query'
import {
  committeeReviewListSchema, committeeReviewParamsSchema, decideReviewRequestSchema, reviewParamsSchema, reviewStateSchema,
  submitReviewRequestSchema,
} from './review'

export const API = {
  // Public: no session needed.
  health: { method: 'get', path: '/api/health', response: healthResponseSchema },
  signIn: { method: 'post', path: '/api/auth/signin', json: signInRequestSchema, response: sessionResponseSchema },
  join: { method: 'post', path: '/api/auth/join', json: joinRequestSchema, response: sessionResponseSchema },
  invitePreview: {
    method: 'get', path: '/api/invites/preview',
    query: z.object({ code: z.pipe(queryString, inviteCodeSchema) }), response: invitePreviewSchema,
  },

  // Signed in.
  signOut: { method: 'post', path: '/api/auth/signout', response: null },
  /** end every session of this account, this one included */
  signOutEverywhere: { method: 'post', path: '/api/auth/signout-all', response: null },
  /** a fresh token for this account; the old one keeps working for a day */
  rotateSession: { method: 'post', path: '/api/auth/rotate', response: sessionResponseSchema },
  changePassword: { method: 'post', path: '/api/me/password', json: changePasswordRequestSchema, response: null },
  me: { method: 'get', path: '/api/me', response: meResponseSchema },
  claimMember: { method: 'post', path: '/api/me/member', json: claimMemberRequestSchema, response: meResponseSchema },
  createInvite: { method: 'post', path: '/api/invites', json: createInviteRequestSchema, response: createdInviteSchema },
  listInvites: { method: 'get', path: '/api/invites', response: inviteListSchema },
  revokeInvite: { method: 'delete', path: '/api/invites/:id', param: idParamSchema, response: null },
  branchAccounts: { method: 'get', path: '/api/branch/accounts', response: branchAccountListSchema },
  removeAccount: { method: 'delete', path: '/api/branch/accounts/:id', param: idParamSchema, response: null },
  /** the secretary confirms (accept) or turns down the roster entry an account says it is */
  confirmMember: {
    method: 'post', path: '/api/branch/accounts/:id/confirm-member', param: idParamSchema, json: confirmMemberRequestSchema,
    response: null,
  },
  /** the secretary's one-time link for a member to set a new password */
  resetPassword: {
    method: 'post', path: '/api/branch/accounts/:id/reset-password', param: idParamSchema, response: passwordResetLinkSchema,
  },
  audit: { method: 'get', path: '/api/audit', query: auditQuerySchema, response: auditPageSchema },
  push: { method: 'post', path: '/api/sync/push', json: pushRequestSchema, response: pushResponseSchema },
  pull: { method: 'get', path: '/api/sync/pull', query: pullParamsSchema, response: pullResponseSchema },
  events: { method: 'get', path: '/api/sync/events', response: 'events', event: branchVersionEventSchema },
  /** the body is the image's bytes, its type in Content-Type; `recordId` names the activity it belongs to */
  putPhoto: {
    method: 'put', path: '/api/photos/:id', param: photoParamSchema, query: photoUploadQuerySchema, response: photoInfoSchema,
  },
  /** answers the image's bytes */
  getPhoto: { method: 'get', path: '/api/photos/:id', param: photoParamSchema, query: photoQuerySchema, response: 'bytes' },
  /** the year's bounds depend on the server's China year, so the query schema is made per request */
  report: { method: 'get', path: '/api/report', query: reportParamsSchema, response: branchReportResponseSchema },
  committeeReport: {
    method: 'get', path: '/api/committee/report', query: committeeReportParamsSchema, response: committeeReportResponseSchema,
  },
  /** submit and review of the year's 述职报告; year bounds follow the server's China year, so schemas are made per request */
  review: { method: 'get', path: '/api/review', query: reviewParamsSchema, response: reviewStateSchema },
  submitReview: { method: 'post', path: '/api/review/submit', json: submitReviewRequestSchema, response: reviewStateSchema },
  committeeReviews: {
    method: 'get', path: '/api/committee/reviews', query: committeeReviewParamsSchema, response: committeeReviewListSchema,
  },
  decideReview: { method: 'post', path: '/api/committee/reviews/decide', json: decideReviewRequestSchema, response: reviewStateSchema },
} as const

export type RouteName = keyof typeof API
