import { describe, expect, it } from 'vitest'
import {
  applyTextEdit, buildReportDraft, compileYearReport, DEFAULT_DRAFT_OPTIONS, draftDocument, draftFigureChanges,
  draftHandTypedNumbers, draftPlainText, draftSeenFigures, draftValues, mergeDraft, renderTemplate, type DraftContext,
} from '../../../src/shared/report'
import type { ActivityRecord } from '../../../src/shared/model/activity'
import { makeRecord, monthly } from './fixtures'

const DECEMBER: DraftContext = { branchName: '第一党支部', secretaryName: '王书记', today: '2026-12-01' }

function yearOfRecords(): ActivityRecord[] {
  return [
    ...monthly('td', ['themeDay'], 11, 2026),
    ...monthly('cm', ['committeeMeeting'], 12, 2026),
    ...monthly('gm', ['generalMeeting'], 4, 2026),
    makeRecord({ id: 'lec', types: ['partyLecture'], date: '2026-03-02', lecture: { speaker: '王书记', speakerRole: 'secretary' } }),
    makeRecord({ id: 'talk', types: ['heartTalk'], date: '2026-04-02', talk: { talker: '王书记', target: '班子成员', pair: 'committeeCommittee', mode: '当面', personCount: 5 } }),
  ]
}

function draftOf(records: ActivityRecord[], edits: Record<string, string> = {}, context = DECEMBER) {
  const report = compileYearReport({ records, year: 2026 })
  const parts = mergeDraft(buildReportDraft(report, DEFAULT_DRAFT_OPTIONS), edits)
  const values = draftValues(report, context, DEFAULT_DRAFT_OPTIONS)
  return { report, parts, values, doc: draftDocument(parts, values) }
}

describe('the whole 述职报告 draft', () => {
  it('has the seeds’ structure: title, opening, 一 二 三 with their points, signature and date', () => {
    const { doc } = draftOf(yearOfRecords())
    expect(doc.title).toBe('2026年度第一党支部书记抓基层党建工作述职报告')
    expect(doc.sections.map((s) => s.heading)).toEqual([null, '一、主要做法和成效', '二、存在问题', '三、下一步工作思路和措施'])
    expect(doc.sections[0]!.paragraphs[0]).toMatch(/^2026年，在上级党组织的坚强领导下，.*现将本年度抓基层党建工作情况报告如下：$/)
    expect(doc.sections[1]!.paragraphs.map((p) => p.slice(0, 3))).toEqual(['（一）', '（二）', '（三）', '（四）'])
    expect(doc.sections[2]!.paragraphs.map((p) => p.slice(0, 2))).toEqual(['一是', '二是', '三是'])
    expect(doc.sections[3]!.paragraphs).toHaveLength(3)
    expect(doc.closing).toEqual(['述职人：王书记', '2026年12月1日'])
    expect(draftPlainText(doc).split('\n')[0]).toBe(doc.title)
  })

  it('puts the counted numbers inside the sentences, opened by 今年以来 only in the current year', () => {
    const { doc } = draftOf(yearOfRecords())
    const organization = doc.sections[1]!.paragraphs[1]!
    expect(organization).toContain('今年以来，组织主题党日活动11次，召开支部党员大会4次，召开支委会12次，开展支部书记讲党课1次。')
    expect(doc.sections[1]!.paragraphs[2]).toContain('与班子成员开展谈心谈话5人次。')

    const january = draftOf(yearOfRecords(), {}, { ...DECEMBER, today: '2027-01-10' }).doc
    expect(january.sections[1]!.paragraphs[1]).toContain('全年组织主题党日活动11次，')
    expect(january.sections[1]!.paragraphs[1]).not.toContain('今年以来')
    expect(january.closing[1]).toBe('2027年1月10日')
  })

  it('names a branch without 支部 as a 党支部, and an unknown one as 党支部', () => {
    expect(draftOf([], {}, { ...DECEMBER, branchName: '机关' }).doc.title).toBe('2026年度机关党支部书记抓基层党建工作述职报告')
    expect(draftOf([], {}, { ...DECEMBER, branchName: '' }).doc.title).toBe('2026年度党支部书记抓基层党建工作述职报告')
  })

  it('keeps the secretary’s words when a record is added, with the new number inside the edited sentence', () => {
    const before = draftOf(yearOfRecords())
    const part = before.parts.find((p) => p.id === 'achievements.organization')!
    const shown = renderTemplate(part.template, before.values)
    const rewritten = shown.replace('召开支委会12次', '坚持每月召开支委会，全年共12次')
    const edits = { [part.id]: applyTextEdit(part.template, before.values, rewritten) }
    const seen = draftSeenFigures(before.parts, before.report)

    const records = [...yearOfRecords(), makeRecord({ id: 'cm-extra', types: ['committeeMeeting'], date: '2026-11-20' })]
    const after = draftOf(records, edits)
    expect(after.doc.sections[1]!.paragraphs[1]).toContain('坚持每月召开支委会，全年共13次')
    expect(after.parts.find((p) => p.id === part.id)!.edited).toBe(true)
    expect(draftFigureChanges(after.parts, after.report, seen)).toEqual([
      { key: 'type.committeeMeeting', label: '支委会', unit: '次', old: 12, new: 13, notInText: false },
    ])
    expect(draftHandTypedNumbers(after.parts)).toEqual([])
  })

  it('reports a figure an edited paragraph leaves out, and numbers typed by hand', () => {
    const before = draftOf(yearOfRecords())
    const part = before.parts.find((p) => p.id === 'achievements.organization')!
    const edits = { [part.id]: '（二）严格组织生活。全年召开支委会12次。' }
    const seen = draftSeenFigures(before.parts, before.report)
    const records = [...yearOfRecords(), makeRecord({ id: 'gr', types: ['groupMeeting'], date: '2026-05-20' })]
    const after = draftOf(records, edits)
    expect(draftFigureChanges(after.parts, after.report, seen)).toEqual([
      { key: 'type.groupMeeting', label: '党小组会', unit: '次', old: 0, new: 1, notInText: true },
    ])
    expect(draftHandTypedNumbers(after.parts)).toEqual([{ partId: part.id, text: '12', context: '年召开支委会12次。' }])
  })

  it('leaves the counted sentences out of an empty year and keeps the model words', () => {
    const { doc } = draftOf([])
    expect(doc.sections[1]!.paragraphs[1]).toBe('（二）严格组织生活，夯实支部基础。认真落实“三会一课”、主题党日、组织生活会和民主评议党员等制度，做到按时召开、议题明确、记录完整。')
  })
})
