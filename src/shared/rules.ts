// Default frequency rules (docs/domain.md, 中国共产党支部工作条例（试行）). A branch edits its own copy in settings.
import type { BranchSettings, FrequencyRule } from './model/settings'
import { TALK_PAIR_IDS, TALK_PAIR_NAMES } from './roles'

export const DEFAULT_RULES: readonly FrequencyRule[] = [
  { id: 'general-quarterly', type: 'generalMeeting', period: 'quarter', min: 1, basis: '支部工作条例第十一条', enabled: true },
  { id: 'committee-monthly', type: 'committeeMeeting', period: 'month', min: 1, basis: '支部工作条例第十二条', enabled: true },
  { id: 'group-monthly', type: 'groupMeeting', period: 'month', min: 1, perGroup: true, basis: '支部工作条例第十三条', enabled: true },
  { id: 'lecture-quarterly', type: 'partyLecture', period: 'quarter', min: 1, basis: '各地规定：每季度1次', enabled: true },
  { id: 'lecture-secretary-yearly', type: 'partyLecture', period: 'year', min: 1, speakerRole: 'secretary', basis: '支部书记每年至少讲1次党课', enabled: true },
  { id: 'theme-day-monthly', type: 'themeDay', period: 'month', min: 1, basis: '主题党日每月1次', enabled: true },
  { id: 'org-life-yearly', type: 'orgLifeMeeting', period: 'year', min: 1, basis: '支部工作条例第十七条', enabled: true },
  { id: 'review-yearly', type: 'democraticReview', period: 'year', min: 1, basis: '民主评议党员每年1次', enabled: true },
  ...TALK_PAIR_IDS.filter((p) => p !== 'memberMasses').map((pair): FrequencyRule => ({
    id: `talk-${pair}-yearly`, type: 'heartTalk', period: 'year', min: 1, talkPair: pair,
    basis: `支部工作条例第十九条（${TALK_PAIR_NAMES[pair]}）`, enabled: true,
  })),
]

export function defaultSettings(): BranchSettings {
  return {
    branchName: '',
    defaultPlace: '党员活动室',
    groups: [],
    rules: DEFAULT_RULES.map((r) => ({ ...r })),
  }
}
