// Months and quarters of a year as index helpers, plus their Chinese labels.
import type { RulePeriod } from '../model/settings'
import { monthRange, type ChinaDate } from '../dates'

export const QUARTER_NAMES = ['第一季度', '第二季度', '第三季度', '第四季度'] as const

/** 'YYYY-' prefix of every date in `year`. */
export function yearPrefix(year: number): string {
  return `${String(year).padStart(4, '0')}-`
}

/** Month 1..12 of a 'YYYY-MM-DD' date, without validation (hot path). */
export function monthNumber(date: ChinaDate): number {
  return (date.charCodeAt(5) - 48) * 10 + (date.charCodeAt(6) - 48)
}

export function periodsInYear(period: RulePeriod): number {
  return period === 'month' ? 12 : period === 'quarter' ? 4 : 1
}

/** Index 0-based of the period containing `month` (1..12). */
export function periodIndexOfMonth(period: RulePeriod, month: number): number {
  return period === 'month' ? month - 1 : period === 'quarter' ? Math.floor((month - 1) / 3) : 0
}

/** First and last date of period `index` (0-based) in `year`. */
export function periodRange(year: number, period: RulePeriod, index: number): [ChinaDate, ChinaDate] {
  if (period === 'month') return monthRange(year, index + 1)
  if (period === 'quarter') return [monthRange(year, index * 3 + 1)[0], monthRange(year, index * 3 + 3)[1]]
  return [monthRange(year, 1)[0], monthRange(year, 12)[1]]
}

/** '3月', '第二季度', '2026年' */
export function periodLabel(year: number, period: RulePeriod, index: number): string {
  if (period === 'month') return `${index + 1}月`
  if (period === 'quarter') return QUARTER_NAMES[index] ?? `第${index + 1}季度`
  return `${year}年`
}
