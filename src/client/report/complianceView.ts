// How the compliance calendar shows a period: a word for its state (never colour alone) and where it sits in a
// 6 × 2 grid of months, so quarterly and yearly rules span the months they cover.
import type { PeriodCompliance, PeriodState, RuleCompliance } from '@shared/report'
import type { RulePeriod } from '@shared/model/settings'

export const STATE_WORDS: Readonly<Record<PeriodState, string>> = { met: '完成', missed: '缺', due: '待办', upcoming: '未到' }
export const STATE_MEANINGS: Readonly<Record<PeriodState, string>> = {
  met: '已达到要求', missed: '已过去，没达到要求', due: '就是本期，还没达到要求', upcoming: '还没到',
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
