// Whether a form on screen holds input not yet saved, and how to write it to a draft right now.
import { defineStore } from 'pinia'
import { ref } from 'vue'

export const useUnsavedWorkStore = defineStore('unsavedWork', () => {
  const dirty = ref(false)
  let flushDraft: (() => Promise<void>) | null = null

  function register(flush: () => Promise<void>) { flushDraft = flush }
  function unregister() { flushDraft = null; dirty.value = false }
  function setDirty(value: boolean) { dirty.value = value }
  async function flush() { await flushDraft?.() }

  return { dirty, register, unregister, setDirty, flush }
})
