// The browser's own install offer (Chrome, Edge, Samsung Internet): caught as soon as it fires, so the app offers
// 添加到桌面 itself at a calm moment (components/pwa/PwaNotices.vue) instead of a banner over the first paint.
import { shallowRef } from 'vue'

export interface InstallPromptEvent extends Event {
  prompt(): Promise<void>
  readonly userChoice: Promise<{ outcome: 'accepted' | 'dismissed' }>
}

export const installPrompt = shallowRef<InstallPromptEvent | null>(null)

export function captureInstallPrompt(): void {
  window.addEventListener('beforeinstallprompt', (event) => {
    event.preventDefault()
    installPrompt.value = event as InstallPromptEvent
  })
  window.addEventListener('appinstalled', () => { installPrompt.value = null })
}
