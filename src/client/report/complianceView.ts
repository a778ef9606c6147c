// How the compliance calendar shows a period: a word for its state (never colour alone) and where it sits in a
// 6 × 2 grid of months, so quarterly and yearly rules span the months they cover.
import type { ComplianceReport, PeriodCompliance, PeriodState, RuleCompliance } from '@shared/report'
import type { RulePeriod } from '@shared/model/settings'

export const STATE_WORDS: Readonly<Record<PeriodState, string>> = {
  met: '完成', missed: '缺', due: '待办', upcoming: '未到', untracked: '未启用', planned: '已计划',
}
export const STATE_MEANINGS: Readonly<Record<PeriodState, string>> = {
  met: '已达到要求', missed: '已过去，没达到要求', due: '就是本期，还没达到要求', upcoming: '还没到',
  untracked: '本应用开始记录之前，不作检查', planned: '已列入计划，开展后才算完成',
}

/** '11月10日', or '2025年11月10日' when `since` is not in `year`. */
export function sinceLabel(since: string, year: number): string {
  const [y, m, d] = since.split('-').map(Number) as [number, number, number]
  return `${y === year ? '' : `${y}年`}${m}月${d}日`
}

/**
 * When some period of the year is not checked, the day checking started as the note names it ('11月10日'),
 * else null. The calendar says: 本应用自X月X日开始记录，此前的月份不作检查；如需补录，可在支部设置中修改开始日期。
 */
export function untrackedSince(compliance: ComplianceReport): string | null {
  if (compliance.untrackedCount === 0 || compliance.since === null) return null
  return sinceLabel(compliance.since, compliance.year)
}

/** CSS grid placement of period `index` of a rule of `period`, in a grid of 6 columns and 2 rows. */
export function periodPlacement(period: RulePeriod, index: number): { gridRow: string; gridColumn: string } {
  if (period === 'month') return { gridRow: String(Math.floor(index / 6) + 1), gridColumn: String((index % 6) + 1) }
  if (period === 'quarter') return { gridRow: String(Math.floor(index / 2) + 1), gridColumn: `${(index % 2) * 3 + 1} / span 3` }
  return { gridRow: '1 / span 2', gridColumn: '1 / span 6' }
}

/** Short label inside a cell: '3月', '一季度', '全年' */
export function shortPeriodLabel(period: RulePeriod, p: PeriodCompliance): string {
  if (period === 'quarter') return p.label.replace('第', '')
  if (period === 'year') return '全年'
  return p.label
}

/** '支委会 3月、5月；支部党员大会 第二季度' */
export function missedSummary(rules: readonly RuleCompliance[]): string[] {
  return rules.filter((r) => r.missed.length > 0).map((r) => `${r.label}：${r.missed.map((p) => p.label).join('、')}`)
}
