// Keeps a form's input in IndexedDB as the user types, so a crash, a reload or an app update loses nothing.
import { onBeforeUnmount, watch, type Ref } from 'vue'
import { discardDraft, saveDraft } from '@client/db/drafts'
import { useUnsavedWorkStore } from '@client/stores/unsavedWork'

const DRAFT_DELAY_MS = 300

export function useFormDraft<T>(key: () => string, value: Ref<T>, enabled: Ref<boolean>) {
  const unsaved = useUnsavedWorkStore()
  let timer: ReturnType<typeof setTimeout> | undefined
  let pending = false
  /** while a save is running no draft is written: the save removes the draft in its own transaction */
  let saving = false
  /** the value as loaded: a draft is kept only once the input differs from it */
  let baseline: string | null = null

  async function flush() {
    clearTimeout(timer)
    if (!pending || saving) return
    pending = false
    await saveDraft(key(), value.value)
  }

  watch(value, () => {
    if (!enabled.value) return
    if (baseline === null) baseline = JSON.stringify(value.value)
    if (JSON.stringify(value.value) === baseline) return
    pending = true
    unsaved.setDirty(true)
    clearTimeout(timer)
    timer = setTimeout(() => void flush(), DRAFT_DELAY_MS)
  }, { deep: true, flush: 'sync' })

  unsaved.register(flush)
  const onHide = () => { void flush() }
  window.addEventListener('pagehide', onHide)
  document.addEventListener('visibilitychange', onHide)

  onBeforeUnmount(() => {
    void flush()
    window.removeEventListener('pagehide', onHide)
    document.removeEventListener('visibilitychange', onHide)
    unsaved.unregister()
  })

  async function discard() {
    clearTimeout(timer)
    pending = false
    unsaved.setDirty(false)
    await discardDraft(key())
  }

  /** Before saving: write what is typed now, then hold further drafts until the save is over. */
  async function beginSave() {
    await flush()
    saving = true
  }

  /** After saving: on success nothing is left to keep; on failure the input is kept as a draft again. */
  function endSave(ok: boolean) {
    saving = false
    clearTimeout(timer)
    if (ok) {
      pending = false
      unsaved.setDirty(false)
    } else {
      pending = true
      void flush()
    }
  }

  /** Call after loading: the current value is the starting point, not user input. */
  function resetBaseline() {
    baseline = null
  }

  return { flush, discard, beginSave, endSave, resetBaseline }
}
