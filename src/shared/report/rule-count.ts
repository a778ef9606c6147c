// Which records a frequency rule counts, and how much each is worth.
import type { ActivityRecord } from '../model/activity'
import type { FrequencyRule } from '../model/settings'

/** How much `record` counts toward `rule`: 0 if the rule does not apply, 人次 for 谈心谈话, else 1. */
export function ruleWeight(rule: FrequencyRule, record: ActivityRecord): number {
  if (!record.types.includes(rule.type)) return 0
  if (rule.speakerRole && record.lecture?.speakerRole !== rule.speakerRole) return 0
  if (rule.talkPair && record.talk?.pair !== rule.talkPair) return 0
  return rule.type === 'heartTalk' ? (record.talk?.personCount ?? 1) : 1
}
