// 会议记录 in the form of a 三会一课记录本 (docs/domain.md, "会议记录"): the fields a secretary prints and an
// inspection reads, in the order of the paper form. Pure: the Word file is written on the phone from these fields
// (src/client/export/minutesDocx.ts).
import { isCountedRecord } from '../model/planned'
import { activityTypeName, usesAttendance } from '../catalogue'
import type { ActivityRecord } from '../model/activity'
import { formatChinaDate } from '../dates'
import { buildLedgerRows, compareText, lectureText, peopleByReason, REMOVED_MEMBER_NAME, type LedgerMember } from './ledger'
import { memberLabel } from '../model/memberLabel'

/** Field labels of the form, in its order. */
export const MINUTES_LABELS = {
  name: '会议名称',
  time: '时间',
  place: '地点',
  host: '主持人',
  recorder: '记录人',
  expected: '应到人数',
  present: '实到人数',
  presentNames: '出席人员',
  away: '缺席人员及原因',
  observers: '列席人员',
  topic: '议题',
  summary: '内容摘要',
  resolution: '决议及表决情况',
} as const

export type MinutesField = keyof typeof MINUTES_LABELS

/** Written where the form has a blank the record leaves empty, so a printed page never looks cut off. */
export const NOT_RECORDED = '（未记录）'
export const NONE = '无'

export interface MeetingMinutes {
  id: string
  date: string
  /** every field of the form as printed; summary and resolution may hold several paragraphs */
  fields: Readonly<Record<MinutesField, string>>
  /** 内容摘要 split into paragraphs */
  summaryParagraphs: string[]
  /** 决议及表决情况 split into paragraphs */
  resolutionParagraphs: string[]
}

/** A meeting is a record whose types take a roll call (三会一课, 主题党日, 组织生活会, 民主评议, 集中学习). */
export function isMeeting(record: Pick<ActivityRecord, 'types'>): boolean {
  return usesAttendance(record.types)
}

export interface MinutesScope {
  year: number
  /** 1..12; the whole year when absent */
  month?: number
}

/** The held (not deleted, not only planned) meetings of a year or a month, by date and start time. */
export function meetingsIn(records: readonly ActivityRecord[], scope: MinutesScope): ActivityRecord[] {
  const prefix = scope.month === undefined ? `${scope.year}-` : `${scope.year}-${String(scope.month).padStart(2, '0')}-`
  return records
    .filter((r) => isCountedRecord(r) && isMeeting(r) && r.date.startsWith(prefix))
    .sort(byDateAndTime)
}

/** By date, start time, then id, in plain code-unit order */
export function byDateAndTime(a: ActivityRecord, b: ActivityRecord): number {
  return compareText(a.date, b.date) || compareText(a.startTime ?? '', b.startTime ?? '') || compareText(a.id, b.id)
}

/** '主题党日暨支部党员大会': one event held as several meetings reads as one name, as on a paper form. */
export function meetingName(record: Pick<ActivityRecord, 'types'>): string {
  return [...new Set(record.types)].map(activityTypeName).join('暨')
}

function paragraphs(text: string): string[] {
  return text.split(/\r?\n/).map((p) => p.trim()).filter((p) => p !== '')
}

function orNotRecorded(text: string): string {
  return text.trim() === '' ? NOT_RECORDED : text.trim()
}

/**
 * The form for each record, in the given order. With `roster`, attendance ids become names (an id no longer on
 * it reads （已移除））; without one, the form gives counts only.
 */
export function buildMeetingMinutes(records: readonly ActivityRecord[], roster?: readonly LedgerMember[]): MeetingMinutes[] {
  const names = roster ? new Map(roster.map((m) => [m.id, memberLabel(m)])) : null
  const nameOf = (id: string) => names?.get(id) ?? REMOVED_MEMBER_NAME
  return records.map((record) => {
    // the ledger row already resolves duplicates and ids outside 应到; reuse it so both exports agree
    const row = buildLedgerRows([{ ...record, deleted: false }], Number(record.date.slice(0, 4)), roster)[0]!
    const sheet = record.attendance && record.attendance.expected.length > 0 ? record.attendance : null
    let expected = '未点名'
    let present = '未点名'
    let away = sheet ? NONE : '未点名'
    let presentNames = '未点名'
    if (sheet && row.expected !== null) {
      expected = `${row.expected}人`
      const awayIds = new Set([...sheet.leave.map((l) => l.memberId), ...sheet.absent])
      presentNames = names ? [...new Set(sheet.expected)].filter((id) => !awayIds.has(id)).map(nameOf).join('、') || NONE : '（未填写名单）'
      present = `${row.present ?? 0}人`
      if (row.leavePeople.length + row.absentPeople.length > 0) {
        away = [
          row.leave ? `请假${row.leave}人${names ? `：${peopleByReason(row.leavePeople)}` : ''}` : '',
          row.absent ? `缺席${row.absent}人${names ? `：${row.absentPeople.map((p) => p.name).join('、')}` : ''}` : '',
        ].filter((p) => p !== '').join('；')
      }
    }
    const lecture = lectureText(row)
    const topicLines = [record.topic.trim(), lecture ? `讲课人：${lecture}` : '', row.partyGroup ? `党小组：${row.partyGroup}` : '']
      .filter((l) => l !== '')
    const time = `${formatChinaDate(record.date)}${record.startTime ? ` ${record.startTime}` : ''}`
    return {
      id: record.id,
      date: record.date,
      fields: {
        name: meetingName(record),
        time,
        place: orNotRecorded(record.place),
        host: orNotRecorded(record.host),
        recorder: orNotRecorded(record.recorder),
        expected,
        present,
        presentNames,
        away,
        observers: row.observers || NONE,
        topic: topicLines.join('\n'),
        summary: orNotRecorded(record.summary),
        resolution: orNotRecorded(record.resolution),
      },
      summaryParagraphs: record.summary.trim() ? paragraphs(record.summary) : [NOT_RECORDED],
      resolutionParagraphs: record.resolution.trim() ? paragraphs(record.resolution) : [NOT_RECORDED],
    }
  })
}

/** '2026年11月' or '2026年'; for one meeting its date, e.g. '2026年11月5日'. */
export function minutesScopeLabel(scope: MinutesScope): string {
  return scope.month === undefined ? `${scope.year}年` : `${scope.year}年${scope.month}月`
}
