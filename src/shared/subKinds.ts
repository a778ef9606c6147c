// Sub-kinds of 集中学习 and 警示教育 (docs/domain.md): optional on a record, counted and phrased apart in the report.
// Kept out of catalogue.ts, which the first screen loads, because only the form and the report need them.

/** Who a 集中学习 gathered: the 支委班子 or all members. A record may leave it out (older records do). */
export const STUDY_SCOPE_IDS = ['committee', 'all'] as const
export type StudyScope = (typeof STUDY_SCOPE_IDS)[number]

export const STUDY_SCOPE_NAMES: Readonly<Record<StudyScope, string>> = {
  committee: '支委班子学习',
  all: '全体党员集中学习',
}

/** The forms a 警示教育 takes, each counted in its own unit (通报 in 期). A record may leave it out. */
export const WARNING_KIND_IDS = ['video', 'base', 'lecture', 'bulletin'] as const
export type WarningKind = (typeof WARNING_KIND_IDS)[number]

export interface WarningKindInfo {
  /** the form's button */
  name: string
  /** the report's clause before the number: '观看警示教育视频' */
  phrase: string
  unit: '次' | '期'
}

export const WARNING_KINDS: Readonly<Record<WarningKind, WarningKindInfo>> = {
  video: { name: '观看警示教育视频', phrase: '观看警示教育视频', unit: '次' },
  base: { name: '参观警示教育基地', phrase: '参观警示教育基地', unit: '次' },
  lecture: { name: '宣讲廉政党课', phrase: '宣讲廉政党课', unit: '次' },
  bulletin: { name: '传达警示教育通报', phrase: '传达警示教育通报', unit: '期' },
}
