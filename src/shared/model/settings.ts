// Branch settings: the name, the usual meeting place, party groups, and the frequency rules the branch follows.
import * as z from 'zod/mini'
import { ACTIVITY_TYPE_IDS } from '../catalogue'
import { SPEAKER_ROLE_IDS, TALK_PAIR_IDS } from '../roles'
import { chinaDateSchema, text } from './fields'

import { RULE_PERIODS } from './rulePeriods'

export { RULE_PERIODS, RULE_PERIOD_NAMES, type RulePeriod } from './rulePeriods'

export const frequencyRuleSchema = z.object({
  id: z.string().check(z.minLength(1), z.maxLength(64)),
  type: z.enum(ACTIVITY_TYPE_IDS),
  period: z.enum(RULE_PERIODS),
  /** at least this many per period */
  min: z.number().check(z.int(), z.gte(1, '次数至少为1'), z.lte(100, '次数不能超过100')),
  /** narrow the rule: only 党课 given by this speaker role, only 谈心谈话 of this pair type */
  speakerRole: z.optional(z.enum(SPEAKER_ROLE_IDS)),
  talkPair: z.optional(z.enum(TALK_PAIR_IDS)),
  /**
   * Checked once per 党小组 of the branch (BranchSettings.groups), counting records by their partyGroup. Absent:
   * see rulePerGroup (a 党小组会 rule is per group). Without groups configured the branch is checked as a whole.
   */
  perGroup: z.optional(z.boolean()),
  /** where the rule comes from, shown to the secretary */
  basis: text(100, '依据'),
  enabled: z.boolean(),
})

export type FrequencyRule = z.infer<typeof frequencyRuleSchema>

export const branchSettingsSchema = z.object({
  branchName: text(60, '支部名称'),
  defaultPlace: text(100, '常用地点'),
  groups: z.array(text(30, '党小组')).check(z.maxLength(50)),
  rules: z.array(frequencyRuleSchema).check(z.maxLength(100)),
  /**
   * The day the branch started keeping its ledger in this app. Periods that ended before it are not checked
   * (see report/tracking.ts). Absent in settings and backups from before this field existed.
   */
  trackingSince: z.optional(chinaDateSchema),
})

export type BranchSettings = z.infer<typeof branchSettingsSchema>
