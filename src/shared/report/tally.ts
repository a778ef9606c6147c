// A branch's year as numbers that add up across branches, so a committee's totals are summed from its branches'
// tallies instead of compiling every record of every branch again (the server keeps one tally per branch and
// branch version: services/report-branches.ts). Summing gives the figures compileYearReport gives over all the
// branches' records together: counts and amounts add, rates are recomputed from the summed 应到 and 实到, 学时 per
// member from the summed person-hours over the union of the members. A tally holds no record ids: each figure's
// records are listed by its branch's own report.
import { roundAmount, type Figure } from './figure'
import { emptyAttendance, finishAttendance } from './attendance'
import { emptyYearReport } from './compile'
import { listReportFigures, type ReportFigureEntry } from './figure-list'
import type { StudyHoursParts } from './study-hours'
import type { AttendanceFigures, YearReport } from './types'

export interface YearTally {
  /**
   * every figure's value and every attendance count that is not zero: amounts[i] at the path in YearReport
   * numbered paths[i] (pathName gives 'byType/study/count'); typed arrays, as a server keeps thousands of tallies
   */
  paths: Uint16Array
  amounts: Float64Array
  studyHours: StudyHoursParts
}

/** A figure of the totals: what listReportFigures lists, without record ids. */
export type FigureValue = Omit<ReportFigureEntry, 'recordIds'>

/** Parts of a report that are not sums: the year, rates, per-member rows, 谈话对象 and 学时 per member (from studyHours). */
const NOT_SUMMED = new Set(['year', 'rate', 'byMember', 'objects', 'hoursPerMember'])
/** Attendance counts, summed beside the figures. */
const COUNTS = new Set(['expected', 'present', 'leave', 'absent'])

function isFigure(value: unknown): value is Figure {
  return typeof value === 'object' && value !== null && Array.isArray((value as Figure).recordIds)
}

/** Paths met so far, numbered in the order met (a report has a few hundred). */
const pathNumbers = new Map<string, number>()
const pathNames: string[] = []

function pathNumber(path: string): number {
  let n = pathNumbers.get(path)
  if (n === undefined) {
    n = pathNames.push(path) - 1
    pathNumbers.set(path, n)
  }
  return n
}

/** The path in YearReport of a tally's paths[i]. */
export function pathName(n: number): string {
  return pathNames[n]!
}

function collect(node: object, path: string, paths: number[], amounts: number[]): void {
  for (const [key, value] of Object.entries(node)) {
    if (NOT_SUMMED.has(key) || value === null || value === undefined) continue
    const at = path === '' ? key : `${path}/${key}`
    const amount = isFigure(value) ? value.value : typeof value === 'number' && COUNTS.has(key) ? value : null
    if (amount !== null) {
      if (amount !== 0) {
        paths.push(pathNumber(at))
        amounts.push(amount)
      }
    } else if (typeof value === 'object' && !isFigure(value)) {
      collect(value, at, paths, amounts)
    }
  }
}

/** The tally of one branch's compiled year (compileYearReportParts). */
export function yearTally(report: YearReport, studyHours: StudyHoursParts): YearTally {
  const paths: number[] = []
  const amounts: number[] = []
  collect(report, '', paths, amounts)
  return { paths: Uint16Array.from(paths), amounts: Float64Array.from(amounts), studyHours }
}

const splitPaths = new Map<string, string[]>()

function addAt(report: YearReport, path: string, amount: number): void {
  let keys = splitPaths.get(path)
  if (!keys) splitPaths.set(path, keys = path.split('/'))
  let node = report as unknown as Record<string, unknown>
  for (let i = 0; i < keys.length - 1; i++) {
    const key = keys[i]!
    // per-type attendance exists only for types that had a sheet
    if (node[key] === undefined && i === 2 && keys[0] === 'attendance' && keys[1] === 'byType') node[key] = emptyAttendance()
    node = node[key] as Record<string, unknown>
    if (typeof node !== 'object' || node === null) return
  }
  const last = keys[keys.length - 1]!
  const target = node[last]
  if (isFigure(target)) target.value += amount
  else if (typeof target === 'number') node[last] = target + amount
}

/** The figures of all the tallied branches together, in listReportFigures' order, with its labels and units. */
export function sumYearTallies(year: number, tallies: readonly YearTally[]): FigureValue[] {
  const report = emptyYearReport(year)
  const members = new Set<string>()
  let personHours = 0
  let unsheeted = false
  for (const tally of tallies) {
    for (let i = 0; i < tally.paths.length; i++) addAt(report, pathNames[tally.paths[i]!]!, tally.amounts[i]!)
    personHours += tally.studyHours.personHours
    for (const id of tally.studyHours.memberIds) members.add(id)
    unsheeted ||= tally.studyHours.unsheeted
  }
  report.volunteer.hours.value = roundAmount(report.volunteer.hours.value)
  report.study.creditHours.value = roundAmount(report.study.creditHours.value)
  const sheets: AttendanceFigures[] = [report.attendance.overall, ...report.attendance.byMonth]
  for (const figures of Object.values(report.attendance.byType)) sheets.push(figures)
  for (const figures of sheets) finishAttendance(figures)
  if (!unsheeted && members.size > 0) {
    report.study.hoursPerMember = { value: roundAmount(personHours / members.size), recordIds: [] }
  }
  return listReportFigures(report).map(({ recordIds: _, ...figure }) => figure)
}

/** A tally as plain JSON another process can read: paths by name, since path numbers are each process's own. */
export interface StoredYearTally {
  paths: string[]
  amounts: number[]
  studyHours: StudyHoursParts
}

export function storableTally(tally: YearTally): StoredYearTally {
  return { paths: Array.from(tally.paths, (n) => pathNames[n]!), amounts: Array.from(tally.amounts), studyHours: tally.studyHours }
}

export function tallyFromStored(stored: StoredYearTally): YearTally {
  return {
    paths: Uint16Array.from(stored.paths, pathNumber), amounts: Float64Array.from(stored.amounts), studyHours: stored.studyHours,
  }
}
