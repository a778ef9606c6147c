// Word and spreadsheet exports of a year, built on the device. The export module (and `docx` with it) is loaded
// only when a button is tapped, so the app's first load stays small.
import { isCountedRecord } from '@shared/model/planned'
import { getActivePinia } from 'pinia'
import type { ActivityRecord } from '@shared/model/activity'
import type { Member } from '@shared/model/member'
import type { MinutesScope } from '@shared/export/meetingMinutes'
import type { DocxSection } from '@client/export/docx'
import { downloadBlob } from '@client/files/download'
import type { ReportRosterEntry } from '@client/export/docx'
import { useRosterStore } from '@client/stores/roster'

export interface ReportExportInput {
  year: number
  branchName: string
  /** the 履职情况 text as shown (the secretary's edits included), paragraphs separated by newlines */
  text: string
  records: readonly ActivityRecord[]
  /** names for the 台账's 请假/缺席 (and, with 职务 and order, its 党员个人年度情况); by default the app's roster */
  roster?: readonly ReportRosterEntry[]
  /**
   * The whole 述职报告 when the report screen has it: opening paragraph(s), the numbered sections and the
   * signature lines. Without `sections`, `text` becomes 一、履职情况.
   */
  opening?: readonly string[]
  sections?: readonly DocxSection[]
  signature?: readonly string[]
  /** the draft's own title; default reportTitle() */
  title?: string
}

/**
 * The given roster, else the app's live roster store once loaded. Without either (outside the app, or before the
 * roster has been read) the 台账 gives 请假/缺席 counts without names rather than marking everyone （已移除）.
 */
function rosterOf(input: Pick<ReportExportInput, 'roster'>): readonly ReportRosterEntry[] | undefined {
  if (input.roster) return input.roster
  if (!getActivePinia()) return undefined
  const store = useRosterStore()
  return store.loaded ? store.members : undefined
}

/** Thrown when there is nothing to write; its message is the sentence to show. */
export class NothingToExportError extends Error {}

const UNSAFE_FILE_CHARS = /[\\/:*?"<>|\r\n\t]/g

/** '2026年履职情况-第一党支部.docx'; without a branch name '2026年履职情况.docx' */
export function reportFileName(year: number, branchName: string, extension: string, what = '履职情况'): string {
  const branch = branchName.replace(UNSAFE_FILE_CHARS, '').trim()
  return `${year}年${what}${branch ? `-${branch}` : ''}.${extension}`
}

export function reportTitle(year: number, branchName: string): string {
  return `${year}年度${branchName.trim() || '党支部'}书记抓基层党建工作述职报告`
}

/** Where reportTitle() should break: right after the branch name ('2026年度红星社区第一党支部' / '书记抓…'). */
export function reportTitleBreak(year: number, branchName: string): number {
  return `${year}年度${branchName.trim() || '党支部'}`.length
}

/** A title of the secretary's own breaks after the branch name when it has one (else where titleLines decides). */
function titleBreakAfterBranch(title: string, branchName: string): number | undefined {
  const name = branchName.trim()
  const at = name ? title.indexOf(name) : -1
  return at >= 0 ? at + name.length : undefined
}

export function paragraphsOf(text: string): string[] {
  return text.split(/\r?\n/).map((p) => p.trim()).filter((p) => p.length > 0)
}

export async function exportReportDocx(input: ReportExportInput): Promise<string> {
  const { buildReportDocx, DOCX_MIME } = await import('@client/export/docx')
  const bytes = await buildReportDocx({
    title: input.title ?? reportTitle(input.year, input.branchName),
    titleBreakAt: input.title ? titleBreakAfterBranch(input.title, input.branchName) : reportTitleBreak(input.year, input.branchName),
    opening: input.opening,
    sections: input.sections ?? [{ heading: '履职情况', paragraphs: paragraphsOf(input.text) }],
    signature: input.signature,
    records: input.records,
    year: input.year,
    roster: rosterOf(input),
  })
  const name = reportFileName(input.year, input.branchName, 'docx')
  downloadBlob(new Blob([bytes as BlobPart], { type: DOCX_MIME }), name)
  return name
}

/** A 台账 of a year without records would be a header alone: say so instead of saving an empty file. */
function refuseEmptyLedger(records: readonly ActivityRecord[], year: number): void {
  const prefix = `${year}-`
  if (!records.some((r) => isCountedRecord(r) && r.date.startsWith(prefix))) {
    throw new NothingToExportError(`${year}年还没有活动记录，台账是空的，没有生成文件。`)
  }
}

export async function exportLedgerCsv(input: Omit<ReportExportInput, 'text'>): Promise<string> {
  refuseEmptyLedger(input.records, input.year)
  const { buildLedgerCsv } = await import('@shared/export/csv')
  const csv = buildLedgerCsv(input.records, input.year, rosterOf(input))
  const name = reportFileName(input.year, input.branchName, 'csv', '活动台账')
  downloadBlob(new Blob([csv], { type: 'text/csv;charset=utf-8' }), name)
  return name
}

/** China time now, 'YYYY-MM-DD HH:mm', for "导出于…" */
function exportedAtNow(): string {
  return new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ')
}

/**
 * The year's 台账 as .xlsx: a sheet per type group (三会一课, 主题党日, 谈心谈话, 志愿服务, 学习教育, 其他) and, with
 * the roster, 党员个人年度情况. The writer (write-excel-file, see src/client/export/xlsx.ts) loads only on the tap.
 */
export async function exportLedgerXlsx(input: Omit<ReportExportInput, 'text' | 'roster'> & { roster?: readonly Member[] }): Promise<string> {
  refuseEmptyLedger(input.records, input.year)
  const { buildLedgerXlsx } = await import('@client/export/xlsx')
  const roster = input.roster ?? (rosterOf({}) as readonly Member[] | undefined)
  const blob = await buildLedgerXlsx({ records: input.records, year: input.year, branchName: input.branchName, roster, exportedAt: exportedAtNow() })
  const name = reportFileName(input.year, input.branchName, 'xlsx', '活动台账')
  downloadBlob(blob, name)
  return name
}

/**
 * 会议记录 as one Word file, one meeting a page. `records` may be any records: only meetings (types that take a
 * roll call) are written, in date order; pass `scope` to keep one month or year. Works offline once loaded.
 */
export async function exportMeetingMinutesDocx(
  records: readonly ActivityRecord[], roster: readonly Pick<Member, 'id' | 'name'>[] | undefined, branchName: string,
  scope?: MinutesScope,
): Promise<string> {
  const [{ buildMinutesDocx }, { DOCX_MIME }, minutes] = await Promise.all([
    import('@client/export/minutesDocx'), import('@client/export/docx'), import('@shared/export/meetingMinutes'),
  ])
  const chosen = scope ? minutes.meetingsIn(records, scope)
    : records.filter((r) => isCountedRecord(r) && minutes.isMeeting(r)).sort(minutes.byDateAndTime)
  if (chosen.length === 0) throw new NothingToExportError('所选时间内没有会议，无需导出会议记录。')
  const bytes = await buildMinutesDocx({ branchName, minutes: minutes.buildMeetingMinutes(chosen, roster ?? rosterOf({})) })
  const what = scope ? `${minutes.minutesScopeLabel(scope)}会议记录` : minutesFileWhat(chosen)
  const name = minutesFileName(what, branchName)
  downloadBlob(new Blob([bytes as BlobPart], { type: DOCX_MIME }), name)
  return name
}

function minutesFileWhat(records: readonly ActivityRecord[]): string {
  const first = records[0]!
  if (records.length === 1) return `${first.date}会议记录（${first.topic.replace(UNSAFE_FILE_CHARS, '').trim().slice(0, 20)}）`
  return `${first.date}至${records[records.length - 1]!.date}会议记录`
}

/** '2026年11月会议记录-第一党支部.docx' */
export function minutesFileName(what: string, branchName: string): string {
  const branch = branchName.replace(UNSAFE_FILE_CHARS, '').trim()
  return `${what}${branch ? `-${branch}` : ''}.docx`
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
  if (error instanceof NothingToExportError) return error.message
  const detail = error instanceof Error ? error.message : String(error)
  if (/dynamically imported module|Failed to fetch|Importing a module script failed|Loading chunk/i.test(detail)) {
    return `${what}失败：导出功能还没有下载到本机。请在有网络时打开一次本页，之后没有网络也能导出。`
  }
  return `${what}失败，请再试一次。如仍不行，可先点“复制”把文字粘贴到 WPS 或微信。（${detail}）`
}
