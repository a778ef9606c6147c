// A year's plan pasted as lines ("3月15日 主题党日 学习党的二十届四中全会精神") or as a table copied from a
// spreadsheet (date, type, topic in cells). Forgiving about separators and date forms; a line it cannot read is
// reported with its line number and what is missing, and the other lines still come through.
import { ACTIVITY_TYPE_IDS, ACTIVITY_TYPES, type ActivityTypeId } from '../catalogue'
import { isChinaDate, type ChinaDate } from '../dates'

export interface PlannedLine {
  /** 1-based line number in the pasted text */
  line: number
  date: ChinaDate
  types: ActivityTypeId[]
  topic: string
}

export interface PlanLineError {
  line: number
  text: string
  message: string
}

export interface ParsedPlan {
  plans: PlannedLine[]
  errors: PlanLineError[]
}

/** Words a plan may use for each type, longest first so 支部党员大会 wins over 党员大会. */
type TypeWord = readonly [word: string, type: ActivityTypeId]

const ALIASES: readonly TypeWord[] = [
  ['主题党日活动', 'themeDay'], ['党员大会', 'generalMeeting'], ['支部委员会', 'committeeMeeting'], ['微党课', 'partyLecture'],
  ['专题党课', 'partyLecture'], ['民主评议', 'democraticReview'], ['谈心', 'heartTalk'], ['志愿', 'volunteer'],
  ['学习', 'study'], ['研讨', 'study'], ['廉政教育', 'warningEducation'],
]

const TYPE_WORDS: readonly TypeWord[] = [
  ...ACTIVITY_TYPE_IDS.flatMap((id): TypeWord[] => [[ACTIVITY_TYPES[id].name, id], [ACTIVITY_TYPES[id].shortName, id]]),
  ...ALIASES,
].filter(([word]) => word !== '其他').sort((a, b) => b[0].length - a[0].length)

const TOPIC_MAX = 200

const pad = (n: number) => String(n).padStart(2, '0')

/** '3月15日', '3月15号', '2027年3月15日', '2027-03-15', '2027/3/15', '3.15', '3-15', '3/15' at the start of `text`. */
function leadingDate(text: string, year: number): { date: string; rest: string } | { error: string } | null {
  const patterns: readonly RegExp[] = [
    /^(?:(\d{4})\s*年\s*)?(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]?/,
    /^(?:(\d{4})[-/.])?(\d{1,2})[-/.](\d{1,2})(?!\d)/,
  ]
  for (const pattern of patterns) {
    const m = pattern.exec(text)
    if (!m) continue
    const y = m[1] ? Number(m[1]) : year
    const date = `${y}-${pad(Number(m[2]))}-${pad(Number(m[3]))}`
    if (!isChinaDate(date)) return { error: `没有${Number(m[2])}月${Number(m[3])}日这一天` }
    return { date, rest: text.slice(m[0].length) }
  }
  if (/^(?:\d{4}\s*年\s*)?\d{1,2}\s*月(?!\s*\d)/.test(text)) return { error: '请写明几日（如 3月15日）' }
  return null
}

const JOINER = /^\s*[,，、+＋暨和与/|]\s*/
const BOUNDARY = /^($|[\s,，、:：+＋暨和与/|—-])/

/** A type word at the start of `text`: a word of two characters (学习, 谈心) only when a space or mark follows it. */
function typeWordAt(text: string): readonly [string, ActivityTypeId] | undefined {
  return TYPE_WORDS.find(([word]) => text.startsWith(word) && (word.length > 2 || BOUNDARY.test(text.slice(word.length))))
}

/**
 * The types named at the start of `text` ('主题党日暨支部党员大会 …', '支委会、党课 …'), and what follows them.
 * After the first, a type is read only after a joining mark (暨 、 + 和): '主题党日 学习…' is one type and a topic.
 */
function leadingTypes(text: string): { types: ActivityTypeId[]; rest: string } {
  const types: ActivityTypeId[] = []
  let rest = text.replace(/^[\s,，、:：]+/, '')
  for (;;) {
    const found = typeWordAt(rest)
    if (!found) break
    if (!types.includes(found[1])) types.push(found[1])
    rest = rest.slice(found[0].length)
    const joined = JOINER.exec(rest)
    if (!joined || !typeWordAt(rest.slice(joined[0].length))) break
    rest = rest.slice(joined[0].length)
  }
  return { types, rest }
}

/** A table's header row: '日期 类型 主题', '序号 时间 活动 内容'. */
function isHeader(text: string): boolean {
  return /^(序号\s*)?(日期|时间)/.test(text) && !/\d/.test(text)
}

/** One line of the plan; null for a blank or header line. */
export function parsePlanLine(raw: string, line: number, year: number): PlannedLine | PlanLineError | null {
  const text = raw.replace(/\t+/g, ' ').replace(/\u3000/g, ' ').trim().replace(/^\d+[.、)）]\s+/, '')
  if (text === '' || isHeader(text)) return null
  const fail = (message: string): PlanLineError => ({ line, text: raw.trim(), message: `第${line}行：${message}` })
  const dated = leadingDate(text, year)
  if (dated === null) return fail('开头没有日期（如 3月15日 或 2027-03-15）')
  if ('error' in dated) return fail(dated.error)
  const { types, rest } = leadingTypes(dated.rest)
  if (types.length === 0) return fail('没有认出活动类型（如 主题党日、支委会、党课）')
  const topic = rest.replace(/^[\s,，、:：—-]+/, '').trim()
  if (topic.length > TOPIC_MAX) return fail(`主题最多${TOPIC_MAX}字，现在${topic.length}字`)
  const month = Number(dated.date.slice(5, 7))
  return { line, date: dated.date, types, topic: topic || `${month}月${types.map((t) => ACTIVITY_TYPES[t].name).join('暨')}` }
}

/** Every line of a pasted plan; dates without a year fall in `year`. */
export function parsePlan(text: string, year: number): ParsedPlan {
  const plans: PlannedLine[] = []
  const errors: PlanLineError[] = []
  text.split(/\r?\n/).forEach((raw, i) => {
    const parsed = parsePlanLine(raw, i + 1, year)
    if (parsed === null) return
    if ('message' in parsed) errors.push(parsed)
    else plans.push(parsed)
  })
  return { plans, errors }
}
