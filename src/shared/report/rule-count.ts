// Which records a frequency rule counts, and how much each is worth.
import type { ActivityRecord } from '../model/activity'
import type { FrequencyRule } from '../model/settings'

/**
 * Whether `rule` is checked once per 党小组. An explicit `perGroup` decides; a rule without the flag (a branch's
 * copy of the rules saved before it existed) is per group when it counts 党小组会, which are held per group.
 */
export function rulePerGroup(rule: Pick<FrequencyRule, 'type' | 'perGroup'>): boolean {
  return rule.perGroup ?? rule.type === 'groupMeeting'
}

/** The branch's 党小组 names as rules are checked against them: trimmed, blanks and repeats dropped. */
export function partyGroupNames(groups: readonly string[] | undefined): string[] {
  const out: string[] = []
  for (const g of groups ?? []) {
    const name = g.trim()
    if (name && !out.includes(name)) out.push(name)
  }
  return out
}

/**
 * One check of a rule: the rule for the whole branch (group null), or a per-group rule for one 党小组. With no
 * groups configured a per-group rule is checked for the whole branch.
 */
export interface RuleScope {
  rule: FrequencyRule
  group: string | null
}

export function ruleScopes(rules: readonly FrequencyRule[], groups: readonly string[] | undefined): RuleScope[] {
  const names = partyGroupNames(groups)
  const scopes: RuleScope[] = []
  for (const rule of rules) {
    if (names.length > 0 && rulePerGroup(rule)) for (const group of names) scopes.push({ rule, group })
    else scopes.push({ rule, group: null })
  }
  return scopes
}

/**
 * How much `record` counts toward `rule`: 0 if the rule does not apply, 人次 for 谈心谈话, else 1. With `group`,
 * only records of that 党小组 count (a record without a partyGroup counts for no group).
 */
export function ruleWeight(rule: FrequencyRule, record: ActivityRecord, group: string | null = null): number {
  if (!record.types.includes(rule.type)) return 0
  if (rule.speakerRole && record.lecture?.speakerRole !== rule.speakerRole) return 0
  if (rule.talkPair && record.talk?.pair !== rule.talkPair) return 0
  if (group !== null && record.partyGroup?.trim() !== group) return 0
  return rule.type === 'heartTalk' ? (record.talk?.personCount ?? 1) : 1
}
