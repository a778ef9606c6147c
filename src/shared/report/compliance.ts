// checkCompliance: each enabled frequency rule of the branch against one year, period by period.
import { daysBetween, type ChinaDate } from '../dates'
import type { ActivityRecord } from '../model/activity'
import { RULE_PERIOD_NAMES } from '../model/rulePeriods'
import type { FrequencyRule } from '../model/settings'
import { monthNumber, periodIndexOfMonth, periodLabel, periodRange, periodsInYear } from './periods'
import { ruleSubject, ruleUnit } from './phrases'
import { ruleScopes, ruleWeight } from './rule-count'
import { recordsOfYear } from './select'
import { isUntracked } from './tracking'
import { DEFAULT_DUE_SOON_DAYS, type DueSoonWindow } from './due-soon'
import { isPlannedRecord } from '../model/planned'

/**
 * met: enough records, whenever the period falls. missed: over and short. due: contains today and short.
 * upcoming: not started yet and short. untracked: short, but it ended before the branch started keeping its
 * ledger in this app (`since`): not checked, never counted as missed. planned: short of held records, not over,
 * and the branch's plan (计划 records, model/planned.ts) makes up the rest — planned, not met.
 */
export type PeriodState = 'met' | 'missed' | 'due' | 'upcoming' | 'untracked' | 'planned'

export interface PeriodCompliance {
  /** 0-based: month 0..11, quarter 0..3, year 0 */
  index: number
  label: string
  start: ChinaDate
  end: ChinaDate
  /** 次 (人次 for 谈心谈话) counted toward the rule */
  count: number
  recordIds: string[]
  /** 次 planned (计划 records) in the period, never part of `count` */
  planned: number
  plannedIds: string[]
  state: PeriodState
}

export interface RuleCompliance {
  rule: FrequencyRule
  /** the 党小组 this check is for (a per-group rule in a branch with groups), null for the whole branch */
  group: string | null
  /** unique within a report: the rule id, or 'rule-id:党小组' for a per-group check */
  key: string
  /** '支委会每月至少1次', per group '第一党小组：党小组会每月至少1次' */
  label: string
  periods: PeriodCompliance[]
  missed: PeriodCompliance[]
  upcoming: PeriodCompliance[]
  /** periods that ended before `since` and are short: not checked */
  untracked: PeriodCompliance[]
  /** the period containing today, if today is in the year */
  current: PeriodCompliance | null
  /** the current period when it is short and ends within the warning window */
  dueSoon: { period: PeriodCompliance; daysLeft: number } | null
}

export interface ComplianceReport {
  year: number
  today: ChinaDate
  /** the day checking started (options.since), null when every period is checked */
  since: ChinaDate | null
  rules: RuleCompliance[]
  /** periods missed over all rules (untracked ones are not missed) */
  missedCount: number
  /** periods not checked over all rules because they ended before `since` */
  untrackedCount: number
}

export interface ComplianceOptions {
  /**
   * The day the branch started keeping its ledger in this app (effectiveTrackingSince). A period that ended
   * before it is 'untracked' unless met; the period containing it is judged normally. Undefined: judge all.
   */
  since?: ChinaDate | undefined
  /**
   * The branch's 党小组 (BranchSettings.groups). A per-group rule (rulePerGroup) is checked once per group,
   * counting only records of that group. Undefined or empty: every rule is checked for the whole branch.
   */
  groups?: readonly string[] | undefined
}

export { DEFAULT_DUE_SOON_DAYS, type DueSoonWindow } from './due-soon'

/** '支委会每月至少1次'; for one 党小组 '第一党小组：党小组会每月至少1次'. */
export function ruleLabel(rule: FrequencyRule, group: string | null = null): string {
  const label = `${ruleSubject(rule)}${RULE_PERIOD_NAMES[rule.period]}至少${rule.min}${ruleUnit(rule)}`
  return group === null ? label : `${group}：${label}`
}

export function periodState(
  count: number, min: number, start: ChinaDate, end: ChinaDate, today: ChinaDate, since?: ChinaDate,
): PeriodState {
  if (count >= min) return 'met'
  if (isUntracked(end, since)) return 'untracked'
  if (end < today) return 'missed'
  if (start > today) return 'upcoming'
  return 'due'
}

export function checkCompliance(
  records: readonly ActivityRecord[],
  rules: readonly FrequencyRule[],
  year: number,
  today: ChinaDate,
  dueSoonDays: DueSoonWindow = DEFAULT_DUE_SOON_DAYS,
  options: ComplianceOptions = {},
): ComplianceReport {
  const since = options.since
  const enabled = rules.filter((r) => r.enabled)
  const wanted = new Set(enabled.map((r) => r.type))
  const ofYear = recordsOfYear(records, year).filter((r) => r.types.some((t) => wanted.has(t)))
  const prefix = `${String(year).padStart(4, '0')}-`
  const plannedOfYear = records.filter((r) => isPlannedRecord(r) && r.date.startsWith(prefix) && r.types.some((t) => wanted.has(t)))
  const results = ruleScopes(enabled, options.groups)
    .map(({ rule, group }) => checkRule(rule, group, ofYear, year, today, dueSoonDays, since, plannedOfYear))
  const missedCount = results.reduce((sum, r) => sum + r.missed.length, 0)
  const untrackedCount = results.reduce((sum, r) => sum + r.untracked.length, 0)
  return { year, today, since: since ?? null, rules: results, missedCount, untrackedCount }
}

function checkRule(
  rule: FrequencyRule, group: string | null, records: readonly ActivityRecord[], year: number, today: ChinaDate, window: DueSoonWindow,
  since: ChinaDate | undefined, plannedRecords: readonly ActivityRecord[] = [],
): RuleCompliance {
  const periods: PeriodCompliance[] = []
  for (let index = 0; index < periodsInYear(rule.period); index++) {
    const [start, end] = periodRange(year, rule.period, index)
    periods.push({ index, label: periodLabel(year, rule.period, index), start, end, count: 0, recordIds: [], planned: 0, plannedIds: [], state: 'met' })
  }
  for (const record of records) {
    const weight = ruleWeight(rule, record, group)
    if (weight === 0) continue
    const period = periods[periodIndexOfMonth(rule.period, monthNumber(record.date))]!
    period.count += weight
    period.recordIds.push(record.id)
  }
  for (const record of plannedRecords) {
    const weight = plannedWeight(rule, record, group)
    if (weight === 0) continue
    const period = periods[periodIndexOfMonth(rule.period, monthNumber(record.date))]!
    period.planned += weight
    period.plannedIds.push(record.id)
  }
  for (const p of periods) {
    p.state = periodState(p.count, rule.min, p.start, p.end, today, since)
    if ((p.state === 'due' || p.state === 'upcoming') && p.count + p.planned >= rule.min) p.state = 'planned'
  }
  const current = periods.find((p) => p.start <= today && today <= p.end) ?? null
  let dueSoon: RuleCompliance['dueSoon'] = null
  if (current && current.state === 'due') {
    const daysLeft = daysBetween(today, current.end)
    if (daysLeft <= window[rule.period]) dueSoon = { period: current, daysLeft }
  }
  return {
    rule,
    group,
    key: group === null ? rule.id : `${rule.id}:${group}`,
    label: ruleLabel(rule, group),
    periods,
    missed: periods.filter((p) => p.state === 'missed'),
    upcoming: periods.filter((p) => p.state === 'upcoming'),
    untracked: periods.filter((p) => p.state === 'untracked'),
    current,
    dueSoon,
  }
}

/**
 * What a planned record adds toward a rule. A plan has no speaker or talk details yet: a rule on 书记讲党课 or one
 * pair of 谈心谈话 takes the plan when it says nothing either way.
 */
function plannedWeight(rule: FrequencyRule, record: ActivityRecord, group: string | null): number {
  const filled: ActivityRecord = {
    ...record,
    lecture: record.lecture ?? (rule.speakerRole ? { speaker: '', speakerRole: rule.speakerRole } : undefined),
    talk: record.talk ?? (rule.talkPair ? { talker: '', target: '', pair: rule.talkPair, mode: '当面', personCount: 1 } : undefined),
  }
  return ruleWeight(rule, filled, group)
}
