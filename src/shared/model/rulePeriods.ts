// Rule periods, free of the schema library.
export const RULE_PERIODS = ['month', 'quarter', 'year'] as const
export type RulePeriod = (typeof RULE_PERIODS)[number]
export const RULE_PERIOD_NAMES: Readonly<Record<RulePeriod, string>> = { month: '每月', quarter: '每季度', year: '每年' }
