// An activity record: one event the branch held. One event may carry several types
// (a 主题党日 held as a 支部党员大会 counts once under each).
import * as z from 'zod/mini'
import { ACTIVITY_TYPE_IDS } from '../catalogue'
import { STUDY_SCOPE_IDS, WARNING_KIND_IDS } from '../subKinds'
import { SPEAKER_ROLE_IDS, TALK_MODES, TALK_PAIR_IDS } from '../roles'
import { amount, chinaDateSchema, count, idSchema, instantSchema, requiredText, text, timeOfDaySchema } from './fields'

export const MAX_ROSTER = 500

export const leaveEntrySchema = z.object({
  memberId: idSchema,
  reason: text(100, '请假事由'),
})

export const attendanceSchema = z.object({
  /** 应到: roster member ids expected at the meeting */
  expected: z.array(idSchema).check(z.maxLength(MAX_ROSTER)),
  /** 请假, with reasons */
  leave: z.array(leaveEntrySchema).check(z.maxLength(MAX_ROSTER)),
  /** 缺席 (unexcused) */
  absent: z.array(idSchema).check(z.maxLength(MAX_ROSTER)),
  /** 列席: non-members who sat in, free text names */
  observers: text(500, '列席人员'),
})

export const lectureSchema = z.object({
  speaker: requiredText(50, '讲课人'),
  speakerRole: z.enum(SPEAKER_ROLE_IDS),
})

export const talkSchema = z.object({
  talker: text(50, '谈话人'),
  target: text(200, '谈话对象'),
  pair: z.enum(TALK_PAIR_IDS),
  mode: z.enum(TALK_MODES),
  /** 人次 this record stands for (one talk = 1; a batch of talks may be logged as one record) */
  personCount: count(1000, '人次').check(z.gte(1, '人次至少为1')),
})

export const volunteerSchema = z.object({
  /** 参与人次: the named members below plus anyone else who served (群众, non-roster volunteers) */
  participants: count(10_000, '参与人次'),
  /** total service hours across participants; each participant is credited an even share (docs/domain.md) */
  hours: amount(100_000, '服务时长'),
  beneficiaries: count(1_000_000, '惠及人次'),
  /** roster members who served, one tap each on the form; absent on records from before this field existed */
  memberIds: z.optional(z.array(idSchema).check(z.maxLength(MAX_ROSTER, '参加党员最多500人'))),
})

export const studySchema = z.object({
  /** 学时 credited to each participant */
  creditHours: amount(100, '学时'),
  /** 支委班子学习 or 全体党员集中学习; absent on records from before this field existed */
  scope: z.optional(z.enum(STUDY_SCOPE_IDS)),
  /** the session included 交流研讨 */
  discussion: z.optional(z.boolean()),
  /** 心得体会 written after it, in 篇 */
  reflections: z.optional(count(10_000, '心得体会篇数')),
})

/** 警示教育: which form it took (catalogue.ts WARNING_KINDS). Optional: older records and unsure loggers leave it out. */
export const warningSchema = z.object({
  kind: z.enum(WARNING_KIND_IDS),
})

export const evaluationSchema = z.object({
  excellent: count(MAX_ROSTER, '优秀人数'),
  qualified: count(MAX_ROSTER, '合格人数'),
  basicallyQualified: count(MAX_ROSTER, '基本合格人数'),
  unqualified: count(MAX_ROSTER, '不合格人数'),
})

/** Fields a user edits. Each top-level key is one unit of per-field merge during sync. */
export const activityFieldsSchema = z.object({
  types: z.array(z.enum(ACTIVITY_TYPE_IDS)).check(z.minLength(1, '请选择活动类型'), z.maxLength(ACTIVITY_TYPE_IDS.length)),
  date: chinaDateSchema,
  startTime: z.optional(timeOfDaySchema),
  place: text(100, '地点'),
  topic: requiredText(200, '主题'),
  host: text(50, '主持人'),
  recorder: text(50, '记录人'),
  /**
   * 党小组会: which of the branch's 党小组 (BranchSettings.groups) held it. Absent on other records, in branches
   * without groups, and on records from before this field existed. Per-group rules count by it.
   */
  partyGroup: z.optional(text(30, '党小组')),
  attendance: z.optional(attendanceSchema),
  summary: text(5000, '内容摘要'),
  resolution: text(2000, '决议及表决情况'),
  lecture: z.optional(lectureSchema),
  talk: z.optional(talkSchema),
  volunteer: z.optional(volunteerSchema),
  study: z.optional(studySchema),
  warning: z.optional(warningSchema),
  evaluation: z.optional(evaluationSchema),
  photoIds: z.array(idSchema).check(z.maxLength(20, '每条记录最多20张照片')),
  /**
   * 计划: an activity the branch plans to hold (the year's plan), not yet held. It is never counted in a report,
   * a ledger or a compliance check; saving it as held removes the key. Absent on held records.
   */
  planned: z.optional(z.literal(true)),
})

export type ActivityFields = z.infer<typeof activityFieldsSchema>

export const activityRecordSchema = z.object({
  ...activityFieldsSchema.shape,
  id: idSchema,
  /** Who entered it: a member id, or the device's local user before joining a branch */
  createdBy: z.string().check(z.maxLength(64)),
  /** When it was entered, device clock, for display only */
  createdAt: instantSchema,
  updatedAt: instantSchema,
  /** 补录: entered well after the activity date */
  backfilled: z.boolean(),
  deleted: z.boolean(),
})

export type ActivityRecord = z.infer<typeof activityRecordSchema>
export type Attendance = z.infer<typeof attendanceSchema>
export type LectureInfo = z.infer<typeof lectureSchema>
export type TalkInfo = z.infer<typeof talkSchema>
export type VolunteerInfo = z.infer<typeof volunteerSchema>
export type StudyInfo = z.infer<typeof studySchema>
export type WarningInfo = z.infer<typeof warningSchema>
export type EvaluationInfo = z.infer<typeof evaluationSchema>

export { presentCount, presentMemberIds } from './attendanceMath'
export { isCountedRecord, isPlannedRecord } from './planned'
