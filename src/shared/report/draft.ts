// The whole 述职报告 draft of a year (title, opening, 一、主要做法和成效 with the counted sentences, 二、存在问题,
// 三、下一步工作思路和措施, signature and date) as parts whose text is a template (draft-tokens.ts). Parts the secretary
// has not edited follow the records and the options; an edited part keeps the secretary's words, and the numbers
// inside stay bound to their figures.
import { formatChinaDate, type ChinaDate } from '../dates'
import {
  ACHIEVEMENT_WORDS, HEADINGS, NEXT_STEP_WORDS, OPENING_WORDS, PROBLEM_WORDS, SIGNATURE_WORDS,
} from './draft-model-text'
import {
  figureKeysOf, figureToken, handTypedNumbers, renderTemplate, textToken, type HandTypedNumber, type TokenValues,
} from './draft-tokens'
import { listReportFigures, type ReportFigureEntry, type ReportFigureSnapshot } from './figure-list'
import { reportOpener, type OpenerChoice } from './opener'
import { reportSentences, type AttendanceRateChoice, type ReportSentenceKey } from './text'
import type { YearReport } from './types'

export type DraftPartKind = 'title' | 'opening' | 'heading' | 'paragraph' | 'signature' | 'date'

export interface DraftPart {
  id: string
  kind: DraftPartKind
  /** the heading (一、二、三、) this part belongs under; null for title, opening, signature and date */
  section: 'achievements' | 'problems' | 'nextSteps' | null
  template: string
}

export interface DraftOptions {
  openerChoice: OpenerChoice
  themeDayUnit: '次' | '期'
  attendanceRates: AttendanceRateChoice[]
}

export const DEFAULT_DRAFT_OPTIONS: DraftOptions = { openerChoice: 'auto', themeDayUnit: '次', attendanceRates: ['overall'] }

/** What the draft says that is not a record: whose report and when. */
export interface DraftContext {
  branchName: string
  secretaryName: string
  /** today in China: the date line, and which year is 'this year' for the opener */
  today: ChinaDate
}

/** Which counted sentences go into which point of 一、, in this order. */
const COUNTED: Record<keyof typeof ACHIEVEMENT_WORDS, readonly ReportSentenceKey[]> = {
  politics: ['study'],
  organization: ['organizationLife', 'orgLifeAndReview', 'attendance'],
  conduct: ['warningEducation', 'heartTalk'],
  service: ['volunteer', 'other'],
}

/** The branch as the title names it: '第一党支部', '机关党支部'; a name without 支部 gets '党支部'. */
export function titleBranch(branchName: string): string {
  const name = branchName.trim()
  if (name === '') return '党支部'
  return /支部$/.test(name) ? name : `${name}党支部`
}

export function titleTemplate(year: number): string {
  return `${year}年度${textToken('branch')}书记抓基层党建工作述职报告`
}

/** The parts as generated from the report: every part the secretary has not edited reads like this. */
export function buildReportDraft(report: YearReport, options: DraftOptions = DEFAULT_DRAFT_OPTIONS): DraftPart[] {
  const sentences = reportSentences(report, options, (key) => figureToken(key))
  const counted = (keys: readonly ReportSentenceKey[]) => sentences.filter((s) => keys.includes(s.key)).map((s) => s.text).join('')
  const parts: DraftPart[] = [
    { id: 'title', kind: 'title', section: null, template: titleTemplate(report.year) },
    { id: 'opening', kind: 'opening', section: null, template: `${report.year}年，${OPENING_WORDS}` },
    { id: 'heading.achievements', kind: 'heading', section: 'achievements', template: HEADINGS.achievements },
  ]
  for (const [point, keys] of Object.entries(COUNTED) as [keyof typeof ACHIEVEMENT_WORDS, readonly ReportSentenceKey[]][]) {
    const numbers = counted(keys)
    // the organization point carries the year's opener, as seed 002's "今年以来，组织主题党日活动11次…"
    const opener = point === 'organization' && numbers ? textToken('opener') : ''
    parts.push({ id: `achievements.${point}`, kind: 'paragraph', section: 'achievements', template: `${ACHIEVEMENT_WORDS[point]}${opener}${numbers}` })
  }
  parts.push({ id: 'heading.problems', kind: 'heading', section: 'problems', template: HEADINGS.problems })
  PROBLEM_WORDS.forEach((words, i) => parts.push({ id: `problems.${i + 1}`, kind: 'paragraph', section: 'problems', template: words }))
  parts.push({ id: 'heading.nextSteps', kind: 'heading', section: 'nextSteps', template: HEADINGS.nextSteps })
  NEXT_STEP_WORDS.forEach((words, i) => parts.push({ id: `nextSteps.${i + 1}`, kind: 'paragraph', section: 'nextSteps', template: words }))
  parts.push(
    { id: 'signature', kind: 'signature', section: null, template: `${SIGNATURE_WORDS}${textToken('secretary')}` },
    { id: 'date', kind: 'date', section: null, template: textToken('date') },
  )
  return parts
}

export interface DraftPartView extends DraftPart {
  edited: boolean
  /** the generated template, for "恢复自动生成" and for figures an edited part does not cite */
  generated: string
}

/** The generated parts with the secretary's edited templates (by part id) laid over them. */
export function mergeDraft(generated: readonly DraftPart[], edits: Readonly<Record<string, string>>): DraftPartView[] {
  return generated.map((part) => {
    const edit = edits[part.id]
    return edit === undefined ? { ...part, edited: false, generated: part.template } : { ...part, template: edit, edited: true, generated: part.template }
  })
}

export function draftValues(report: YearReport, context: DraftContext, options: DraftOptions = DEFAULT_DRAFT_OPTIONS): TokenValues {
  const figures: Record<string, number> = {}
  for (const f of listReportFigures(report)) figures[f.key] = f.value
  return {
    figures,
    text: {
      opener: reportOpener(report.year, Number(context.today.slice(0, 4)), options.openerChoice),
      branch: titleBranch(context.branchName),
      secretary: context.secretaryName.trim(),
      date: formatChinaDate(context.today),
    },
  }
}

/** The draft as the Word file and the clipboard take it. */
export interface DraftDocument {
  title: string
  /** the opening paragraph (heading null), then 一、二、三、 each with its paragraphs */
  sections: { heading: string | null; paragraphs: string[] }[]
  /** signature and date, set right */
  closing: string[]
}

export function draftDocument(parts: readonly DraftPart[], values: TokenValues): DraftDocument {
  const text = (p: DraftPart) => renderTemplate(p.template, values).trim()
  const of = (kind: DraftPartKind) => parts.filter((p) => p.kind === kind).map(text).filter((t) => t !== '')
  const sections: DraftDocument['sections'] = [{ heading: null, paragraphs: of('opening') }]
  for (const heading of parts.filter((p) => p.kind === 'heading')) {
    sections.push({
      heading: text(heading),
      paragraphs: parts.filter((p) => p.kind === 'paragraph' && p.section === heading.section).map(text).filter((t) => t !== ''),
    })
  }
  return { title: of('title')[0] ?? '', sections, closing: [...of('signature'), ...of('date')] }
}

export function draftPlainText(doc: DraftDocument): string {
  const lines = [doc.title, '']
  for (const s of doc.sections) {
    if (s.heading) lines.push(s.heading)
    lines.push(...s.paragraphs)
  }
  lines.push('', ...doc.closing)
  return lines.join('\n')
}

export interface DraftFigureChange {
  key: string
  label: string
  unit: string
  old: number
  new: number
  /** the figure is counted now but an edited part left it out, so the text does not say it */
  notInText: boolean
}

/**
 * Figures the draft cites (or its generated parts would cite) whose value differs from `seen`, the values the
 * secretary last saw: "支委会 25 → 26".
 */
export function draftFigureChanges(parts: readonly DraftPartView[], report: YearReport, seen: ReportFigureSnapshot): DraftFigureChange[] {
  const cited = new Set(parts.flatMap((p) => figureKeysOf(p.template)))
  const wouldCite = new Set(parts.flatMap((p) => figureKeysOf(p.generated)))
  const out: DraftFigureChange[] = []
  const entries = new Map<string, ReportFigureEntry>(listReportFigures(report).map((f) => [f.key, f]))
  for (const key of new Set([...cited, ...wouldCite, ...Object.keys(seen)])) {
    if (!cited.has(key) && !wouldCite.has(key)) continue
    const now = entries.get(key)?.value ?? 0
    const was = seen[key] ?? 0
    if (now === was) continue
    out.push({ key, label: entries.get(key)?.label ?? key, unit: entries.get(key)?.unit ?? '次', old: was, new: now, notInText: !cited.has(key) })
  }
  return out
}

/** The values of the figures the draft cites or would cite, to store as what the secretary has seen. */
export function draftSeenFigures(parts: readonly DraftPartView[], report: YearReport): ReportFigureSnapshot {
  const keys = new Set(parts.flatMap((p) => [...figureKeysOf(p.template), ...figureKeysOf(p.generated)]))
  const out: ReportFigureSnapshot = {}
  for (const f of listReportFigures(report)) if (keys.has(f.key)) out[f.key] = f.value
  return out
}

export interface DraftHandTypedNumber extends HandTypedNumber {
  partId: string
}

/** Numbers typed by hand into the counted paragraphs (one 一、 point at a time), which the records do not update. */
export function draftHandTypedNumbers(parts: readonly DraftPartView[], values?: TokenValues): DraftHandTypedNumber[] {
  return parts
    .filter((p) => p.edited && p.kind !== 'date')
    .flatMap((p) => handTypedNumbers(p.template, values).map((n) => ({ ...n, partId: p.id })))
}
