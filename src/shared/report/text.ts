// The counted sentences of the 述职报告 in the register of the sample reports (docs/domain.md), zeros left out.
// Each number is written through a FigureWriter: plain digits for composeReportText, figure tokens for the draft
// (draft-tokens.ts), so both say exactly the same words.
import { type ActivityTypeId } from '../catalogue'
import { WARNING_KIND_IDS, WARNING_KINDS, type WarningKind } from '../subKinds'
import { chinaDateOf, yearOf } from '../dates'
import { formatAmount } from './format'
import { wholePercent } from './figure-list'
import { reportOpener, type OpenerChoice } from './opener'
import { ATTENDANCE_LABELS } from './phrases'
import { joinObjects } from './talk-objects'
import type { StudyScopeKey, YearReport } from './types'

/** 'overall' is every meeting with an attendance sheet; a type id is that meeting type. */
export type AttendanceRateChoice = 'overall' | ActivityTypeId

export interface ReportTextOptions {
  /** put before the first sentence as given; overrides openerChoice */
  opener?: string
  /** which opener; default 'auto' (see opener.ts) */
  openerChoice?: OpenerChoice
  /** the year the text is read in, for the 'auto' opener; default the current year in China */
  currentYear?: number
  /** 主题党日 counted in 次 (default) or 期 */
  themeDayUnit?: '次' | '期'
  /** rates cited in the one short attendance sentence, in this order; [] leaves it out. Default ['overall']. */
  attendanceRates?: readonly AttendanceRateChoice[]
  /** one sentence per paragraph instead of grouping related sentences */
  sentencePerParagraph?: boolean
}

export type ReportSentenceKey =
  | 'organizationLife' | 'orgLifeAndReview' | 'study' | 'warningEducation' | 'heartTalk' | 'volunteer' | 'other'
  | 'attendance'

export interface ReportSentence {
  key: ReportSentenceKey
  text: string
}

export interface ReportText {
  sentences: ReportSentence[]
  paragraphs: string[]
  /** paragraphs joined by newlines, ready for the clipboard */
  text: string
}

/** Writes one number of the text: `key` is its figure key (figure-list.ts), `value` what the figure holds. */
export type FigureWriter = (key: string, value: number) => string

export const plainFigures: FigureWriter = (_key, value) => formatAmount(value)

export const DEFAULT_ATTENDANCE_RATES: readonly AttendanceRateChoice[] = ['overall']

/** Every rate the options can offer, in the order the sentence cites them. */
export const ATTENDANCE_RATE_CHOICES: readonly AttendanceRateChoice[] = [
  'overall', 'generalMeeting', 'committeeMeeting', 'groupMeeting', 'themeDay', 'partyLecture', 'orgLifeMeeting',
]

export function attendanceRateLabel(choice: AttendanceRateChoice): string {
  return choice === 'overall' ? '党员参加组织生活' : ATTENDANCE_LABELS[choice]
}

/** Sentence groups that make one paragraph each: 组织生活, 学习教育, 谈心与服务. */
const PARAGRAPH_GROUPS: readonly (readonly ReportSentenceKey[])[] = [
  ['organizationLife', 'orgLifeAndReview', 'attendance'],
  ['study', 'warningEducation'],
  ['heartTalk', 'volunteer', 'other'],
]

/** Clauses joined by '，' and closed by '。'; null when there are none. */
function sentence(clauses: readonly string[]): string | null {
  return clauses.length > 0 ? `${clauses.join('，')}。` : null
}

const STUDY_LEADS: Readonly<Record<StudyScopeKey, string>> = {
  committee: '支委班子集中学习',
  all: '全体党员开展集中学习',
  unspecified: '另开展集中学习',
}

/**
 * One clause per scope with sessions: '全体党员开展集中学习和交流研讨15次' when every session had 交流研讨,
 * '…集中学习15次，其中交流研讨3次' when some did. With no scope given anywhere: '开展集中学习N次'.
 */
function studySessionClauses(report: YearReport, w: FigureWriter): string[] {
  const { byScope, sessions } = report.study
  const scopedSessions = byScope.committee.sessions.value + byScope.all.sessions.value
  const counts: Record<StudyScopeKey, number> = {
    committee: byScope.committee.sessions.value,
    all: byScope.all.sessions.value,
    unspecified: sessions.value - scopedSessions,
  }
  const scoped = scopedSessions > 0
  const clauses: string[] = []
  for (const scope of ['committee', 'all', 'unspecified'] as const) {
    const n = counts[scope]
    if (n <= 0) continue
    const discussion = byScope[scope].discussion.value
    const lead = scoped ? STUDY_LEADS[scope] : '开展集中学习'
    const written = w(scoped ? `study.${scope}` : 'type.study', n)
    if (discussion === n) clauses.push(`${lead}和交流研讨${written}次`)
    else {
      clauses.push(`${lead}${written}次`)
      if (discussion > 0) clauses.push(`其中交流研讨${w(`study.${scope}.discussion`, discussion)}次`)
    }
  }
  return clauses
}

type Sentences = Record<ReportSentenceKey, (report: YearReport, w: FigureWriter, o: ReportTextOptions) => string | null>

const SENTENCES: Sentences = {
  organizationLife(report, w, o) {
    const count = (t: ActivityTypeId) => report.byType[t].count.value
    const n = (t: ActivityTypeId) => w(`type.${t}`, count(t))
    const clauses: string[] = []
    if (count('themeDay') > 0) clauses.push(`组织主题党日活动${n('themeDay')}${o.themeDayUnit ?? '次'}`)
    if (count('generalMeeting') > 0) clauses.push(`召开支部党员大会${n('generalMeeting')}次`)
    if (count('committeeMeeting') > 0) clauses.push(`召开支委会${n('committeeMeeting')}次`)
    if (count('groupMeeting') > 0) clauses.push(`召开党小组会${n('groupMeeting')}次`)
    const lectures = count('partyLecture')
    const bySecretary = report.lecturesBySpeaker.secretary.value
    const secretary = w('lecture.secretary', bySecretary)
    if (lectures > 0) {
      if (bySecretary === lectures) clauses.push(`开展支部书记讲党课${secretary}次`)
      else if (bySecretary === 0) clauses.push(`开展党课${n('partyLecture')}次`)
      else clauses.push(`开展党课${n('partyLecture')}次，其中支部书记讲党课${secretary}次`)
    }
    return sentence(clauses)
  },

  orgLifeAndReview(report, w) {
    const clauses: string[] = []
    const orgLife = report.byType.orgLifeMeeting.count.value
    if (orgLife > 0) clauses.push(`召开组织生活会${w('type.orgLifeMeeting', orgLife)}次`)
    const review = report.review
    if (review.sessions.value > 0) {
      clauses.push(`开展民主评议党员${w('type.democraticReview', review.sessions.value)}次`)
      if (review.graded.value > 0) clauses.push(`评议党员${w('review.graded', review.graded.value)}名`)
      if (review.excellent.value > 0) clauses.push(`其中优秀${w('review.excellent', review.excellent.value)}名`)
    }
    return sentence(clauses)
  },

  // '支委班子集中学习12次，全体党员开展集中学习和交流研讨15次，党员人均参学8学时，撰写心得体会50篇。' (docs/domain.md)
  // Records without a scope (older ones) read as before, '开展集中学习N次'. 学时 are per member: the average from the
  // sheets when every session has one, else what a full attender earned.
  study(report, w) {
    const sessions = report.study.sessions.value
    if (sessions === 0) return null
    const clauses = studySessionClauses(report, w)
    const reflections = report.study.reflections.value
    const perMember = report.study.hoursPerMember
    const total = report.study.creditHours.value
    if (perMember && perMember.value > 0) clauses.push(`党员人均参学${w('study.hoursPerMember', perMember.value)}学时`)
    else if (total > 0) clauses.push(`全勤党员每人累计${w('study.creditHours', total)}学时`)
    if (reflections > 0) clauses.push(`撰写心得体会${w('study.reflections', reflections)}篇`)
    return sentence(clauses)
  },

  // '组织党员干部观看警示教育视频3次、参观警示教育基地2次，宣讲廉政党课1次，传达警示教育通报11期。'
  warningEducation(report, w) {
    const n = report.byType.warningEducation.count.value
    if (n === 0) return null
    const kinds = report.warningEducation
    const specified = WARNING_KIND_IDS.reduce((sum, k) => sum + kinds[k].value, 0)
    const unspecified = n - specified
    if (specified === 0) return `开展警示教育${w('type.warningEducation', n)}次。`
    const clause = (k: WarningKind) => `${WARNING_KINDS[k].phrase}${w(`warning.${k}`, kinds[k].value)}${WARNING_KINDS[k].unit}`
    const viewing = (['video', 'base'] as const).filter((k) => kinds[k].value > 0).map(clause)
    const clauses = viewing.length > 0 ? [`组织党员干部${viewing.join('、')}`] : []
    for (const k of ['lecture', 'bulletin'] as const) if (kinds[k].value > 0) clauses.push(clause(k))
    if (unspecified > 0) clauses.push(`开展其他警示教育${w('warning.unspecified', unspecified)}次`)
    return sentence(clauses)
  },

  heartTalk(report, w) {
    const persons = report.heartTalk.persons.value
    if (persons === 0) return null
    const objects = report.heartTalk.objects
    const n = w('heartTalk.persons', persons)
    if (objects.length === 0) return `开展谈心谈话${n}人次。`
    return `与${joinObjects(objects)}开展${objects.length > 1 ? '各类' : ''}谈心谈话${n}人次。`
  },

  volunteer(report, w) {
    const v = report.volunteer
    if (v.events.value === 0) return null
    const clauses = [`全年共开展志愿服务${w('type.volunteer', v.events.value)}次`]
    if (v.participants.value > 0) clauses.push(`参与党员群众${w('volunteer.participants', v.participants.value)}人次`)
    if (v.hours.value > 0) clauses.push(`累计服务时长${w('volunteer.hours', v.hours.value)}小时`)
    if (v.beneficiaries.value > 0) clauses.push(`惠及群众${w('volunteer.beneficiaries', v.beneficiaries.value)}人次`)
    return sentence(clauses)
  },

  other(report, w) {
    const n = report.byType.other.count.value
    return n > 0 ? `开展其他活动${w('type.other', n)}次。` : null
  },

  // One short sentence: '党员参加组织生活平均参会率95%。' or '党员大会、支委会平均参会率分别为95%、100%。'
  attendance(report, w, o) {
    const cited: { label: string; text: string }[] = []
    for (const choice of o.attendanceRates ?? DEFAULT_ATTENDANCE_RATES) {
      const figures = choice === 'overall' ? report.attendance.overall : report.attendance.byType[choice]
      if (!figures || figures.rate === null) continue
      const value = wholePercent(figures.rate)
      cited.push({ label: attendanceRateLabel(choice), text: `${w(`attendance.${choice}`, value)}%` })
    }
    if (cited.length === 0) return null
    if (cited.length === 1) return `${cited[0]!.label}平均参会率${cited[0]!.text}。`
    return `${cited.map((c) => c.label).join('、')}平均参会率分别为${cited.map((c) => c.text).join('、')}。`
  },
}

const SENTENCE_ORDER: readonly ReportSentenceKey[] = [
  'organizationLife', 'orgLifeAndReview', 'attendance', 'study', 'warningEducation', 'heartTalk', 'volunteer', 'other',
]

/** The counted sentences with a number, without opener, numbers written by `writer`. */
export function reportSentences(
  report: YearReport, options: ReportTextOptions = {}, writer: FigureWriter = plainFigures,
): ReportSentence[] {
  const out: ReportSentence[] = []
  for (const key of SENTENCE_ORDER) {
    const text = SENTENCES[key](report, writer, options)
    if (text !== null) out.push({ key, text })
  }
  return out
}

/** The opener the options ask for, for this report's year. */
export function openerOf(report: YearReport, options: ReportTextOptions): string {
  if (options.opener !== undefined) return options.opener
  return reportOpener(report.year, options.currentYear ?? yearOf(chinaDateOf()), options.openerChoice)
}

export function composeReportText(report: YearReport, options: ReportTextOptions = {}): ReportText {
  const sentences = reportSentences(report, options)
  const first = sentences[0]
  if (first) first.text = `${openerOf(report, options)}${first.text}`

  const paragraphs = options.sentencePerParagraph
    ? sentences.map((s) => s.text)
    : PARAGRAPH_GROUPS
      .map((group) => sentences.filter((s) => group.includes(s.key)).map((s) => s.text).join(''))
      .filter((p) => p.length > 0)
  return { sentences, paragraphs, text: paragraphs.join('\n') }
}
