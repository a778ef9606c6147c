// @vitest-environment happy-dom
// The whole 述职报告 draft on the report screen: numbers open their records, parts are edited and kept on the device,
// a new record updates the number inside the secretary's own sentence and says what changed, export asks first.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import JSZip from 'jszip'
import { compileYearReport, type DraftContext, type YearReport } from '@shared/report'
import { readSavedReportDraft } from '@client/report/savedReportDraft'
import { readSavedReportText, writeSavedReportText } from '@client/report/savedReportText'
import ReportDraftEditor from '@client/components/report/ReportDraftEditor.vue'
import { freshDatabase, record, sampleRecords } from './fixtures'

const CONTEXT: DraftContext = { branchName: '第一党支部', secretaryName: '张书记', today: '2025-12-01' }
const before = compileYearReport({ records: sampleRecords(), year: 2025 })
const withNewThemeDay = compileYearReport({
  records: [...sampleRecords(), record({ id: 'theme-apr', types: ['themeDay'], date: '2025-04-10' })], year: 2025,
})

async function mountDraft(report: YearReport, year = 2025, context = CONTEXT) {
  const wrapper = mount(ReportDraftEditor, {
    props: { year, report, context, records: sampleRecords() }, global: { plugins: [createPinia()] },
  })
  await vi.waitFor(() => expect(wrapper.find('[data-testid="draft-parts"]').exists()).toBe(true))
  return wrapper
}

const part = (wrapper: VueWrapper, id: string) => wrapper.get(`[data-part="${id}"]`)

async function editPart(wrapper: VueWrapper, id: string, change: (shown: string) => string) {
  await part(wrapper, id).get('[data-testid="edit-part"]').trigger('click')
  const box = part(wrapper, id).get<HTMLTextAreaElement>('textarea')
  await box.setValue(change(box.element.value))
  await part(wrapper, id).get('[data-testid="finish-part"]').trigger('click')
}

async function savedDraft() {
  await flushPromises()
  return vi.waitFor(async () => {
    const saved = await readSavedReportDraft(2025)
    if (!saved || Object.keys(saved.edits).length === 0) throw new Error('not saved yet')
    return saved
  })
}

describe('ReportDraftEditor', () => {
  beforeEach(() => {
    freshDatabase()
    setActivePinia(createPinia())
  })
  afterEach(() => vi.restoreAllMocks())

  it('shows the whole report with the counted numbers as buttons that open their records', async () => {
    const wrapper = await mountDraft(before)
    expect(part(wrapper, 'title').text()).toContain('2025年度第一党支部书记抓基层党建工作述职报告')
    expect(wrapper.findAll('[data-part^="heading."]').map((h) => h.get('[data-testid="draft-part-text"]').text()))
      .toEqual(['一、主要做法和成效', '二、存在问题', '三、下一步工作思路和措施'])
    expect(part(wrapper, 'achievements.organization').text()).toContain('今年以来，组织主题党日活动2次，召开支部党员大会1次，召开支委会1次。')
    expect(part(wrapper, 'signature').text()).toContain('述职人：张书记')
    expect(part(wrapper, 'date').text()).toContain('2025年12月1日')

    await part(wrapper, 'achievements.organization').get('[data-figure-key="type.themeDay"]').trigger('click')
    const [figure] = wrapper.emitted('open')!.at(-1) as [{ key: string; value: number; recordIds: string[] }]
    expect(figure).toMatchObject({ key: 'type.themeDay', value: 2, recordIds: ['theme-jan', 'theme-feb'] })
  })

  it('keeps the secretary’s words on the device, and a new record updates the number inside them', async () => {
    const wrapper = await mountDraft(before)
    await editPart(wrapper, 'achievements.organization', (shown) => shown.replace('组织主题党日活动2次', '坚持每月固定日期组织主题党日活动，全年共2次'))
    const saved = await savedDraft()
    expect(saved.edits['achievements.organization']).toContain('坚持每月固定日期组织主题党日活动，全年共{{fig:type.themeDay}}次')
    wrapper.unmount()

    const again = await mountDraft(withNewThemeDay)
    const organization = part(again, 'achievements.organization')
    expect(organization.text()).toContain('今年以来，坚持每月固定日期组织主题党日活动，全年共3次，召开支部党员大会1次')
    expect(organization.text()).toContain('已修改')
    await vi.waitFor(() => expect(again.find('[data-testid="draft-changes"]').exists()).toBe(true))
    expect(again.get('[data-change-key="type.themeDay"]').text()).toBe('主题党日 2 → 3 次')
    await again.get('[data-testid="acknowledge-changes"]').trigger('click')
    await vi.waitFor(() => expect(again.find('[data-testid="draft-changes"]').exists()).toBe(false))

    await organization.get('[data-testid="reset-part"]').trigger('click')
    await vi.waitFor(() => expect(part(again, 'achievements.organization').text()).toContain('今年以来，组织主题党日活动3次'))
  })

  it('maps typing onto the text as shown, even when a record changes the paragraph meanwhile', async () => {
    const wrapper = await mountDraft(before)
    const organization = part(wrapper, 'achievements.organization')
    await organization.get('[data-testid="edit-part"]').trigger('click')
    const box = organization.get<HTMLTextAreaElement>('textarea')
    const shown = box.element.value
    // a 党小组会 is logged on another screen while the secretary types: the generated paragraph gains a clause
    await wrapper.setProps({ report: compileYearReport({
      records: [...sampleRecords(), record({ id: 'group-jun', types: ['groupMeeting'], date: '2025-06-10' })], year: 2025,
    }) })
    await box.setValue(shown.replace('召开支委会1次', '按月召开支委会1次'))
    const saved = await savedDraft()
    expect(saved.edits['achievements.organization']).toContain('召开支部党员大会{{fig:type.generalMeeting}}次，按月召开支委会{{fig:type.committeeMeeting}}次。')
    expect(saved.edits['achievements.organization']).not.toContain('党小组会')
  })

  it('asks before exporting numbers typed by hand, then exports the whole draft', async () => {
    const blobs: Blob[] = []
    vi.spyOn(URL, 'createObjectURL').mockImplementation((b) => { blobs.push(b as Blob); return 'blob:draft' })
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => {})
    const wrapper = await mountDraft(before)
    await editPart(wrapper, 'achievements.organization', (shown) => shown.replace('召开支委会1次', '召开支委会12次'))
    await savedDraft()
    await wrapper.get('[data-testid="export-draft"]').trigger('click')
    const confirm = wrapper.get('[data-testid="export-confirm"]')
    expect(confirm.text()).toContain('有 1 处数字是手动输入的，不会随记录更新')
    expect(confirm.text()).toContain('召开支委会12次')
    expect(blobs).toHaveLength(0)
    await confirm.get('[data-testid="export-anyway"]').trigger('click')
    await vi.waitFor(() => expect(wrapper.find('[data-testid="draft-message"]').exists()).toBe(true), { timeout: 10_000 })
    const xml = await (await JSZip.loadAsync(await blobs[0]!.arrayBuffer())).file('word/document.xml')!.async('string')
    expect(xml).toContain('二、存在问题')
    expect(xml).toContain('召开支委会12次')
    expect(xml).toContain('述职人：张书记')
  })

  it('asks before exporting a year without records', async () => {
    const wrapper = await mountDraft(compileYearReport({ records: [], year: 2024 }), 2024)
    await wrapper.get('[data-testid="export-draft"]').trigger('click')
    expect(wrapper.get('[data-testid="export-confirm"]').text()).toContain('这一年还没有任何记录，报告里没有统计数字。')
    await wrapper.get('[data-testid="export-cancel"]').trigger('click')
    expect(wrapper.find('[data-testid="export-confirm"]').exists()).toBe(false)
  })

  it('opens a past year with 全年, and the options change the opener and 主题党日’s unit', async () => {
    const wrapper = await mountDraft(before, 2025, { ...CONTEXT, today: '2026-01-12' })
    expect(part(wrapper, 'achievements.organization').text()).toContain('全年组织主题党日活动2次')
    await wrapper.get('[data-testid="opener-choice"]').setValue('year')
    await vi.waitFor(() => expect(part(wrapper, 'achievements.organization').text()).toContain('2025年，组织主题党日活动2次'))
    await wrapper.get('input[name="theme-day-unit"][value="期"]').setValue(true)
    await vi.waitFor(() => expect(part(wrapper, 'achievements.organization').text()).toContain('组织主题党日活动2期'))
    const saved = await vi.waitFor(async () => {
      const s = await readSavedReportDraft(2025)
      if (s?.options.themeDayUnit !== '期') throw new Error('not yet')
      return s
    })
    expect(saved.options).toEqual({ openerChoice: 'year', themeDayUnit: '期', attendanceRates: ['overall'] })
  })
})

describe('ReportDraftEditor and an edit from an earlier version', () => {
  beforeEach(() => {
    freshDatabase()
    setActivePinia(createPinia())
  })

  it('still shows the 履职情况 text edited before the draft existed, until it is discarded', async () => {
    await writeSavedReportText(2025, { text: '今年以来，组织主题党日活动2次，成效明显。', figuresSnapshot: {}, savedAt: '2025-11-01T00:00:00.000Z' })
    const wrapper = await mountDraft(before)
    await vi.waitFor(() => expect(wrapper.find('[data-testid="earlier-report-text"]').exists()).toBe(true))
    expect(wrapper.get('[data-testid="earlier-report-text"]').text()).toContain('今年以来，组织主题党日活动2次，成效明显。')
    await wrapper.get('[data-testid="discard-earlier-text"]').trigger('click')
    await vi.waitFor(() => expect(wrapper.find('[data-testid="earlier-report-text"]').exists()).toBe(false))
    expect(await readSavedReportText(2025)).toBeNull()
  })
})
