// @vitest-environment happy-dom
// The 履职情况 text: generated until edited; edits are kept on the device; a regenerate shows which figures moved.
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { compileYearReport, composeReportText, type YearReport } from '@shared/report'
import { readSavedReportText } from '@client/report/savedReportText'
import ReportTextEditor from '@client/components/report/ReportTextEditor.vue'
import { freshDatabase, record, sampleRecords } from './fixtures'

const before = compileYearReport({ records: sampleRecords(), year: 2025 })
const after = compileYearReport({
  records: [...sampleRecords(), record({ id: 'theme-apr', types: ['themeDay'], date: '2025-04-10' })], year: 2025,
})

async function mountEditor(report: YearReport, year = 2025) {
  const wrapper = mount(ReportTextEditor, { props: { year, report }, global: { plugins: [createPinia()] } })
  await vi.waitFor(() => expect(wrapper.get('textarea').attributes('disabled')).toBeUndefined())
  return wrapper
}

async function savedText(year = 2025) {
  await flushPromises()
  return vi.waitFor(async () => {
    const saved = await readSavedReportText(year)
    if (!saved) throw new Error('not saved yet')
    return saved
  })
}

describe('ReportTextEditor', () => {
  beforeEach(() => {
    freshDatabase()
    setActivePinia(createPinia())
  })

  it('shows the generated text until the secretary edits it', async () => {
    const wrapper = await mountEditor(before)
    const text = (wrapper.get('textarea').element as HTMLTextAreaElement).value
    expect(text).toBe(composeReportText(before).text)
    expect(text).toContain('组织主题党日活动2次，召开支部党员大会1次，召开支委会1次。')
    expect(wrapper.get('[data-testid="text-state"]').text()).toBe('自动生成')
    expect(wrapper.find('[data-testid="regenerate"]').exists()).toBe(false)
    expect(wrapper.emitted('text')!.at(-1)).toEqual([text])
  })

  it('keeps the edits in IndexedDB with the figures they were written from, across a remount', async () => {
    const wrapper = await mountEditor(before)
    await wrapper.get('textarea').setValue('今年以来，组织主题党日活动2次，成效明显。')
    const saved = await savedText()
    expect(saved.text).toBe('今年以来，组织主题党日活动2次，成效明显。')
    expect(saved.figuresSnapshot['type.themeDay']).toBe(2)
    expect(wrapper.emitted('text')!.at(-1)).toEqual(['今年以来，组织主题党日活动2次，成效明显。'])
    wrapper.unmount()

    const again = await mountEditor(before)
    expect((again.get('textarea').element as HTMLTextAreaElement).value).toBe('今年以来，组织主题党日活动2次，成效明显。')
    expect(again.get('[data-testid="text-state"]').text()).toBe('已修改')
    expect(again.find('[data-testid="changes-notice"]').exists()).toBe(false)
    // another year has its own text
    await again.setProps({ year: 2024, report: compileYearReport({ records: sampleRecords(), year: 2024 }) })
    await vi.waitFor(() => expect(again.get('[data-testid="text-state"]').text()).toBe('自动生成'))
  })

  it('on new records, keeps the edited text and shows which figures changed; "keep mine" clears the notice', async () => {
    const first = await mountEditor(before)
    await first.get('textarea').setValue('我改过的文字。')
    await savedText()
    first.unmount()

    const wrapper = await mountEditor(after)
    expect((wrapper.get('textarea').element as HTMLTextAreaElement).value).toBe('我改过的文字。')
    expect(wrapper.get('[data-testid="changes-notice"]').text()).toContain('有 2 项数字变了')
    await wrapper.get('[data-testid="regenerate"]').trigger('click')
    const changes = wrapper.get('[data-testid="figure-changes"]')
    expect(changes.get('[data-change-key="type.themeDay"]').text()).toBe('主题党日2 次 → 3 次')
    expect(changes.get('[data-change-key="records"]').text()).toContain('4 次 → 5 次')
    expect(wrapper.get('[data-testid="regenerated-text"]').text()).toContain('组织主题党日活动3次')

    await wrapper.get('[data-testid="keep-mine"]').trigger('click')
    await flushPromises()
    expect((wrapper.get('textarea').element as HTMLTextAreaElement).value).toBe('我改过的文字。')
    expect(wrapper.find('[data-testid="changes-notice"]').exists()).toBe(false)
    expect((await savedText()).figuresSnapshot['type.themeDay']).toBe(3)
  })

  it('"换成新生成的文字" drops the edits and follows the records again', async () => {
    const first = await mountEditor(before)
    await first.get('textarea').setValue('我改过的文字。')
    await savedText()
    first.unmount()

    const wrapper = await mountEditor(after)
    await wrapper.get('[data-testid="regenerate"]').trigger('click')
    await wrapper.get('[data-testid="accept-regenerated"]').trigger('click')
    await flushPromises()
    expect((wrapper.get('textarea').element as HTMLTextAreaElement).value).toBe(composeReportText(after).text)
    expect(wrapper.get('[data-testid="text-state"]').text()).toBe('自动生成')
    await vi.waitFor(async () => expect(await readSavedReportText(2025)).toBeNull())
  })

  it('copies the text in one tap and says so', async () => {
    const writeText = vi.fn().mockResolvedValue(undefined)
    vi.stubGlobal('isSecureContext', true)
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true })
    const wrapper = await mountEditor(before)
    await wrapper.get('[data-testid="copy-report-text"]').trigger('click')
    await flushPromises()
    expect(writeText).toHaveBeenCalledWith(composeReportText(before).text)
    expect(wrapper.get('[data-testid="copy-status"]').text()).toContain('已复制')
    vi.unstubAllGlobals()
  })
})
