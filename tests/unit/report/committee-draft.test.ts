// The committee's own report draft, sentence by sentence, in the register of seeds 000, 001 and 004.
import { describe, expect, it } from 'vitest'
import { committeeDraft, committeeDraftTitle, reviewSentence } from '../../../src/shared/report/committee-draft'
import type { CommitteeTable } from '../../../src/shared/report/committee'

const table: CommitteeTable = {
  year: 2025,
  committee: { name: '某街道党工委' },
  columns: [
    { key: 'type.generalMeeting', label: '支部党员大会', unit: '次' },
    { key: 'type.committeeMeeting', label: '支委会', unit: '次' },
    { key: 'type.themeDay', label: '主题党日', unit: '次' },
    { key: 'lecture.secretary', label: '支部书记讲党课', unit: '次' },
    { key: 'attendance.overall', label: '平均参会率', unit: '%' },
  ],
  branches: [
    { branchName: '第一党支部', values: { 'type.generalMeeting': 4, 'type.committeeMeeting': 12, 'type.themeDay': 12, 'lecture.secretary': 2, 'attendance.overall': 94 }, missedCount: 0 },
    { branchName: '第二党支部', values: { 'type.generalMeeting': 3, 'type.committeeMeeting': 10, 'type.themeDay': 11, 'attendance.overall': 88 }, missedCount: 2 },
  ],
  totals: { 'type.generalMeeting': 7, 'type.committeeMeeting': 22, 'type.themeDay': 23, 'lecture.secretary': 2, 'attendance.overall': 91 },
}

describe('committeeDraft', () => {
  it('reads as a committee reporting on the branches it guides', () => {
    const draft = committeeDraft({ table, today: '2025-12-20', reviews: ['approved', 'submitted'] })
    expect(draft.title).toBe('2025年度某街道党工委抓基层党建工作情况报告')
    expect(draft.opening).toBe('某街道党工委现有所属党支部2个。按照上级党组织要求，现将2025年度抓基层党建工作情况报告如下。')
    expect(draft.sections).toEqual([
      { heading: '一、主要做法和成效', paragraphs: [
        '今年以来，某街道党工委指导所属2个党支部落实“三会一课”制度，各支部共召开支部党员大会7次、支委会22次。',
        '1个党支部的书记为党员讲党课，合计2次。',
        '各党支部开展主题党日活动23次。',
        '1个党支部按期召开了各项会议，1个党支部尚有未按期召开的会议（第二党支部2期），已督促其补齐。',
      ] },
      { heading: '二、党支部书记述职报告审阅情况', paragraphs: ['所属2个党支部中，1个党支部书记的述职报告已审阅通过，1个待审阅。'] },
      { heading: '三、各党支部情况', paragraphs: ['所属2个党支部2025年的各项活动次数、参会率和未按期召开的会议见附表。'] },
    ])
    expect(draft.tableTitle).toBe('附表：某街道党工委2025年各支部情况汇总')
    expect(draft.closing).toEqual(['某街道党工委', '2025年12月20日'])
  })

  it('opens a past year with the year, and leaves the review out when it is not known', () => {
    const draft = committeeDraft({ table, today: '2026-01-10' })
    expect(draft.sections[0]!.paragraphs[0]).toBe('2025年，某街道党工委指导所属2个党支部落实“三会一课”制度，各支部共召开支部党员大会7次、支委会22次。')
    expect(draft.sections.map((s) => s.heading)).toEqual(['一、主要做法和成效', '二、各党支部情况'])
    expect(committeeDraftTitle('某党委', 2024)).toBe('2024年度某党委抓基层党建工作情况报告')
  })

  it('words the review standing for every mix', () => {
    expect(reviewSentence(['approved', 'approved'])).toBe('所属2个党支部书记的述职报告均已审阅通过。')
    expect(reviewSentence(['submitted', 'returned', 'none'])).toBe('所属3个党支部中，党支部书记的述职报告1个待审阅，1个已退回修改，1个尚未提交。')
    expect(reviewSentence(['approved', 'none', 'none'])).toBe('所属3个党支部中，1个党支部书记的述职报告已审阅通过，2个尚未提交。')
    expect(reviewSentence([])).toBe('')
  })
})
