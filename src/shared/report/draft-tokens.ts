// Numbers that stay live inside the secretary's own wording. A draft paragraph is stored as a template: words plus
// tokens such as {{fig:type.committeeMeeting}} (a figure, by its key in figure-list.ts) or {{opener}} (a word that
// depends on the year and the options). Rendering puts the current values in; an edit made on the rendered text is
// mapped back onto the template (applyTextEdit), so the words around a number can change while the number stays
// bound to its records. A number the secretary types over is no longer bound: it becomes a hand-typed number
// (handTypedNumbers), which the export asks about.
import { formatAmount } from './format'

export const TEXT_TOKENS = ['opener', 'branch', 'secretary', 'date'] as const
export type TextToken = (typeof TEXT_TOKENS)[number]

/** The values a template is rendered with. */
export interface TokenValues {
  /** figure key → value; a key missing here renders as 0 */
  figures: Readonly<Record<string, number>>
  text: Readonly<Record<TextToken, string>>
}

export type Segment =
  | { kind: 'text'; text: string }
  | { kind: 'figure'; key: string; value: number; text: string; raw: string }
  | { kind: 'word'; token: TextToken; text: string; raw: string }

const TOKEN = /\{\{(?:fig:([A-Za-z][A-Za-z0-9.]*)|(opener|branch|secretary|date))\}\}/g

export function figureToken(key: string): string {
  return `{{fig:${key}}}`
}

export function textToken(token: TextToken): string {
  return `{{${token}}}`
}

export function renderSegments(template: string, values: TokenValues): Segment[] {
  const out: Segment[] = []
  let at = 0
  for (const match of template.matchAll(TOKEN)) {
    const index = match.index
    if (index > at) out.push({ kind: 'text', text: template.slice(at, index) })
    const [raw, key, word] = match
    if (key !== undefined) {
      const value = values.figures[key] ?? 0
      out.push({ kind: 'figure', key, value, text: formatAmount(value), raw })
    } else {
      const token = word as TextToken
      out.push({ kind: 'word', token, text: values.text[token], raw })
    }
    at = index + raw.length
  }
  if (at < template.length) out.push({ kind: 'text', text: template.slice(at) })
  return out
}

export function renderTemplate(template: string, values: TokenValues): string {
  return renderSegments(template, values).map((s) => s.text).join('')
}

/** Figure keys a template cites, each once, in order. */
export function figureKeysOf(template: string): string[] {
  const keys: string[] = []
  for (const match of template.matchAll(TOKEN)) if (match[1] && !keys.includes(match[1])) keys.push(match[1])
  return keys
}

/** Characters that must not be stored as literal text: a typed "{{" could otherwise read as a token. */
function literal(text: string): string {
  return text.replace(/\{\{/g, '{ {')
}

/**
 * For each character of `a`, the index of the character of `b` it is kept as (a longest common subsequence), or -1
 * when it was deleted or replaced. The common prefix and suffix are matched first; the rest by dynamic programming.
 */
export function alignCharacters(a: string, b: string): Int32Array {
  const map = new Int32Array(a.length).fill(-1)
  let prefix = 0
  const max = Math.min(a.length, b.length)
  while (prefix < max && a[prefix] === b[prefix]) { map[prefix] = prefix; prefix++ }
  let suffix = 0
  while (suffix < max - prefix && a[a.length - 1 - suffix] === b[b.length - 1 - suffix]) {
    map[a.length - 1 - suffix] = b.length - 1 - suffix
    suffix++
  }
  const n = a.length - prefix - suffix
  const m = b.length - prefix - suffix
  if (n === 0 || m === 0) return map
  // lengths[i * (m + 1) + j]: LCS of a's middle from i and b's middle from j
  const width = m + 1
  const lengths = new Uint32Array((n + 1) * width)
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lengths[i * width + j] = a[prefix + i] === b[prefix + j]
        ? lengths[(i + 1) * width + j + 1]! + 1
        : Math.max(lengths[(i + 1) * width + j]!, lengths[i * width + j + 1]!)
    }
  }
  let i = 0
  let j = 0
  while (i < n && j < m) {
    if (a[prefix + i] === b[prefix + j]) { map[prefix + i] = prefix + j; i++; j++ }
    else if (lengths[(i + 1) * width + j]! >= lengths[i * width + j + 1]!) i++
    else j++
  }
  return map
}

/**
 * The template after its rendered text was edited into `after` (values: what the text was rendered with). A token
 * whose rendered characters all survive the edit, in one piece, stays a token; a token the edit touches becomes
 * plain text; typed text is stored as plain text. So the secretary can rewrite the words around a number (also by
 * pasting a whole new paragraph) and the number stays bound to its records.
 */
export function applyTextEdit(template: string, values: TokenValues, after: string): string {
  const segments = renderSegments(template, values)
  const before = segments.map((s) => s.text).join('')
  if (before === after) return template
  const map = alignCharacters(before, after)
  /** tokens kept, by the position in `after` where they start */
  const kept = new Map<number, { raw: string; length: number }[]>()
  let at = 0
  for (const segment of segments) {
    const start = at
    at += segment.text.length
    if (segment.kind === 'text') continue
    let position: number
    if (segment.text.length === 0) {
      // a token rendered empty (no opener) stays where its left neighbour went
      if (start > 0 && map[start - 1]! < 0) continue
      position = start > 0 ? map[start - 1]! + 1 : 0
    } else {
      position = map[start]!
      let whole = position >= 0
      for (let k = 1; whole && k < segment.text.length; k++) whole = map[start + k] === position + k
      if (!whole) continue
    }
    const list = kept.get(position) ?? []
    list.push({ raw: segment.raw, length: segment.text.length })
    kept.set(position, list)
  }
  let out = ''
  let run = ''
  for (let j = 0; j <= after.length;) {
    const tokens = kept.get(j)
    if (tokens) {
      out += literal(run)
      run = ''
      let skip = 0
      for (const t of tokens) { out += t.raw; skip = Math.max(skip, t.length) }
      kept.delete(j)
      if (skip > 0) { j += skip; continue }
    }
    if (j < after.length) run += after[j]
    j++
  }
  return out + literal(run)
}

export interface HandTypedNumber {
  /** the number as it reads, digits of a neighbouring token included ("12" when "2" was typed after a "1") */
  text: string
  /** a few characters around it as the text reads, for the warning */
  context: string
}

const DIGITS = /[0-9０-９]+(?:[.．][0-9０-９]+)?/g
const DIGIT = /[0-9０-９.．]/
const NO_VALUES: TokenValues = { figures: {}, text: { opener: '', branch: '', secretary: '', date: '' } }

/**
 * Numbers in the template's plain text (not from a token): they will not follow the records. A year ("2026年") and
 * a month or day ("12月1日") are not counted; digits typed next to a token are (they read as one bigger number).
 */
export function handTypedNumbers(template: string, values: TokenValues = NO_VALUES): HandTypedNumber[] {
  const segments = renderSegments(template, values)
  const full = segments.map((s) => s.text).join('')
  const out: HandTypedNumber[] = []
  let at = 0
  for (const segment of segments) {
    const offset = at
    at += segment.text.length
    if (segment.kind !== 'text') continue
    for (const match of segment.text.matchAll(DIGITS)) {
      let from = offset + match.index
      let to = from + match[0].length
      while (from > 0 && DIGIT.test(full[from - 1]!)) from--
      while (to < full.length && DIGIT.test(full[to]!)) to++
      const after = full[to] ?? ''
      if ((to - from === 4 && after === '年') || after === '月' || after === '日') continue
      out.push({ text: full.slice(from, to), context: full.slice(Math.max(0, from - 6), to + 3) })
    }
  }
  return out
}
