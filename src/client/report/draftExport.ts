// Exporting the 述职报告 draft: what to ask before (an empty year, numbers typed by hand, new figures an edited
// paragraph leaves out) and the Word file itself through exportReport.ts.
import type { ActivityRecord } from '@shared/model/activity'
import type { DraftDocument, DraftFigureChange, DraftHandTypedNumber } from '@shared/report'
import { exportReportDocx, type ReportExportInput } from './exportReport'

/** Reasons to ask before exporting, one sentence each; empty when the draft can go out as it is. */
export function draftExportWarnings(
  recordCount: number, handTyped: readonly DraftHandTypedNumber[], changes: readonly DraftFigureChange[],
): string[] {
  const out: string[] = []
  if (recordCount === 0) out.push('这一年还没有任何记录，报告里没有统计数字。')
  if (handTyped.length > 0) {
    const shown = handTyped.slice(0, 3).map((n) => `“…${n.context}…”`).join('、')
    out.push(`有 ${handTyped.length} 处数字是手动输入的，不会随记录更新，可能与记录不符：${shown}${handTyped.length > 3 ? '等' : ''}。`)
  }
  const missing = changes.filter((c) => c.notInText && c.new !== 0)
  if (missing.length > 0) out.push(`${missing.map((c) => c.label).join('、')}有了新的统计，但您改过的段落里没有写。`)
  return out
}

/** The body of the draft below its title, for exports that take plain paragraphs. */
export function draftBodyText(doc: DraftDocument): string {
  return [...doc.sections.flatMap((s) => [...(s.heading ? [s.heading] : []), ...s.paragraphs]), ...doc.closing].join('\n')
}

export interface DraftExportInput {
  year: number
  branchName: string
  records: readonly ActivityRecord[]
  document: DraftDocument
}

/**
 * The Word file of the whole draft. The draft goes as `title` and `draft` (title, sections with their headings,
 * closing lines) beside the plain `text` that exportReportDocx has always taken.
 */
export function exportDraftDocx(input: DraftExportInput): Promise<string> {
  const payload: ReportExportInput & { title: string; draft: DraftDocument } = {
    year: input.year, branchName: input.branchName, records: input.records,
    text: draftBodyText(input.document), title: input.document.title, draft: input.document,
  }
  return exportReportDocx(payload)
}
