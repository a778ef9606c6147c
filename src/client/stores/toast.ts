// One short message above the tab bar, optionally with an action (撤销).
import { defineStore } from 'pinia'
import { ref } from 'vue'

export interface ToastAction {
  label: string
  run: () => void | Promise<void>
}

export interface Toast {
  id: number
  message: string
  kind: 'info' | 'error'
  action?: ToastAction
}

const TOAST_MS = 6000
/** a toast with an action (撤销) stays longer: there is time to read it and reach the button */
const ACTION_TOAST_MS = 12000

export const useToastStore = defineStore('toast', () => {
  const current = ref<Toast | null>(null)
  let nextId = 1
  let timer: ReturnType<typeof setTimeout> | undefined

  function show(message: string, options: { kind?: Toast['kind']; action?: ToastAction } = {}) {
    clearTimeout(timer)
    current.value = { id: nextId++, message, kind: options.kind ?? 'info', action: options.action }
    timer = setTimeout(dismiss, options.action ? ACTION_TOAST_MS : TOAST_MS)
  }

  function dismiss() {
    clearTimeout(timer)
    current.value = null
  }

  return { current, show, dismiss }
})
