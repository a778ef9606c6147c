// compileYearReport: one pass over a branch's records for a year, yielding every figure the report cites.
import { ACTIVITY_TYPE_IDS, ACTIVITY_TYPES } from '../catalogue'
import { STUDY_SCOPE_IDS, WARNING_KIND_IDS } from '../subKinds'
import type { ActivityRecord } from '../model/activity'
import type { Member } from '../model/member'
import { SPEAKER_ROLE_IDS, TALK_PAIR_IDS } from '../roles'
import { addSheet, AttendanceTally, emptyAttendance, finishAttendance } from './attendance'
import { addToFigure, emptyFigure, emptyFigures, recordOf, roundAmount } from './figure'
import { monthNumber } from './periods'
import { distinctTypes, recordsOfYear } from './select'
import { StudyHoursTally, type StudyHoursParts } from './study-hours'
import { addTalkObject } from './talk-objects'
import type { Figure } from './figure'
import type { AttendanceFigures, StudyScopeFigures, TypeFigures, YearReport } from './types'

export interface YearReportInput {
  /** the branch's records, any years, deleted ones included: the compiler filters */
  records: readonly ActivityRecord[]
  /** the roster, for member names in per-member attendance */
  roster?: readonly Member[]
  /** calendar year in China time */
  year: number
}

function emptyTypeFigures(countsIssues: boolean): TypeFigures {
  return { count: emptyFigure(), issues: countsIssues ? emptyFigure() : null, byMonth: emptyFigures(12), byQuarter: emptyFigures(4) }
}

function emptyScopeFigures(): StudyScopeFigures {
  return { sessions: emptyFigure(), discussion: emptyFigure() }
}

export function emptyYearReport(year: number): YearReport {
  const byType = {} as YearReport['byType']
  for (const t of ACTIVITY_TYPE_IDS) byType[t] = emptyTypeFigures(ACTIVITY_TYPES[t].units.includes('期'))
  return {
    year,
    records: emptyFigure(),
    backfilled: emptyFigure(),
    byType,
    totalByMonth: emptyFigures(12),
    totalByQuarter: emptyFigures(4),
    lecturesBySpeaker: recordOf(SPEAKER_ROLE_IDS, emptyFigure),
    heartTalk: { persons: emptyFigure(), personsByPair: recordOf(TALK_PAIR_IDS, emptyFigure), objects: [] },
    volunteer: { events: emptyFigure(), participants: emptyFigure(), hours: emptyFigure(), beneficiaries: emptyFigure() },
    study: {
      sessions: emptyFigure(), creditHours: emptyFigure(), hoursPerMember: null,
      byScope: {
        committee: emptyScopeFigures(), all: emptyScopeFigures(), unspecified: emptyScopeFigures(),
      } satisfies Record<(typeof STUDY_SCOPE_IDS)[number] | 'unspecified', StudyScopeFigures>,
      reflections: emptyFigure(),
    },
    warningEducation: recordOf([...WARNING_KIND_IDS, 'unspecified'], emptyFigure),
    review: {
      sessions: emptyFigure(), graded: emptyFigure(), excellent: emptyFigure(), qualified: emptyFigure(),
      basicallyQualified: emptyFigure(), unqualified: emptyFigure(),
    },
    attendance: {
      byType: {},
      overall: emptyAttendance(),
      byMonth: Array.from({ length: 12 }, emptyAttendance),
      byMember: [],
    },
  }
}

export function compileYearReport(input: YearReportInput): YearReport {
  return compileYearReportParts(input).report
}

/** The report and the parts of 学时 per member, which a committee's totals add up over branches (tally.ts). */
export function compileYearReportParts(input: YearReportInput): { report: YearReport; studyHours: StudyHoursParts } {
  const report = emptyYearReport(input.year)
  const attendance = new AttendanceTally()
  const studyHours = new StudyHoursTally()
  for (const record of recordsOfYear(input.records, input.year)) {
    addRecord(report, attendance, record)
    if (record.study && record.types.includes('study')) studyHours.add(record)
  }
  finishReport(report)
  report.study.hoursPerMember = studyHours.perMember()
  report.attendance.byMember = attendance.members(input.roster ?? [])
  return { report, studyHours: studyHours.parts() }
}

// Quarters, 期 and the per-section 次 figures are derived in finishReport, not counted here.
function addRecord(report: YearReport, attendance: AttendanceTally, record: ActivityRecord): void {
  const id = record.id
  const monthIndex = monthNumber(record.date) - 1
  addToFigure(report.records, id)
  if (record.backfilled) addToFigure(report.backfilled, id)
  addToFigure(report.totalByMonth[monthIndex]!, id)

  const types = distinctTypes(record.types)
  for (const type of types) {
    const figures = report.byType[type]
    addToFigure(figures.count, id)
    addToFigure(figures.byMonth[monthIndex]!, id)
    addTypeDetails(report, record, type)
  }

  const sheet = record.attendance
  if (sheet && sheet.expected.length > 0) {
    const tally = attendance.sheet(id, sheet)
    addSheet(report.attendance.overall, id, tally)
    addSheet(report.attendance.byMonth[monthIndex]!, id, tally)
    for (const type of types) {
      if (!ACTIVITY_TYPES[type].attendance) continue
      const byType = (report.attendance.byType[type] ??= emptyAttendance())
      addSheet(byType, id, tally)
    }
  }
}

/** Figures only some types carry: 党课 speakers, 谈心谈话 人次, 志愿服务 hours, 学时, 评议 grades. */
function addTypeDetails(report: YearReport, record: ActivityRecord, type: ActivityRecord['types'][number]): void {
  const id = record.id
  switch (type) {
    case 'partyLecture':
      if (record.lecture) addToFigure(report.lecturesBySpeaker[record.lecture.speakerRole], id)
      break
    case 'heartTalk': {
      const persons = record.talk?.personCount ?? 1
      addToFigure(report.heartTalk.persons, id, persons)
      if (record.talk) {
        addToFigure(report.heartTalk.personsByPair[record.talk.pair], id, persons)
        addTalkObject(report.heartTalk.objects, record.talk)
      }
      break
    }
    case 'volunteer': {
      const v = record.volunteer
      if (v && v.participants > 0) addToFigure(report.volunteer.participants, id, v.participants)
      if (v && v.hours > 0) addToFigure(report.volunteer.hours, id, v.hours)
      if (v && v.beneficiaries > 0) addToFigure(report.volunteer.beneficiaries, id, v.beneficiaries)
      break
    }
    case 'study': {
      const s = record.study
      if (s && s.creditHours > 0) addToFigure(report.study.creditHours, id, s.creditHours)
      const scope = report.study.byScope[s?.scope ?? 'unspecified']
      addToFigure(scope.sessions, id)
      if (s?.discussion) addToFigure(scope.discussion, id)
      if (s?.reflections) addToFigure(report.study.reflections, id, s.reflections)
      break
    }
    case 'warningEducation':
      addToFigure(report.warningEducation[record.warning?.kind ?? 'unspecified'], id)
      break
    case 'democraticReview': {
      const review = report.review
      const e = record.evaluation
      if (!e) break
      const graded = e.excellent + e.qualified + e.basicallyQualified + e.unqualified
      if (graded > 0) addToFigure(review.graded, id, graded)
      if (e.excellent > 0) addToFigure(review.excellent, id, e.excellent)
      if (e.qualified > 0) addToFigure(review.qualified, id, e.qualified)
      if (e.basicallyQualified > 0) addToFigure(review.basicallyQualified, id, e.basicallyQualified)
      if (e.unqualified > 0) addToFigure(review.unqualified, id, e.unqualified)
      break
    }
    default:
      break
  }
}

/** Three months make a quarter; a record lies in one month, so concatenating never repeats an id. */
function quartersOf(months: readonly Figure[]): Figure[] {
  const quarters: Figure[] = []
  for (let q = 0; q < 4; q++) {
    const [a, b, c] = [months[q * 3]!, months[q * 3 + 1]!, months[q * 3 + 2]!]
    quarters.push({ value: a.value + b.value + c.value, recordIds: a.recordIds.concat(b.recordIds, c.recordIds) })
  }
  return quarters
}

function finishReport(report: YearReport): void {
  report.totalByQuarter = quartersOf(report.totalByMonth)
  for (const figures of Object.values(report.byType)) {
    figures.byQuarter = quartersOf(figures.byMonth)
    if (figures.issues) figures.issues = { value: figures.count.value, recordIds: figures.count.recordIds }
  }
  report.volunteer.events = { ...report.byType.volunteer.count }
  report.study.sessions = { ...report.byType.study.count }
  report.review.sessions = { ...report.byType.democraticReview.count }
  report.volunteer.hours.value = roundAmount(report.volunteer.hours.value)
  report.study.creditHours.value = roundAmount(report.study.creditHours.value)
  const sheets: AttendanceFigures[] = [report.attendance.overall, ...report.attendance.byMonth]
  for (const figures of Object.values(report.attendance.byType)) sheets.push(figures)
  for (const figures of sheets) finishAttendance(figures)
}
