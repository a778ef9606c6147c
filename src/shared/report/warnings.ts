// Home-screen reminders for "today": what the current month / quarter / year still lacks, most urgent first,
// then what the period just ended has no record of (so it can be held late or 补录).
import { addDays, daysBetween, monthOf, yearOf, type ChinaDate } from '../dates'
import type { ActivityRecord } from '../model/activity'
import type { FrequencyRule, RulePeriod } from '../model/settings'
import { DEFAULT_DUE_SOON_DAYS, type DueSoonWindow } from './due-soon'
import { periodIndexOfMonth, periodRange } from './periods'
import { LAST_PERIOD, notYetPhrase, PERIOD_END, ruleSubject, THIS_PERIOD, ruleUnit } from './phrases'
import { partyGroupNames, ruleScopes, ruleWeight } from './rule-count'
import { isUntracked } from './tracking'

export type WarningLevel = 'due' | 'missed'

export interface HomeWarning {
  ruleId: string
  /** the 党小组 the warning is about (a per-group rule in a branch with groups), null for the whole branch */
  group: string | null
  level: WarningLevel
  /** '本季度尚未召开支部党员大会' */
  message: string
  /** '距季度末还有12天' or '如已召开，请补录' */
  detail: string
  /** days left in the current period (0 = today is the last day); negative days since a missed period ended */
  daysLeft: number
  start: ChinaDate
  end: ChinaDate
  count: number
  min: number
}

export interface HomeWarningOptions {
  /** warn about a short current period this many days before it ends */
  dueSoonDays?: DueSoonWindow
  /** keep telling about a missed period this many days after it ended */
  missedForDays?: number
  /**
   * The day the branch started keeping its ledger in this app (effectiveTrackingSince): a period that ended
   * before it is never reported. Undefined: every period is.
   */
  since?: ChinaDate | undefined
  /**
   * The branch's 党小组 (BranchSettings.groups): a per-group rule warns for each group that is short, counting
   * only that group's records ('本月第二党小组尚未召开党小组会'). Undefined or empty: the whole branch.
   */
  groups?: readonly string[] | undefined
}

interface PeriodWindow {
  start: ChinaDate
  end: ChinaDate
}

function periodContaining(date: ChinaDate, period: RulePeriod): PeriodWindow {
  const year = yearOf(date)
  const [start, end] = periodRange(year, period, periodIndexOfMonth(period, monthOf(date)))
  return { start, end }
}

function countInWindow(
  rule: FrequencyRule, group: string | null, records: readonly ActivityRecord[], window: PeriodWindow,
): number {
  let count = 0
  for (const record of records) {
    if (record.date < window.start || record.date > window.end) continue
    count += ruleWeight(rule, record, group)
  }
  return count
}

/** Records `rule` would count for the whole branch that name none of the branch's 党小组 (so count for no group). */
function ungroupedInWindow(
  rule: FrequencyRule, groups: readonly string[], records: readonly ActivityRecord[], window: PeriodWindow,
): number {
  let count = 0
  for (const record of records) {
    if (record.date < window.start || record.date > window.end) continue
    if (ruleWeight(rule, record) > 0 && !groups.includes(record.partyGroup?.trim() ?? '')) count++
  }
  return count
}

/** '；另有1条党小组会记录未选党小组' when a per-group check cannot count some records, else ''. */
function ungroupedNote(rule: FrequencyRule, group: string | null, groups: readonly string[],
  records: readonly ActivityRecord[], window: PeriodWindow): string {
  if (group === null) return ''
  const n = ungroupedInWindow(rule, groups, records, window)
  return n > 0 ? `；另有${n}条${ruleSubject(rule)}记录未选党小组` : ''
}

export function homeWarnings(
  records: readonly ActivityRecord[],
  rules: readonly FrequencyRule[],
  today: ChinaDate,
  options: HomeWarningOptions = {},
): HomeWarning[] {
  const dueSoonDays = options.dueSoonDays ?? DEFAULT_DUE_SOON_DAYS
  const missedForDays = options.missedForDays ?? 31
  const since = options.since
  // only records that can matter: from the start of last year on
  const earliest = `${String(yearOf(today) - 1).padStart(4, '0')}-01-01`
  // held records only: a plan (计划, model/planned.ts) is not yet done
  const live = records.filter((r) => !r.deleted && r.planned !== true && r.date >= earliest)
  const due: HomeWarning[] = []
  const missed: HomeWarning[] = []
  const groups = partyGroupNames(options.groups)
  for (const { rule, group } of ruleScopes(rules.filter((r) => r.enabled), groups)) {
    // '本月' → '本月第二党小组': the period words carry the group, so every phrase below names it
    const whose = group ?? ''
    const current = periodContaining(today, rule.period)
    if (isUntracked(current.end, since)) continue
    const daysLeft = daysBetween(today, current.end)
    const countNow = countInWindow(rule, group, live, current)
    if (countNow < rule.min && daysLeft <= dueSoonDays[rule.period]) {
      due.push({
        ruleId: rule.id, group, level: 'due', message: shortMessage(`${THIS_PERIOD[rule.period]}${whose}`, rule, countNow),
        detail: (daysLeft === 0 ? `今天是${PERIOD_END[rule.period]}最后一天` : `距${PERIOD_END[rule.period]}还有${daysLeft}天`)
          + ungroupedNote(rule, group, groups, live, current),
        daysLeft, start: current.start, end: current.end, count: countNow, min: rule.min,
      })
    }
    const previous = periodContaining(addDays(current.start, -1), rule.period)
    const sinceEnd = daysBetween(previous.end, today)
    if (sinceEnd > missedForDays || isUntracked(previous.end, since)) continue
    const countBefore = countInWindow(rule, group, live, previous)
    if (countBefore < rule.min) {
      missed.push({
        ruleId: rule.id, group, level: 'missed',
        message: countBefore === 0
          ? `${LAST_PERIOD[rule.period]}${whose}没有${ruleSubject(rule)}记录`
          : `${LAST_PERIOD[rule.period]}${whose}${ruleSubject(rule)}${countBefore}${ruleUnit(rule)}，少于要求的${rule.min}${ruleUnit(rule)}`,
        detail: `如已开展，请补录${ungroupedNote(rule, group, groups, live, previous)}`,
        daysLeft: -sinceEnd, start: previous.start, end: previous.end, count: countBefore, min: rule.min,
      })
    }
  }
  due.sort((a, b) => a.daysLeft - b.daysLeft)
  missed.sort((a, b) => b.daysLeft - a.daysLeft)
  return [...due, ...missed]
}

/** '本月尚未召开支委会', or when some were held '本月支委会1次，还差1次'. */
function shortMessage(period: string, rule: FrequencyRule, count: number): string {
  if (count === 0) return notYetPhrase(period, rule)
  return `${period}${ruleSubject(rule)}${count}${ruleUnit(rule)}，还差${rule.min - count}${ruleUnit(rule)}`
}
