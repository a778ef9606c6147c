// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { flushPromises, mount } from '@vue/test-utils'
import JSZip from 'jszip'
import ExportButtons from '@client/components/report/ExportButtons.vue'
import { exportErrorMessage, reportFileName } from '@client/report/exportReport'
import { sampleRecords } from './fixtures'

beforeEach(() => { setActivePinia(createPinia()) })
afterEach(() => vi.restoreAllMocks())

function captureDownloads() {
  const blobs: Blob[] = []
  vi.spyOn(URL, 'createObjectURL').mockImplementation((b) => { blobs.push(b as Blob); return 'blob:report' })
  vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => {})
  return blobs
}

describe('ExportButtons', () => {
  it('builds the Word file on the device from the text as shown', async () => {
    const blobs = captureDownloads()
    const wrapper = mount(ExportButtons, { props: { year: 2025, branchName: '第一党支部', text: '第一段。\n第二段。', records: sampleRecords() } })
    await wrapper.get('[data-testid="export-docx"]').trigger('click')
    await vi.waitFor(() => expect(wrapper.find('[data-testid="export-message"]').exists()).toBe(true), { timeout: 10_000 })
    expect(wrapper.get('[data-testid="export-message"]').text()).toContain('2025年履职情况-第一党支部.docx')
    const zip = await JSZip.loadAsync(await blobs[0]!.arrayBuffer())
    const xml = await zip.file('word/document.xml')!.async('string')
    expect(xml).toContain('第二段。')
    expect(xml).toContain('2月主题党日')
    expect(xml).not.toContain('已删除的党日')
  })

  it('exports the 台账 as a CSV Excel and WPS open in Chinese', async () => {
    const blobs = captureDownloads()
    const wrapper = mount(ExportButtons, { props: { year: 2025, branchName: '', text: '', records: sampleRecords() } })
    await wrapper.get('[data-testid="export-csv"]').trigger('click')
    await flushPromises()
    await vi.waitFor(() => expect(wrapper.find('[data-testid="export-message"]').exists()).toBe(true))
    expect(wrapper.get('[data-testid="export-message"]').text()).toContain('2025年活动台账.csv')
    const bytes = new Uint8Array(await blobs[0]!.arrayBuffer())
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
  })
})

describe('export names and errors', () => {
  it('names files by year and branch, without characters a phone cannot save', () => {
    expect(reportFileName(2026, '第一/党支部?', 'docx')).toBe('2026年履职情况-第一党支部.docx')
    expect(reportFileName(2026, '  ', 'docx')).toBe('2026年履职情况.docx')
  })

  it('explains a failure in Chinese, and says what to do when the export code was never downloaded', () => {
    expect(exportErrorMessage('导出 Word ', new TypeError('Failed to fetch dynamically imported module: /assets/docx.js')))
      .toContain('请在有网络时打开一次本页')
    expect(exportErrorMessage('导出 Word ', new Error('boom'))).toMatch(/^导出 Word 失败，请再试一次/)
  })
})
