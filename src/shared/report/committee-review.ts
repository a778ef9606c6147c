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
  /** reworded: the paragraph it replaces in the version before */
  was?: string
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
  /** paragraphs of the version before that this one drops (not reworded: gone) */
  removed: string[]
  figureChanges: ReviewFigureChange[]
  /** '与第1版相比：改动2段，新增1段，删去1段；支委会 12次 → 13次。'; null for a first version */
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

type ParagraphFate = { kind: 'same' } | { kind: 'reworded'; was: string } | { kind: 'added' }

/**
 * Lines up the paragraphs of two versions: those kept word for word (the longest common run), and between two
 * kept ones, new paragraphs paired in order with old ones (reworded), the rest added or removed.
 */
export function alignParagraphs(before: readonly string[], after: readonly string[]): { fates: ParagraphFate[]; removed: string[] } {
  const n = before.length
  const m = after.length
  const lcs: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0))
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i]![j] = before[i] === after[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!)
    }
  }
  const fates: ParagraphFate[] = []
  const removed: string[] = []
  let oldGap: string[] = []
  let newGap = 0
  const closeGap = () => {
    const start = fates.length - newGap
    for (let k = 0; k < newGap; k++) fates[start + k] = k < oldGap.length ? { kind: 'reworded', was: oldGap[k]! } : { kind: 'added' }
    removed.push(...oldGap.slice(newGap))
    oldGap = []
    newGap = 0
  }
  let i = 0
  let j = 0
  while (i < n || j < m) {
    if (i < n && j < m && before[i] === after[j]) {
      closeGap()
      fates.push({ kind: 'same' })
      i++
      j++
    } else if (j < m && (i >= n || lcs[i]![j + 1]! >= lcs[i + 1]![j]!)) {
      fates.push({ kind: 'added' })
      newGap++
      j++
    } else {
      oldGap.push(before[i]!)
      i++
    }
  }
  closeGap()
  return { fates, removed }
}

/**
 * `current` (version n) laid out for reading, marked against `previous` (version n − 1) when there is one.
 */
export function reviewVersionView(
  current: { version: number; document: SubmittedDocument; figures: readonly SubmittedFigure[] },
  previous?: { version: number; document: SubmittedDocument; figures: readonly SubmittedFigure[] },
): ReviewVersionView {
  const { fates, removed } = previous
    ? alignParagraphs(paragraphsOf(previous.document), paragraphsOf(current.document))
    : { fates: [] as ParagraphFate[], removed: [] as string[] }
  let index = 0
  const sections = current.document.sections.map((s) => ({
    heading: s.heading,
    paragraphs: s.paragraphs.map((p) => p.trim()).filter((p) => p !== '').map((text): ReviewParagraph => {
      const fate = fates[index++] ?? { kind: 'same' }
      if (fate.kind === 'reworded') return { text, changed: true, was: fate.was }
      return { text, changed: fate.kind === 'added' }
    }),
  }))
  const figures = previous ? figureChanges(previous.figures, current.figures) : []
  const titleChanged = previous !== undefined && previous.document.title.trim() !== current.document.title.trim()
  let summary: string | null = null
  if (previous) {
    const reworded = fates.filter((f) => f.kind === 'reworded').length
    const added = fates.filter((f) => f.kind === 'added').length
    const words = [
      ...(titleChanged ? ['改了标题'] : []),
      ...(reworded > 0 ? [`改动${reworded}段`] : []),
      ...(added > 0 ? [`新增${added}段`] : []),
      ...(removed.length > 0 ? [`删去${removed.length}段`] : []),
    ]
    const text = words.length > 0 ? words.join('，') : '文字没有改动'
    const numbers = figures.length > 0 ? `；${figures.map(figureChangeText).join('，')}` : ''
    summary = `与第${previous.version}版相比：${text}${numbers}。`
  }
  return { title: current.document.title, titleChanged, sections, closing: current.document.closing, removed, figureChanges: figures, summary }
}
