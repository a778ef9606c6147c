// Submit and review of the year's 述职报告 between a branch secretary and its committee (党委 / 党总支):
// POST /api/review/submit (secretary), GET /api/review (secretary, or the committee for one of its branches),
// GET /api/committee/reviews and POST /api/committee/reviews/decide (committee). docs/domain.md, "Who may do what".
import * as z from 'zod/mini'
import { idSchema, requiredText, text } from '../model/fields'
import { reportYearSchema, yearFromQuery } from '../report/api'
import { queryText } from './query'

export const REVIEW_STATUSES = ['none', 'submitted', 'returned', 'approved'] as const
export type ReviewStatus = (typeof REVIEW_STATUSES)[number]
export const REVIEW_STATUS_NAMES: Readonly<Record<ReviewStatus, string>> = {
  none: '未提交',
  submitted: '待审阅',
  returned: '已退回',
  approved: '已通过',
}

export const REVIEW_EVENT_KINDS = ['submit', 'resubmit', 'return', 'approve'] as const
export type ReviewEventKind = (typeof REVIEW_EVENT_KINDS)[number]
export const REVIEW_EVENT_NAMES: Readonly<Record<ReviewEventKind, string>> = {
  submit: '提交',
  resubmit: '再次提交',
  return: '退回',
  approve: '通过',
}

export const REVIEW_DECISIONS = ['approve', 'return'] as const
export type ReviewDecision = (typeof REVIEW_DECISIONS)[number]

export const OPINION_MAX = 1000
const PARAGRAPH_MAX = 3000

/** The draft as it stood when it was submitted (src/shared/report/draft.ts, DraftDocument). */
export const submittedDocumentSchema = z.object({
  title: requiredText(200, '报告标题'),
  sections: z.array(z.object({
    heading: z.nullable(text(100, '小标题')),
    paragraphs: z.array(text(PARAGRAPH_MAX, '每段正文')).check(z.maxLength(60, '正文段落不能超过60段')),
  })).check(
    z.maxLength(12, '报告的部分不能超过12个'),
    z.refine((sections) => sections.some((s) => s.paragraphs.some((p) => p.trim() !== '')), '述职报告没有正文，不能提交'),
  ),
  closing: z.array(text(200, '署名和日期')).check(z.maxLength(6, '署名和日期不能超过6行')),
})
export type SubmittedDocument = z.infer<typeof submittedDocumentSchema>

/** One figure the draft was counted from, as it was when submitted. */
export const submittedFigureSchema = z.object({
  key: z.string().check(z.minLength(1), z.maxLength(80)),
  label: text(60, '统计项名称'),
  unit: text(4, '统计单位'),
  value: z.number().check(z.gte(0, '统计数字不能为负数'), z.lte(1_000_000, '统计数字过大')),
})
export type SubmittedFigure = z.infer<typeof submittedFigureSchema>

/** POST /api/review/submit. `id` is made on the phone when 提交 is pressed, so sending it again never makes two versions. */
export function submitReviewRequestSchema(currentYear: number) {
  return z.object({
    id: idSchema,
    branchId: idSchema,
    year: reportYearSchema(currentYear),
    document: submittedDocumentSchema,
    figures: z.array(submittedFigureSchema).check(z.maxLength(300, '统计项不能超过300个')),
  })
}
export type SubmitReviewRequest = z.infer<ReturnType<typeof submitReviewRequestSchema>>

/** POST /api/committee/reviews/decide: 通过 or 退回 the version the committee read; 退回 needs an opinion. */
export function decideReviewRequestSchema(currentYear: number) {
  return z.object({
    branchId: idSchema,
    year: reportYearSchema(currentYear),
    version: z.number().check(z.int('版本号无效'), z.gte(1, '版本号无效')),
    decision: z.enum(REVIEW_DECISIONS, '审阅结果应为通过或退回'),
    opinion: z.optional(text(OPINION_MAX, '审阅意见')),
  }).check(z.refine((r) => r.decision !== 'return' || (r.opinion ?? '').trim() !== '', '退回时请填写审阅意见'))
}
export type DecideReviewRequest = z.infer<ReturnType<typeof decideReviewRequestSchema>>

/** GET /api/review?year=&branchId= (a secretary may leave branchId out) */
export function reviewParamsSchema(currentYear: number) {
  return z.pipe(
    z.pipe(
      z.object({ year: z.optional(z.string()), branchId: queryText }),
      z.transform((q): { year?: number; branchId?: string } => ({ year: yearFromQuery(q.year), branchId: q.branchId })),
    ),
    z.object({ year: reportYearSchema(currentYear), branchId: z.optional(idSchema) }),
  )
}
export type ReviewQuery = z.infer<ReturnType<typeof reviewParamsSchema>>

/** GET /api/committee/reviews?year= */
export function committeeReviewParamsSchema(currentYear: number) {
  return z.pipe(
    z.pipe(z.object({ year: z.optional(z.string()) }), z.transform((q): { year?: number } => ({ year: yearFromQuery(q.year) }))),
    z.object({ year: reportYearSchema(currentYear) }),
  )
}
export type CommitteeReviewQuery = z.infer<ReturnType<typeof committeeReviewParamsSchema>>

export const reviewVersionSchema = z.object({
  /** the id the phone made when 提交 was pressed */
  id: z.string(),
  /** 1, 2, …: each submission of the year is kept */
  version: z.number(),
  /** ISO instant the server stored it */
  submittedAt: z.string(),
  submittedBy: z.string(),
  document: submittedDocumentSchema,
  figures: z.array(submittedFigureSchema),
})
export type ReviewVersion = z.infer<typeof reviewVersionSchema>

export const reviewEventSchema = z.object({
  kind: z.enum(REVIEW_EVENT_KINDS),
  version: z.number(),
  /** who: the secretary's or the committee account's display name */
  by: z.string(),
  /** ISO instant */
  at: z.string(),
  opinion: z.nullable(z.string()),
})
export type ReviewEvent = z.infer<typeof reviewEventSchema>

/** One branch's year: where the review stands, every version submitted, and every step in order. */
export const reviewStateSchema = z.object({
  year: z.number(),
  branch: z.object({ id: z.string(), name: z.string() }),
  status: z.enum(REVIEW_STATUSES),
  versions: z.array(reviewVersionSchema),
  history: z.array(reviewEventSchema),
})
export type ReviewState = z.infer<typeof reviewStateSchema>

export const committeeReviewRowSchema = z.object({
  branchId: z.string(),
  branchName: z.string(),
  status: z.enum(REVIEW_STATUSES),
  /** the latest version submitted; null when none */
  version: z.nullable(z.number()),
  /** ISO instant of the latest step; null when none */
  updatedAt: z.nullable(z.string()),
})
export type CommitteeReviewRow = z.infer<typeof committeeReviewRowSchema>

export const committeeReviewListSchema = z.object({
  year: z.number(),
  committee: z.object({ id: z.string(), name: z.string() }),
  branches: z.array(committeeReviewRowSchema),
})
export type CommitteeReviewList = z.infer<typeof committeeReviewListSchema>
