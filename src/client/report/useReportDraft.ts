// The 述职报告 draft of a year, live: generated parts follow the records and options; the secretary's edited parts
// keep their words with the numbers bound to the figures (draft-tokens.ts). Every change is written to the device
// at once, in order, so the draft survives a reload offline.
import { computed, ref, shallowRef, watch, type Ref } from 'vue'
import {
  applyTextEdit, buildReportDraft, DEFAULT_DRAFT_OPTIONS, draftDocument, draftFigureChanges, draftHandTypedNumbers,
  draftPlainText, draftSeenFigures, draftValues, listReportFigures, mergeDraft, type DraftContext, type DraftOptions,
  type ReportFigureEntry, type TokenValues, type YearReport,
} from '@shared/report'
import { readSavedReportDraft, writeSavedReportDraft, type SavedReportDraft } from './savedReportDraft'

export function useReportDraft(year: Ref<number>, report: Ref<YearReport | null>, context: Ref<DraftContext>) {
  const saved = shallowRef<SavedReportDraft | null>(null)
  const loaded = ref(false)
  const saveError = ref('')
  let loadToken = 0
  let writes: Promise<void> = Promise.resolve()

  watch(year, async (y) => {
    const mine = ++loadToken
    loaded.value = false
    saved.value = null
    const value = await readSavedReportDraft(y).catch(() => null)
    if (mine !== loadToken) return
    saved.value = value
    loaded.value = true
  }, { immediate: true })

  const options = computed<DraftOptions>(() => saved.value?.options ?? DEFAULT_DRAFT_OPTIONS)
  const generated = computed(() => (report.value ? buildReportDraft(report.value, options.value) : []))
  const parts = computed(() => mergeDraft(generated.value, saved.value?.edits ?? {}))
  const values = computed<TokenValues | null>(() => (report.value ? draftValues(report.value, context.value, options.value) : null))
  const document = computed(() => (values.value ? draftDocument(parts.value, values.value) : null))
  const plainText = computed(() => (document.value ? draftPlainText(document.value) : ''))
  const figures = computed(() => new Map<string, ReportFigureEntry>((report.value ? listReportFigures(report.value) : []).map((f) => [f.key, f])))
  /** figures that moved since the secretary last looked: "支委会 25 → 26" */
  const changes = computed(() => (saved.value && report.value ? draftFigureChanges(parts.value, report.value, saved.value.seen) : []))
  const handTyped = computed(() => draftHandTypedNumbers(parts.value, values.value ?? undefined))
  const edited = computed(() => Object.keys(saved.value?.edits ?? {}).length > 0)

  /** Writes in order, so the last change is the one stored. */
  function persist(next: SavedReportDraft): Promise<void> {
    saved.value = next
    const y = year.value
    writes = writes
      .then(() => writeSavedReportDraft(y, next))
      .then(() => { saveError.value = '' })
      .catch(() => { saveError.value = '修改没能保存到本机，请复制全文留底后重试。' })
    return writes
  }

  function current(): SavedReportDraft {
    return saved.value ?? {
      version: 1, edits: {}, options: DEFAULT_DRAFT_OPTIONS,
      seen: report.value ? draftSeenFigures(parts.value, report.value) : {}, savedAt: '',
    }
  }

  // the first look at a year stores what the secretary saw, so later changes can be shown
  watch([loaded, report], () => {
    if (loaded.value && report.value && saved.value === null) void persist({ ...current(), savedAt: new Date().toISOString() })
  }, { immediate: true })

  /**
   * The secretary's new text for a part, typed over `base` (the part's template when the editor showed it) rendered
   * with `shownWith` (the values it showed): numbers left alone stay bound; a part edited back to the generated
   * words follows the records again.
   */
  function editPart(id: string, text: string, shownWith: TokenValues, base?: string): Promise<void> {
    const part = parts.value.find((p) => p.id === id)
    if (!part || !loaded.value) return writes
    const template = applyTextEdit(base ?? part.template, shownWith, text)
    const edits = { ...current().edits }
    if (template === part.generated) delete edits[id]
    else edits[id] = template
    return persist({ ...current(), edits, savedAt: new Date().toISOString() })
  }

  function resetPart(id: string): Promise<void> {
    const edits = { ...current().edits }
    delete edits[id]
    return persist({ ...current(), edits, savedAt: new Date().toISOString() })
  }

  function setOptions(next: Partial<DraftOptions>): Promise<void> {
    return persist({ ...current(), options: { ...options.value, ...next }, savedAt: new Date().toISOString() })
  }

  /** The secretary has seen the changed numbers. */
  function acknowledgeChanges(): Promise<void> {
    if (!report.value) return writes
    return persist({ ...current(), seen: draftSeenFigures(parts.value, report.value), savedAt: new Date().toISOString() })
  }

  return {
    loaded, saveError, options, parts, values, document, plainText, figures, changes, handTyped, edited,
    editPart, resetPart, setOptions, acknowledgeChanges, flush: () => writes,
  }
}
