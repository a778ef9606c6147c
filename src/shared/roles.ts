// Party posts (党内职务) of roster members, and how a member relates to committee (支委) membership.

export const PARTY_ROLE_IDS = [
  'secretary', 'deputySecretary', 'organization', 'propaganda', 'discipline', 'committeeMember',
  'member', 'probationary',
] as const

export type PartyRole = (typeof PARTY_ROLE_IDS)[number]

export const PARTY_ROLE_NAMES: Readonly<Record<PartyRole, string>> = {
  secretary: '书记',
  deputySecretary: '副书记',
  organization: '组织委员',
  propaganda: '宣传委员',
  discipline: '纪检委员',
  committeeMember: '委员',
  member: '党员',
  probationary: '预备党员',
}

const COMMITTEE_ROLES: ReadonlySet<PartyRole> = new Set([
  'secretary', 'deputySecretary', 'organization', 'propaganda', 'discipline', 'committeeMember',
])

/** True for members of the branch committee (支委). */
export function isCommitteeRole(role: PartyRole): boolean {
  return COMMITTEE_ROLES.has(role)
}

/** Who gave a 党课: counted separately so reports can say "支部书记讲党课4次". */
export const SPEAKER_ROLE_IDS = ['secretary', 'committee', 'leader', 'member', 'guest'] as const
export type SpeakerRole = (typeof SPEAKER_ROLE_IDS)[number]
export const SPEAKER_ROLE_NAMES: Readonly<Record<SpeakerRole, string>> = {
  secretary: '支部书记',
  committee: '支委委员',
  leader: '领导干部',
  member: '党员',
  guest: '外请讲师',
}

/** Pair types of 谈心谈话 (支部工作条例 第十九条; 党员–群众 is a local addition). */
export const TALK_PAIR_IDS = ['committeeCommittee', 'committeeMember', 'memberMember', 'memberMasses'] as const
export type TalkPair = (typeof TALK_PAIR_IDS)[number]
export const TALK_PAIR_NAMES: Readonly<Record<TalkPair, string>> = {
  committeeCommittee: '支委之间',
  committeeMember: '支委与党员',
  memberMember: '党员之间',
  memberMasses: '党员与群众',
}

export const TALK_MODES = ['当面', '电话', '视频'] as const
export type TalkMode = (typeof TALK_MODES)[number]

export const REVIEW_GRADES = ['excellent', 'qualified', 'basicallyQualified', 'unqualified'] as const
export type ReviewGrade = (typeof REVIEW_GRADES)[number]
export const REVIEW_GRADE_NAMES: Readonly<Record<ReviewGrade, string>> = {
  excellent: '优秀',
  qualified: '合格',
  basicallyQualified: '基本合格',
  unqualified: '不合格',
}
