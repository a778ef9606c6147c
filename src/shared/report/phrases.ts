// How each activity type is named and what verb goes with it in report sentences and reminders.
import type { ActivityTypeId } from '../catalogue'
import type { FrequencyRule, RulePeriod } from '../model/settings'
import { SPEAKER_ROLE_NAMES, TALK_PAIR_NAMES } from '../roles'

/** The object of the sentence: 召开「支委会」, 开展「主题党日活动」. */
export const ACTIVITY_NOUNS: Readonly<Record<ActivityTypeId, string>> = {
  themeDay: '主题党日活动',
  generalMeeting: '支部党员大会',
  committeeMeeting: '支委会',
  groupMeeting: '党小组会',
  partyLecture: '党课',
  orgLifeMeeting: '组织生活会',
  democraticReview: '民主评议党员',
  heartTalk: '谈心谈话',
  volunteer: '志愿服务',
  study: '集中学习',
  warningEducation: '警示教育',
  other: '其他活动',
}

export const ACTIVITY_VERBS: Readonly<Record<ActivityTypeId, string>> = {
  themeDay: '开展',
  generalMeeting: '召开',
  committeeMeeting: '召开',
  groupMeeting: '召开',
  partyLecture: '讲',
  orgLifeMeeting: '召开',
  democraticReview: '开展',
  heartTalk: '开展',
  volunteer: '开展',
  study: '开展',
  warningEducation: '开展',
  other: '开展',
}

/** Short names used for attendance rates: '党员大会平均参会率95%'. */
export const ATTENDANCE_LABELS: Readonly<Record<ActivityTypeId, string>> = {
  themeDay: '主题党日',
  generalMeeting: '党员大会',
  committeeMeeting: '支委会',
  groupMeeting: '党小组会',
  partyLecture: '党课',
  orgLifeMeeting: '组织生活会',
  democraticReview: '民主评议',
  heartTalk: '谈心谈话',
  volunteer: '志愿服务',
  study: '集中学习',
  warningEducation: '警示教育',
  other: '其他活动',
}

export const THIS_PERIOD: Readonly<Record<RulePeriod, string>> = { month: '本月', quarter: '本季度', year: '今年' }
export const LAST_PERIOD: Readonly<Record<RulePeriod, string>> = { month: '上月', quarter: '上季度', year: '去年' }
export const PERIOD_END: Readonly<Record<RulePeriod, string>> = { month: '月底', quarter: '季度末', year: '年底' }

/** What a rule counts, as a noun phrase: '支部书记讲党课', '支委之间谈心谈话', '支委会'. */
export function ruleSubject(rule: Pick<FrequencyRule, 'type' | 'speakerRole' | 'talkPair'>): string {
  if (rule.type === 'partyLecture' && rule.speakerRole) return `${SPEAKER_ROLE_NAMES[rule.speakerRole]}讲党课`
  if (rule.type === 'heartTalk' && rule.talkPair) return `${TALK_PAIR_NAMES[rule.talkPair]}谈心谈话`
  return ACTIVITY_NOUNS[rule.type]
}

/** '本季度尚未召开支部党员大会', '今年支部书记尚未讲党课', '本月尚未开展主题党日活动'. */
export function notYetPhrase(period: string, rule: Pick<FrequencyRule, 'type' | 'speakerRole' | 'talkPair'>): string {
  if (rule.type === 'partyLecture' && rule.speakerRole) return `${period}${SPEAKER_ROLE_NAMES[rule.speakerRole]}尚未讲党课`
  return `${period}尚未${ACTIVITY_VERBS[rule.type]}${ruleSubject(rule)}`
}

/** The unit a rule's count is in: 谈心谈话 counts 人次, everything else 次. */
export function ruleUnit(rule: Pick<FrequencyRule, 'type'>): '次' | '人次' {
  return rule.type === 'heartTalk' ? '人次' : '次'
}
