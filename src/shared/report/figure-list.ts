// The report's figures as one flat, labelled list: figure cards, the committee table and the
// "what changed since your edited text" diff all read it.
import { ACTIVITY_TYPE_IDS, ACTIVITY_TYPES, type CountUnit } from '../catalogue'
import { STUDY_SCOPE_NAMES, WARNING_KIND_IDS, WARNING_KINDS } from '../subKinds'
import { SPEAKER_ROLE_IDS, SPEAKER_ROLE_NAMES, TALK_PAIR_IDS, TALK_PAIR_NAMES } from '../roles'
import type { Figure } from './figure'
import type { YearReport } from './types'

export type FigureUnit = CountUnit | '%'

export interface ReportFigureEntry {
  /** stable key, e.g. 'type.committeeMeeting', 'volunteer.hours', 'attendance.generalMeeting' */
  key: string
  /** Chinese label, e.g. '支委会' */
  label: string
  unit: FigureUnit
  value: number
  recordIds: string[]
}

/** key → value, small enough to store beside the secretary's edited text. */
export type ReportFigureSnapshot = Record<string, number>

function entry(key: string, label: string, unit: FigureUnit, figure: Figure): ReportFigureEntry {
  return { key, label, unit, value: figure.value, recordIds: figure.recordIds }
}

/** Every figure of the report, zeros included, in a fixed order. Attendance rates are whole percents. */
export function listReportFigures(report: YearReport): ReportFigureEntry[] {
  const out: ReportFigureEntry[] = [entry('records', '活动总数', '次', report.records)]
  for (const t of ACTIVITY_TYPE_IDS) {
    if (t === 'heartTalk') continue // counted in 人次 below
    out.push(entry(`type.${t}`, ACTIVITY_TYPES[t].name, '次', report.byType[t].count))
  }
  for (const role of SPEAKER_ROLE_IDS) {
    out.push(entry(`lecture.${role}`, `${SPEAKER_ROLE_NAMES[role]}讲党课`, '次', report.lecturesBySpeaker[role]))
  }
  out.push(entry('heartTalk.persons', '谈心谈话', '人次', report.heartTalk.persons))
  for (const pair of TALK_PAIR_IDS) {
    out.push(entry(`heartTalk.${pair}`, `谈心谈话（${TALK_PAIR_NAMES[pair]}）`, '人次', report.heartTalk.personsByPair[pair]))
  }
  out.push(
    entry('volunteer.participants', '志愿服务参与', '人次', report.volunteer.participants),
    entry('volunteer.hours', '志愿服务时长', '小时', report.volunteer.hours),
    entry('volunteer.beneficiaries', '志愿服务惠及群众', '人次', report.volunteer.beneficiaries),
    entry('study.creditHours', '集中学习全勤累计学时', '学时', report.study.creditHours),
    ...(report.study.hoursPerMember ? [entry('study.hoursPerMember', '集中学习人均学时', '学时', report.study.hoursPerMember)] : []),
    entry('review.graded', '评议党员', '名', report.review.graded),
    entry('review.excellent', '评议优秀', '名', report.review.excellent),
  )
  out.push(...subKindFigures(report))
  const overall = report.attendance.overall
  if (overall.rate !== null) {
    out.push({
      key: 'attendance.overall', label: '平均参会率', unit: '%',
      value: wholePercent(overall.rate), recordIds: overall.meetings.recordIds,
    })
  }
  for (const t of ACTIVITY_TYPE_IDS) {
    const a = report.attendance.byType[t]
    if (!a || a.rate === null) continue
    out.push({
      key: `attendance.${t}`, label: `${ACTIVITY_TYPES[t].name}参会率`, unit: '%',
      value: wholePercent(a.rate), recordIds: a.meetings.recordIds,
    })
  }
  return out
}

/**
 * 学习 by scope, 交流研讨, 心得体会 and 警示教育 by form (the keys the text cites, text.ts). Records without a sub-kind
 * are listed only when they are cited beside records with one (else the type's own count stands for them).
 */
function subKindFigures(report: YearReport): ReportFigureEntry[] {
  const out: ReportFigureEntry[] = []
  const { byScope } = report.study
  for (const scope of ['committee', 'all'] as const) {
    out.push(
      entry(`study.${scope}`, STUDY_SCOPE_NAMES[scope], '次', byScope[scope].sessions),
      entry(`study.${scope}.discussion`, `${STUDY_SCOPE_NAMES[scope]}（交流研讨）`, '次', byScope[scope].discussion),
    )
  }
  const scoped = byScope.committee.sessions.value + byScope.all.sessions.value > 0
  if (scoped && byScope.unspecified.sessions.value > 0) out.push(entry('study.unspecified', '集中学习（未注明范围）', '次', byScope.unspecified.sessions))
  if (byScope.unspecified.discussion.value > 0) out.push(entry('study.unspecified.discussion', '集中学习（交流研讨）', '次', byScope.unspecified.discussion))
  out.push(entry('study.reflections', '心得体会', '篇', report.study.reflections))
  const warning = report.warningEducation
  for (const kind of WARNING_KIND_IDS) out.push(entry(`warning.${kind}`, WARNING_KINDS[kind].name, WARNING_KINDS[kind].unit, warning[kind]))
  const specified = WARNING_KIND_IDS.some((k) => warning[k].value > 0)
  if (specified && warning.unspecified.value > 0) out.push(entry('warning.unspecified', '其他警示教育', '次', warning.unspecified))
  return out
}

export function snapshotReportFigures(report: YearReport): ReportFigureSnapshot {
  const out: ReportFigureSnapshot = {}
  for (const f of listReportFigures(report)) out[f.key] = f.value
  return out
}

/**
 * A rate as a whole percent for display. Never rounds up to 100 when someone was missing,
 * nor down to 0 when someone came.
 */
export function wholePercent(rate: number): number {
  const rounded = Math.round(rate * 100)
  if (rounded === 100 && rate < 1) return 99
  if (rounded === 0 && rate > 0) return 1
  return rounded
}
