// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest'
import { mount } from '@vue/test-utils'
import { compileYearReport } from '@shared/report'
import { buildFigureCards, deltaText, lastYearText, type FigureItem } from '@client/report/figureCards'
import ReportFigureCards from '@client/components/report/ReportFigureCards.vue'
import { sampleRecords } from './fixtures'

function mountCards() {
  const records = sampleRecords()
  const report = compileYearReport({ records, year: 2025 })
  const last = compileYearReport({ records, year: 2024 })
  return mount(ReportFigureCards, { props: { cards: buildFigureCards(report, last), year: 2025 } })
}

describe('ReportFigureCards', () => {
  it('shows each figure with its unit and last year beside it', () => {
    const wrapper = mountCards()
    const value = (key: string) => wrapper.get(`[data-figure-key="${key}"] .value`).text()
    expect(value('type.themeDay')).toBe('2次')
    expect(wrapper.get('[data-figure-key="type.themeDay"]').text()).toContain('比去年多1次（去年 1 次）')
    expect(value('type.generalMeeting')).toBe('1次')
    expect(value('type.committeeMeeting')).toBe('1次')
    expect(value('heartTalk.persons')).toBe('3人次')
    expect(value('volunteer.hours')).toBe('0小时')
    // a zero in both years carries no "去年 0" noise
    expect(wrapper.get('[data-figure-key="type.groupMeeting"]').text()).not.toContain('去年')
    // no attendance sheet anywhere: no rates card
    expect(wrapper.find('[data-card="attendance"]').exists()).toBe(false)
  })

  it('emits the records behind a figure when tapped, deleted ones left out', async () => {
    const wrapper = mountCards()
    await wrapper.get('[data-figure-key="type.themeDay"]').trigger('click')
    await wrapper.get('[data-figure-key="heartTalk.persons"]').trigger('click')
    const opened = wrapper.emitted('open')!.map(([item]) => item as { key: string; recordIds: string[] })
    expect(opened[0]).toMatchObject({ key: 'type.themeDay', recordIds: ['theme-jan', 'theme-feb'] })
    expect(opened[1]).toMatchObject({ key: 'heartTalk.persons', recordIds: ['talk-may'] })
  })

  it('names every figure for a screen reader, with last year', () => {
    const wrapper = mountCards()
    expect(wrapper.get('[data-figure-key="type.themeDay"]').attributes('aria-label'))
      .toBe('主题党日 2次，去年 1 次，比去年多1次，查看计入的记录')
  })

  it('leaves last year out altogether when last year has no record (a first year)', () => {
    const records = sampleRecords().filter((r) => r.date.startsWith('2025'))
    const report = compileYearReport({ records, year: 2025 })
    const last = compileYearReport({ records, year: 2024 })
    const cards = buildFigureCards(report, last)
    expect(cards.flatMap((c) => c.items).every((i) => i.lastYear === null)).toBe(true)
    const wrapper = mount(ReportFigureCards, { props: { cards, year: 2025 } })
    expect(wrapper.text()).not.toContain('去年')
    expect(wrapper.get('[data-figure-key="type.themeDay"]').attributes('aria-label')).toBe('主题党日 2次，查看计入的记录')
  })
})

describe('deltaText', () => {
  const item = (value: number, lastYear: number | null, unit = '次'): FigureItem =>
    ({ key: 'k', label: 'x', value, unit, lastYear, recordIds: [] })
  it('words the change against last year', () => {
    expect(deltaText(item(3, 2))).toBe('比去年多1次')
    expect(deltaText(item(1, 2))).toBe('比去年少1次')
    expect(deltaText(item(2, 2))).toBe('与去年持平')
    expect(deltaText(item(4, 1, '人次'))).toBe('比去年多3人次')
    expect(deltaText(item(10, 12.5, '小时'))).toBe('比去年少2.5小时')
    expect(deltaText(item(85, 80, '%'))).toBe('比去年高5个百分点')
    expect(deltaText(item(75, 80, '%'))).toBe('比去年低5个百分点')
    expect(deltaText(item(2, null))).toBe('')
    expect(lastYearText(item(2, null))).toBeNull()
  })
})
