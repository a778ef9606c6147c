// The 述职报告 as it stands on this device, for 提交: the secretary's saved edits and options over the year's
// generated draft (the same pieces ReportDraftEditor shows), and the figures it was counted from.
import type { SubmitReviewRequest } from '@shared/api/review'
import {
  buildReportDraft, DEFAULT_DRAFT_OPTIONS, draftDocument, draftValues, mergeDraft, type DraftContext, type DraftDocument,
  type YearReport,
} from '@shared/report'
import { submissionFigures } from '@shared/report/committee-review'
import { newId } from '@client/db'
import { readSavedReportDraft } from './savedReportDraft'

export async function currentDraftDocument(report: YearReport, context: DraftContext): Promise<DraftDocument> {
  const saved = await readSavedReportDraft(report.year)
  const options = saved?.options ?? DEFAULT_DRAFT_OPTIONS
  const parts = mergeDraft(buildReportDraft(report, options), saved?.edits ?? {})
  return draftDocument(parts, draftValues(report, context, options))
}

/** A new submission of the year's draft: its id is made now, so a resend is recognised by the server. */
export async function buildSubmission(branchId: string, report: YearReport, context: DraftContext): Promise<SubmitReviewRequest> {
  const document = await currentDraftDocument(report, context)
  return { id: newId(), branchId, year: report.year, document, figures: submissionFigures(report) }
}
