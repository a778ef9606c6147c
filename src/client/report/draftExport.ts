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

/** A heading without its leading number ("一、主要做法和成效" → "主要做法和成效"), for builders that number headings. */
export function unnumberedHeading(heading: string): string {
  return heading.replace(/^[一二三四五六七八九十]+、\s*/, '')
}

/** What exportReportDocx is given for the whole draft, beside the plain `text` it has always taken. */
export interface DraftDocxPayload extends ReportExportInput {
  title: string
  /** paragraphs before the first heading */
  opening: string[]
  /** 主要做法和成效, 存在问题, 下一步工作思路和措施, headings without their numbers (一、二、三、) */
  sections: { heading: string; paragraphs: string[] }[]
  /** signature and date, set right under the text */
  closing: string[]
}

export function draftDocxPayload(input: DraftExportInput): DraftDocxPayload {
  const doc = input.document
  return {
    year: input.year, branchName: input.branchName, records: input.records, text: draftBodyText(doc), title: doc.title,
    opening: doc.sections.filter((s) => s.heading === null).flatMap((s) => s.paragraphs),
    sections: doc.sections.flatMap((s) => (s.heading === null ? [] : [{ heading: unnumberedHeading(s.heading), paragraphs: s.paragraphs }])),
    closing: doc.closing,
    signature: doc.closing,
  }
}

/** The Word file of the whole draft. */
export function exportDraftDocx(input: DraftExportInput): Promise<string> {
  return exportReportDocx(draftDocxPayload(input))
}
