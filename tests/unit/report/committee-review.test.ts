// What the committee reads of a submission: a later version marked against the one before, word for word.
import { describe, expect, it } from 'vitest'
import type { SubmittedDocument } from '../../../src/shared/api/review'
import { alignParagraphs, figureChangeText, reviewVersionView, submissionFigures } from '../../../src/shared/report/committee-review'
import { compileYearReport } from '../../../src/shared/report'
import { makeRecord, monthly } from './fixtures'

const doc = (paragraphs: string[], title = '2025年度第一党支部书记抓基层党建工作述职报告'): SubmittedDocument => ({
  title,
  sections: [{ heading: null, paragraphs: ['2025年，本人认真履行第一责任人职责。'] }, { heading: '一、主要做法和成效', paragraphs }],
  closing: ['述职人：张三', '2025年12月20日'],
})

describe('reviewVersionView', () => {
  const v1 = { version: 1, document: doc(['全年召开支委会12次。', '开展谈心谈话20人次。', '组织志愿服务3次。']), figures: [
    { key: 'type.committeeMeeting', label: '支委会', unit: '次', value: 12 },
    { key: 'attendance.overall', label: '平均参会率', unit: '%', value: 90 },
  ] }
  const v2 = { version: 2, document: doc(['全年召开支委会13次。', '开展谈心谈话20人次。']), figures: [
    { key: 'type.committeeMeeting', label: '支委会', unit: '次', value: 13 },
    { key: 'attendance.overall', label: '平均参会率', unit: '%', value: 92 },
    { key: 'type.themeDay', label: '主题党日', unit: '次', value: 2 },
  ] }

  it('reads a first version as it is, with nothing marked', () => {
    const view = reviewVersionView(v1)
    expect(view.summary).toBeNull()
    expect(view.sections.flatMap((s) => s.paragraphs).some((p) => p.changed)).toBe(false)
    expect(view.removed).toEqual([])
  })

  it('marks reworded paragraphs, lists dropped ones and says which figures moved', () => {
    const view = reviewVersionView(v2, v1)
    expect(view.sections[1]!.paragraphs).toEqual([
      { text: '全年召开支委会13次。', changed: true, was: '全年召开支委会12次。' },
      { text: '开展谈心谈话20人次。', changed: false },
    ])
    expect(view.removed).toEqual(['组织志愿服务3次。'])
    expect(view.figureChanges.map(figureChangeText)).toEqual(['支委会 12次 → 13次', '平均参会率 90% → 92%', '主题党日 0次 → 2次'])
    expect(view.summary).toBe('与第1版相比：改动1段，删去1段；支委会 12次 → 13次，平均参会率 90% → 92%，主题党日 0次 → 2次。')
  })

  it('tells a reworded paragraph from an added one', () => {
    const a = ['一段。', '二段。', '三段。']
    expect(alignParagraphs(a, ['一段。', '新插入的一段。', '二段。', '三段改了。', '末尾新增。'])).toEqual({
      fates: [{ kind: 'same' }, { kind: 'added' }, { kind: 'same' }, { kind: 'reworded', was: '三段。' }, { kind: 'added' }],
      removed: [],
    })
    expect(alignParagraphs(a, ['三段。'])).toEqual({ fates: [{ kind: 'same' }], removed: ['一段。', '二段。'] })
    const v3 = { version: 3, figures: v1.figures, document: doc(['全年召开支委会12次。', '新增一段。', '开展谈心谈话20人次。', '组织志愿服务3次。']) }
    expect(reviewVersionView(v3, { ...v1, version: 2 }).summary).toBe('与第2版相比：新增1段。')
  })

  it('says so when only the title changed, or nothing did', () => {
    expect(reviewVersionView({ ...v1, version: 2, document: doc(v1.document.sections[1]!.paragraphs, '新标题') }, v1).summary)
      .toBe('与第1版相比：改了标题。')
    expect(reviewVersionView({ ...v1, version: 2 }, v1).summary).toBe('与第1版相比：文字没有改动。')
  })
})

describe('submissionFigures', () => {
  it('carries the counts the year has and the rates, no zeros', () => {
    const report = compileYearReport({ records: [...monthly('cm', ['committeeMeeting'], 3), makeRecord({ id: 'td', types: ['themeDay'], date: '2025-05-01' })], year: 2025 })
    const figures = submissionFigures(report)
    expect(figures.find((f) => f.key === 'type.committeeMeeting')).toEqual({ key: 'type.committeeMeeting', label: '支委会', unit: '次', value: 3 })
    expect(figures.find((f) => f.key === 'type.themeDay')?.value).toBe(1)
    expect(figures.filter((f) => f.unit !== '%').every((f) => f.value > 0)).toBe(true)
  })
})
