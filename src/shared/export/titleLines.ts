// Breaking a 公文 title into lines between words (docs/domain.md, "公文 layout"): a title in 二号 holds about 20
// characters a line over the 156 mm text width, and a line break inside a word ("…抓基 / 层党建…") is the mistake
// readers notice first. Pure, so the rule is tested apart from the Word writer.

/** 二号 (22 pt) characters across 156 mm, less one for safety with fallback fonts */
export const TITLE_LINE_CHARS = 19

/** Words a line may end with: the ends of an organisation's name, of a year, and of the title's own phrases. */
const WORD_ENDS = [
  '年度', '党支部', '党总支', '党委', '委员会', '支部', '社区', '公司', '中心', '学校', '医院', '局', '村',
  '书记', '党建工作', '抓基层党建工作', '关于', '情况',
]

/** Width in title characters: digits and Latin letters take half a character. */
export function titleWidth(text: string): number {
  let w = 0
  for (const ch of text) w += /[\x20-\x7E]/.test(ch) ? 0.5 : 1
  return w
}

/** Positions (character offsets) after which a line may break. `preferred` (e.g. the end of the branch name) wins. */
function breakPoints(title: string, preferred: readonly number[]): number[] {
  const points = new Set<number>(preferred.filter((p) => p > 0 && p < title.length))
  for (const word of WORD_ENDS) {
    for (let i = title.indexOf(word); i >= 0; i = title.indexOf(word, i + 1)) {
      const end = i + word.length
      if (end < title.length) points.add(end)
    }
  }
  return [...points].sort((a, b) => a - b)
}

/**
 * The title in lines of at most `maxWidth` characters, each break between words. Among the breaks that fit, the
 * one giving the most even lines is chosen (GB/T 9704 asks for lines of sensible, balanced length); a break after
 * the branch name (`afterBranchAt`) is preferred when it fits. Only a word longer than a line is cut inside.
 */
export function breakTitle(title: string, options: { maxWidth?: number; afterBranchAt?: number } = {}): string[] {
  const max = options.maxWidth ?? TITLE_LINE_CHARS
  const text = title.trim()
  if (titleWidth(text) <= max) return [text]
  const preferred = options.afterBranchAt === undefined ? [] : [options.afterBranchAt]
  const points = breakPoints(text, preferred)
  const lines: string[] = []
  let start = 0
  while (titleWidth(text.slice(start)) > max) {
    const fitting = points.filter((p) => p > start && titleWidth(text.slice(start, p)) <= max)
    let cut: number
    if (fitting.length === 0) {
      cut = start
      while (cut < text.length && titleWidth(text.slice(start, cut + 1)) <= max) cut++
    } else {
      const rest = (p: number) => titleWidth(text.slice(p))
      // the branch-name break if it fits and leaves a line that fits; else the most even split
      const branch = preferred.find((p) => fitting.includes(p) && rest(p) <= max)
      cut = branch ?? fitting.reduce((best, p) => {
        const score = (q: number) => (rest(q) <= max ? Math.abs(titleWidth(text.slice(start, q)) - rest(q)) : 1000 - titleWidth(text.slice(start, q)))
        return score(p) < score(best) ? p : best
      })
    }
    lines.push(text.slice(start, cut))
    start = cut
  }
  lines.push(text.slice(start))
  return lines
}
