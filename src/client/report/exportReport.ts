// Word and spreadsheet exports of a year, built on the device. The export module (and `docx` with it) is loaded
// only when a button is tapped, so the app's first load stays small.
import { getActivePinia } from 'pinia'
import type { ActivityRecord } from '@shared/model/activity'
import type { Member } from '@shared/model/member'
import { downloadBlob } from '@client/files/download'
import { useRosterStore } from '@client/stores/roster'

export interface ReportExportInput {
  year: number
  branchName: string
  /** the 履职情况 text as shown (the secretary's edits included), paragraphs separated by newlines */
  text: string
  records: readonly ActivityRecord[]
  /** names for the 台账's 请假/缺席; by default the roster the app already holds */
  roster?: readonly Pick<Member, 'id' | 'name'>[]
}

/**
 * The given roster, else the app's live roster store once loaded. Without either (outside the app, or before the
 * roster has been read) the 台账 gives 请假/缺席 counts without names rather than marking everyone （已移除）.
 */
function rosterOf(input: Pick<ReportExportInput, 'roster'>): readonly Pick<Member, 'id' | 'name'>[] | undefined {
  if (input.roster) return input.roster
  if (!getActivePinia()) return undefined
  const store = useRosterStore()
  return store.loaded ? store.members : undefined
}

const UNSAFE_FILE_CHARS = /[\\/:*?"<>|\r\n\t]/g

/** '2026年履职情况-第一党支部.docx'; without a branch name '2026年履职情况.docx' */
export function reportFileName(year: number, branchName: string, extension: string, what = '履职情况'): string {
  const branch = branchName.replace(UNSAFE_FILE_CHARS, '').trim()
  return `${year}年${what}${branch ? `-${branch}` : ''}.${extension}`
}

export function reportTitle(year: number, branchName: string): string {
  return `${year}年度${branchName.trim() || '党支部'}书记抓基层党建工作述职报告`
}

export function paragraphsOf(text: string): string[] {
  return text.split(/\r?\n/).map((p) => p.trim()).filter((p) => p.length > 0)
}

export async function exportReportDocx(input: ReportExportInput): Promise<string> {
  const { buildReportDocx, DOCX_MIME } = await import('@client/export/docx')
  const bytes = await buildReportDocx({
    title: reportTitle(input.year, input.branchName),
    sections: [{ heading: '履职情况', paragraphs: paragraphsOf(input.text) }],
    records: input.records,
    year: input.year,
    roster: rosterOf(input),
  })
  const name = reportFileName(input.year, input.branchName, 'docx')
  downloadBlob(new Blob([bytes as BlobPart], { type: DOCX_MIME }), name)
  return name
}

export async function exportLedgerCsv(input: Omit<ReportExportInput, 'text'>): Promise<string> {
  const { buildLedgerCsv } = await import('@shared/export/csv')
  const csv = buildLedgerCsv(input.records, input.year, rosterOf(input))
  const name = reportFileName(input.year, input.branchName, 'csv', '活动台账')
  downloadBlob(new Blob([csv], { type: 'text/csv;charset=utf-8' }), name)
  return name
}

/** Each member's attendance over the year (应到/实到/请假/缺席), for the secretary only. */
export async function exportMemberAttendanceCsv(input: Omit<ReportExportInput, 'text' | 'roster'> & { roster: readonly Member[] }): Promise<string> {
  const [{ buildMemberAttendanceCsv }, { compileYearReport }] = await Promise.all([import('@shared/export/csv'), import('@shared/report/compile')])
  const report = compileYearReport({ records: input.records, roster: input.roster, year: input.year })
  const name = reportFileName(input.year, input.branchName, 'csv', '党员参会统计')
  downloadBlob(new Blob([buildMemberAttendanceCsv(report)], { type: 'text/csv;charset=utf-8' }), name)
  return name
}

/** A failure as one sentence a member can act on. */
export function exportErrorMessage(what: string, error: unknown): string {
  const detail = error instanceof Error ? error.message : String(error)
  if (/dynamically imported module|Failed to fetch|Importing a module script failed|Loading chunk/i.test(detail)) {
    return `${what}失败：导出功能还没有下载到本机。请在有网络时打开一次本页，之后没有网络也能导出。`
  }
  return `${what}失败，请再试一次。如仍不行，可先点“复制”把文字粘贴到 WPS 或微信。（${detail}）`
}
