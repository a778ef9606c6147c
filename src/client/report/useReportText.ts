// The 履职情况 text of a year: generated from the figures until the secretary edits it; then their text is kept on
// the device together with the figures it was written from, so "重新生成" can show what changed in the numbers.
import { computed, ref, shallowRef, watch, type Ref } from 'vue'
import { composeReportText, diffReportFigures, snapshotReportFigures, type YearReport } from '@shared/report'
import {
  discardSavedReportText, readSavedReportText, writeSavedReportText, type SavedReportText,
} from './savedReportText'

export function useReportText(year: Ref<number>, report: Ref<YearReport | null>) {
  const saved = shallowRef<SavedReportText | null>(null)
  const loaded = ref(false)
  const saveError = ref('')
  let loadToken = 0
  let writes: Promise<void> = Promise.resolve()

  watch(year, async (y) => {
    const mine = ++loadToken
    loaded.value = false
    saved.value = null
    const value = await readSavedReportText(y).catch(() => null)
    if (mine !== loadToken) return
    saved.value = value
    loaded.value = true
  }, { immediate: true })

  const generated = computed(() => (report.value ? composeReportText(report.value).text : ''))
  const edited = computed(() => saved.value !== null)
  const text = computed(() => saved.value?.text ?? generated.value)
  /** figures that differ from those the edited text was written from */
  const changes = computed(() => (saved.value && report.value ? diffReportFigures(saved.value.figuresSnapshot, report.value) : []))

  /** Writes in order, so the last edit is the one stored. */
  function persist(y: number, value: SavedReportText | null): Promise<void> {
    writes = writes
      .then(() => (value ? writeSavedReportText(y, value) : discardSavedReportText(y)))
      .then(() => { saveError.value = '' })
      .catch(() => { saveError.value = '修改没能保存到本机，请复制文字留底后重试。' })
    return writes
  }

  function edit(next: string): Promise<void> {
    if (!report.value || !loaded.value) return writes
    if (next === generated.value) {
      saved.value = null
      return persist(year.value, null)
    }
    const figuresSnapshot = saved.value?.figuresSnapshot ?? snapshotReportFigures(report.value)
    saved.value = { text: next, figuresSnapshot, savedAt: new Date().toISOString() }
    return persist(year.value, saved.value)
  }

  /** Drop the edits: the text follows the records again. */
  function acceptRegenerated(): Promise<void> {
    saved.value = null
    return persist(year.value, null)
  }

  /** Keep the edited text and take the current figures as the ones it was written from. */
  function keepMine(): Promise<void> {
    if (!saved.value || !report.value) return writes
    saved.value = { ...saved.value, figuresSnapshot: snapshotReportFigures(report.value), savedAt: new Date().toISOString() }
    return persist(year.value, saved.value)
  }

  return { loaded, edited, text, generated, changes, saveError, edit, acceptRegenerated, keepMine, flush: () => writes }
}
