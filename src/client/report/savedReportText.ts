// The 履职情况 text a secretary edited in earlier versions of the app (before the whole 述职报告 draft), kept on the
// device through the drafts table. The report screen still shows it, so no edit is lost, until they discard it.
import { discardDraft, readDraft, saveDraft } from '@client/db'
import type { ReportFigureSnapshot } from '@shared/report'

export interface SavedReportText {
  text: string
  /** the figures when the secretary first edited the text (or last chose to keep it) */
  figuresSnapshot: ReportFigureSnapshot
  savedAt: string
}

export function reportTextKey(year: number): string {
  return `report-text:${year}`
}

function isSavedReportText(value: unknown): value is SavedReportText {
  if (typeof value !== 'object' || value === null) return false
  const v = value as Partial<SavedReportText>
  return typeof v.text === 'string' && typeof v.figuresSnapshot === 'object' && v.figuresSnapshot !== null
}

export async function readSavedReportText(year: number): Promise<SavedReportText | null> {
  const value = await readDraft<unknown>(reportTextKey(year))
  return isSavedReportText(value) ? value : null
}

export async function writeSavedReportText(year: number, saved: SavedReportText): Promise<void> {
  await saveDraft(reportTextKey(year), saved)
}

export async function discardSavedReportText(year: number): Promise<void> {
  await discardDraft(reportTextKey(year))
}
