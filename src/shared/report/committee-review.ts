// Submit and review of the 述职报告 as both sides read it: the figures a submission carries, and what changed from
// one submitted version to the next (paragraphs new or reworded, paragraphs dropped, figures that moved), so the
// committee reads a resubmission against the version it returned.
import type { SubmittedDocument, SubmittedFigure } from '../api/review'
import { formatAmount } from './format'
import { listReportFigures } from './figure-list'
import type { YearReport } from './types'

/** The figures a submission carries: every count the year has (zeros left out), and the attendance rates. */
export function submissionFigures(report: YearReport): SubmittedFigure[] {
  return listReportFigures(report)
    .filter((f) => f.value > 0 || f.unit === '%')
    .map((f) => ({ key: f.key, label: f.label, unit: f.unit, value: f.value }))
}

export interface ReviewParagraph {
  text: string
  /** new in this version, or reworded from the one before */
  changed: boolean
}

export interface ReviewFigureChange {
  label: string
  unit: string
  from: number
  to: number
}

export interface ReviewVersionView {
  title: string
  titleChanged: boolean
  sections: { heading: string | null; paragraphs: ReviewParagraph[] }[]
  closing: string[]
  /** paragraphs of the version before that this one no longer has */
  removed: string[]
  figureChanges: ReviewFigureChange[]
  /** '与第1版相比：改动2段，删去1段；支委会 12次 → 13次。'; null for a first version */
  summary: string | null
}

const paragraphsOf = (doc: SubmittedDocument) => doc.sections.flatMap((s) => s.paragraphs).map((p) => p.trim()).filter((p) => p !== '')

function figureChanges(before: readonly SubmittedFigure[], after: readonly SubmittedFigure[]): ReviewFigureChange[] {
  const old = new Map(before.map((f) => [f.key, f]))
  const now = new Map(after.map((f) => [f.key, f]))
  const keys = [...after.map((f) => f.key), ...before.map((f) => f.key).filter((k) => !now.has(k))]
  const out: ReviewFigureChange[] = []
  for (const key of keys) {
    const a = old.get(key)
    const b = now.get(key)
    const from = a?.value ?? 0
    const to = b?.value ?? 0
    if (from !== to) out.push({ label: (b ?? a)!.label, unit: (b ?? a)!.unit, from, to })
  }
  return out
}

const amount = (value: number, unit: string) => (unit === '%' ? `${value}%` : `${formatAmount(value)}${unit}`)

/** One change in words: '支委会 12次 → 13次' */
export function figureChangeText(c: ReviewFigureChange): string {
  return `${c.label} ${amount(c.from, c.unit)} → ${amount(c.to, c.unit)}`
}

/**
 * `version` (number `n`) laid out for reading, marked against `previous` (number n − 1) when there is one.
 */
export function reviewVersionView(
  current: { version: number; document: SubmittedDocument; figures: readonly SubmittedFigure[] },
  previous?: { version: number; document: SubmittedDocument; figures: readonly SubmittedFigure[] },
): ReviewVersionView {
  const before = previous ? new Set(paragraphsOf(previous.document)) : null
  const sections = current.document.sections.map((s) => ({
    heading: s.heading,
    paragraphs: s.paragraphs.map((p) => p.trim()).filter((p) => p !== '').map((text) => ({ text, changed: before !== null && !before.has(text) })),
  }))
  const nowSet = new Set(paragraphsOf(current.document))
  const removed = previous ? paragraphsOf(previous.document).filter((p) => !nowSet.has(p)) : []
  const figures = previous ? figureChanges(previous.figures, current.figures) : []
  const titleChanged = previous !== undefined && previous.document.title.trim() !== current.document.title.trim()
  let summary: string | null = null
  if (previous) {
    const changed = sections.reduce((n, s) => n + s.paragraphs.filter((p) => p.changed).length, 0)
    const words = [
      ...(titleChanged ? ['改了标题'] : []),
      ...(changed > 0 ? [`改动${changed}段`] : []),
      ...(removed.length > 0 ? [`删去${removed.length}段`] : []),
    ]
    const text = words.length > 0 ? words.join('，') : '文字没有改动'
    const numbers = figures.length > 0 ? `；${figures.map(figureChangeText).join('，')}` : ''
    summary = `与第${previous.version}版相比：${text}${numbers}。`
  }
  return { title: current.document.title, titleChanged, sections, closing: current.document.closing, removed, figureChanges: figures, summary }
}
