// The secretary's 述职报告 draft of a year, kept on the device in the drafts table (where savedReportText.ts keeps
// the 履职情况 text edited in earlier versions of the app): only the parts they edited (as templates with figure tokens), the text options, and the
// figure values they last saw, so a later compile can say "支委会 25 → 26".
import { discardDraft, readDraft, saveDraft } from '@client/db'
import {
  ATTENDANCE_RATE_CHOICES, DEFAULT_DRAFT_OPTIONS, OPENER_CHOICES, type DraftOptions, type ReportFigureSnapshot,
} from '@shared/report'

export interface SavedReportDraft {
  version: 1
  /** part id → the secretary's template */
  edits: Record<string, string>
  options: DraftOptions
  /** figure key → the value the secretary last saw in the draft */
  seen: ReportFigureSnapshot
  savedAt: string
}

export function reportDraftKey(year: number): string {
  return `report-draft:${year}`
}

function isRecordOf(value: unknown, check: (v: unknown) => boolean): value is Record<string, never> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.values(value).every(check)
}

/** Options as stored, each field checked; anything unknown falls back to the default. */
function optionsOf(value: unknown): DraftOptions {
  const v = (typeof value === 'object' && value !== null ? value : {}) as Partial<Record<keyof DraftOptions, unknown>>
  const opener = OPENER_CHOICES.find((c) => c === v.openerChoice)
  const rates = Array.isArray(v.attendanceRates)
    ? ATTENDANCE_RATE_CHOICES.filter((c) => (v.attendanceRates as unknown[]).includes(c))
    : DEFAULT_DRAFT_OPTIONS.attendanceRates
  return {
    openerChoice: opener ?? DEFAULT_DRAFT_OPTIONS.openerChoice,
    themeDayUnit: v.themeDayUnit === '期' ? '期' : '次',
    attendanceRates: [...rates],
  }
}

export function parseSavedReportDraft(value: unknown): SavedReportDraft | null {
  if (typeof value !== 'object' || value === null) return null
  const v = value as Partial<Record<keyof SavedReportDraft, unknown>>
  if (v.version !== 1 || !isRecordOf(v.edits, (e) => typeof e === 'string') || !isRecordOf(v.seen, (n) => typeof n === 'number')) return null
  return {
    version: 1, edits: v.edits, seen: v.seen, options: optionsOf(v.options),
    savedAt: typeof v.savedAt === 'string' ? v.savedAt : '',
  }
}

export async function readSavedReportDraft(year: number): Promise<SavedReportDraft | null> {
  return parseSavedReportDraft(await readDraft<unknown>(reportDraftKey(year)))
}

export async function writeSavedReportDraft(year: number, saved: SavedReportDraft): Promise<void> {
  await saveDraft(reportDraftKey(year), saved)
}

export async function discardSavedReportDraft(year: number): Promise<void> {
  await discardDraft(reportDraftKey(year))
}
