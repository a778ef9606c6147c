// composeReportText: the 履职情况 sentences in the register of the sample reports, zeros left out.
import type { ActivityTypeId } from '../catalogue'
import { formatAmount } from './format'
import { wholePercent } from './figure-list'
import { ATTENDANCE_LABELS } from './phrases'
import type { YearReport } from './types'

export interface ReportTextOptions {
  /** put before the first sentence; default '今年以来，' */
  opener?: string
  /** 主题党日 counted in 次 (default) or 期 */
  themeDayUnit?: '次' | '期'
  /** meeting types whose average attendance is cited, in this order; [] leaves the sentence out */
  attendanceTypes?: readonly ActivityTypeId[]
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

export const DEFAULT_ATTENDANCE_TYPES: readonly ActivityTypeId[] = [
  'generalMeeting', 'committeeMeeting', 'groupMeeting', 'themeDay', 'partyLecture', 'orgLifeMeeting',
]

/** Sentence groups that make one paragraph each: 组织生活, 学习教育, 谈心与服务, 参会率. */
const PARAGRAPH_GROUPS: readonly (readonly ReportSentenceKey[])[] = [
  ['organizationLife', 'orgLifeAndReview'],
  ['study', 'warningEducation'],
  ['heartTalk', 'volunteer', 'other'],
  ['attendance'],
]

/** Clauses joined by '，' and closed by '。'; null when there are none. */
function sentence(clauses: readonly string[]): string | null {
  return clauses.length > 0 ? `${clauses.join('，')}。` : null
}

function organizationLife(report: YearReport, themeDayUnit: string): string | null {
  const n = (t: ActivityTypeId) => report.byType[t].count.value
  const clauses: string[] = []
  if (n('themeDay') > 0) clauses.push(`组织主题党日活动${n('themeDay')}${themeDayUnit}`)
  if (n('generalMeeting') > 0) clauses.push(`召开支部党员大会${n('generalMeeting')}次`)
  if (n('committeeMeeting') > 0) clauses.push(`召开支委会${n('committeeMeeting')}次`)
  if (n('groupMeeting') > 0) clauses.push(`召开党小组会${n('groupMeeting')}次`)
  const lectures = n('partyLecture')
  const bySecretary = report.lecturesBySpeaker.secretary.value
  if (lectures > 0) {
    if (bySecretary === lectures) clauses.push(`开展支部书记讲党课${bySecretary}次`)
    else if (bySecretary === 0) clauses.push(`开展党课${lectures}次`)
    else clauses.push(`开展党课${lectures}次，其中支部书记讲党课${bySecretary}次`)
  }
  return sentence(clauses)
}

function orgLifeAndReview(report: YearReport): string | null {
  const clauses: string[] = []
  const orgLife = report.byType.orgLifeMeeting.count.value
  if (orgLife > 0) clauses.push(`召开组织生活会${orgLife}次`)
  const review = report.review
  if (review.sessions.value > 0) {
    clauses.push(`开展民主评议党员${review.sessions.value}次`)
    if (review.graded.value > 0) clauses.push(`评议党员${review.graded.value}名`)
    if (review.excellent.value > 0) clauses.push(`其中优秀${review.excellent.value}名`)
  }
  return sentence(clauses)
}

function study(report: YearReport): string | null {
  const sessions = report.study.sessions.value
  if (sessions === 0) return null
  const hours = report.study.creditHours.value
  return sentence([`开展集中学习${sessions}次`, ...(hours > 0 ? [`累计${formatAmount(hours)}学时`] : [])])
}

function warningEducation(report: YearReport): string | null {
  const n = report.byType.warningEducation.count.value
  return n > 0 ? `开展警示教育${n}次。` : null
}

function heartTalk(report: YearReport): string | null {
  const persons = report.heartTalk.persons.value
  return persons > 0 ? `开展谈心谈话${persons}人次。` : null
}

function volunteer(report: YearReport): string | null {
  const v = report.volunteer
  if (v.events.value === 0) return null
  const clauses = [`全年共开展志愿服务${v.events.value}次`]
  if (v.participants.value > 0) clauses.push(`参与党员群众${v.participants.value}人次`)
  if (v.hours.value > 0) clauses.push(`累计服务时长${formatAmount(v.hours.value)}小时`)
  if (v.beneficiaries.value > 0) clauses.push(`惠及群众${v.beneficiaries.value}人次`)
  return sentence(clauses)
}

function other(report: YearReport): string | null {
  const n = report.byType.other.count.value
  return n > 0 ? `开展其他活动${n}次。` : null
}

function attendance(report: YearReport, types: readonly ActivityTypeId[]): string | null {
  const clauses: string[] = []
  for (const t of types) {
    const rate = report.attendance.byType[t]?.rate
    if (rate === undefined || rate === null) continue
    clauses.push(`${ATTENDANCE_LABELS[t]}平均参会率${wholePercent(rate)}%`)
  }
  return sentence(clauses)
}

export function composeReportText(report: YearReport, options: ReportTextOptions = {}): ReportText {
  const candidates: [ReportSentenceKey, string | null][] = [
    ['organizationLife', organizationLife(report, options.themeDayUnit ?? '次')],
    ['orgLifeAndReview', orgLifeAndReview(report)],
    ['study', study(report)],
    ['warningEducation', warningEducation(report)],
    ['heartTalk', heartTalk(report)],
    ['volunteer', volunteer(report)],
    ['other', other(report)],
    ['attendance', attendance(report, options.attendanceTypes ?? DEFAULT_ATTENDANCE_TYPES)],
  ]
  const sentences: ReportSentence[] = []
  for (const [key, text] of candidates) if (text !== null) sentences.push({ key, text })
  const first = sentences[0]
  if (first) first.text = `${options.opener ?? '今年以来，'}${first.text}`

  const paragraphs = options.sentencePerParagraph
    ? sentences.map((s) => s.text)
    : PARAGRAPH_GROUPS
      .map((group) => sentences.filter((s) => group.includes(s.key)).map((s) => s.text).join(''))
      .filter((p) => p.length > 0)
  return { sentences, paragraphs, text: paragraphs.join('\n') }
}
