// The activity catalogue: every activity type a branch logs, the unit it is counted in,
// which groups of fields its form shows, and the default required frequency.
// Pure data; a branch's own rules live in its settings (see rules.ts) and start from these defaults.

export const ACTIVITY_TYPE_IDS = [
  'themeDay', // 主题党日
  'generalMeeting', // 支部党员大会
  'committeeMeeting', // 支委会
  'groupMeeting', // 党小组会
  'partyLecture', // 党课
  'orgLifeMeeting', // 组织生活会
  'democraticReview', // 民主评议党员
  'heartTalk', // 谈心谈话
  'volunteer', // 志愿服务
  'study', // 集中学习 / 研讨
  'warningEducation', // 警示教育 / 廉政党课
  'other', // 其他
] as const

export type ActivityTypeId = (typeof ACTIVITY_TYPE_IDS)[number]

/** Units used in report sentences. */
export type CountUnit = '次' | '期' | '人次' | '小时' | '学时' | '名' | '篇'

/** Field groups a type's form shows beyond the common ones (date, place, topic, summary, photos). */
export type FieldGroup = 'meeting' | 'lecture' | 'talk' | 'volunteer' | 'study' | 'evaluation' | 'warning'

export interface ActivityTypeInfo {
  id: ActivityTypeId
  name: string
  shortName: string
  /** Units this type is counted in; the first is the headline unit. */
  units: readonly CountUnit[]
  fieldGroups: readonly FieldGroup[]
  /** Whether a roster-based attendance sheet makes sense by default. */
  attendance: boolean
  description: string
}

export const ACTIVITY_TYPES: Readonly<Record<ActivityTypeId, ActivityTypeInfo>> = {
  themeDay: {
    id: 'themeDay', name: '主题党日', shortName: '党日', units: ['次', '期'],
    fieldGroups: ['meeting'], attendance: true,
    description: '每月固定一天：集中学习、组织生活、民主议事、志愿服务、交纳党费、重温入党誓词',
  },
  generalMeeting: {
    id: 'generalMeeting', name: '支部党员大会', shortName: '党员大会', units: ['次'],
    fieldGroups: ['meeting'], attendance: true,
    description: '全体党员参加；选举、接收预备党员及转正、表决',
  },
  committeeMeeting: {
    id: 'committeeMeeting', name: '支委会', shortName: '支委会', units: ['次'],
    fieldGroups: ['meeting'], attendance: true,
    description: '支部委员会会议，书记、副书记、委员参加',
  },
  groupMeeting: {
    id: 'groupMeeting', name: '党小组会', shortName: '小组会', units: ['次'],
    fieldGroups: ['meeting'], attendance: true,
    description: '按党小组召开，由党小组组长主持',
  },
  partyLecture: {
    id: 'partyLecture', name: '党课', shortName: '党课', units: ['次'],
    fieldGroups: ['meeting', 'lecture'], attendance: true,
    description: '书记、委员、领导干部或外请讲课人讲党课，含微党课',
  },
  orgLifeMeeting: {
    id: 'orgLifeMeeting', name: '组织生活会', shortName: '组织生活会', units: ['次'],
    fieldGroups: ['meeting'], attendance: true,
    description: '一般在第四季度召开，开展批评与自我批评',
  },
  democraticReview: {
    id: 'democraticReview', name: '民主评议党员', shortName: '民主评议', units: ['次', '名'],
    fieldGroups: ['meeting', 'evaluation'], attendance: true,
    description: '自评、互评、测评、评定；等次为优秀、合格、基本合格、不合格',
  },
  heartTalk: {
    id: 'heartTalk', name: '谈心谈话', shortName: '谈心谈话', units: ['人次'],
    fieldGroups: ['talk'], attendance: false,
    description: '支委之间、支委与党员、党员之间谈心谈话',
  },
  volunteer: {
    id: 'volunteer', name: '志愿服务', shortName: '志愿服务', units: ['次', '人次', '小时'],
    fieldGroups: ['volunteer'], attendance: false,
    description: '双报到社区服务、微心愿、走访慰问等',
  },
  study: {
    id: 'study', name: '集中学习', shortName: '集中学习', units: ['次', '学时'],
    fieldGroups: ['meeting', 'study'], attendance: true,
    description: '理论学习、读书班、专题培训、交流研讨',
  },
  warningEducation: {
    id: 'warningEducation', name: '警示教育', shortName: '警示教育', units: ['次', '期'],
    fieldGroups: ['warning'], attendance: false,
    description: '观看警示教育片、参观警示教育基地、廉政党课、通报',
  },
  other: {
    id: 'other', name: '其他活动', shortName: '其他', units: ['次'],
    fieldGroups: [], attendance: false,
    description: '支部希望统计的其他活动',
  },
}

export function activityTypeName(id: ActivityTypeId): string {
  return ACTIVITY_TYPES[id].name
}

export function isActivityTypeId(value: unknown): value is ActivityTypeId {
  return typeof value === 'string' && (ACTIVITY_TYPE_IDS as readonly string[]).includes(value)
}

/** Field groups shown for a set of types (an event may carry several types). */
export function fieldGroupsFor(types: readonly ActivityTypeId[]): Set<FieldGroup> {
  const groups = new Set<FieldGroup>()
  for (const t of types) for (const g of ACTIVITY_TYPES[t].fieldGroups) groups.add(g)
  return groups
}

export function usesAttendance(types: readonly ActivityTypeId[]): boolean {
  return types.some((t) => ACTIVITY_TYPES[t].attendance)
}
