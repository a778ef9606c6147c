// The notices about where and how the app runs (in-app browser, offline ready, install) load when the browser is
// idle, like the service worker; App.vue shows them once their code is here.
import { shallowRef, type Component } from 'vue'

export const pwaNotices = shallowRef<Component | null>(null)

export function loadPwaNotices(): void {
  void import('@client/components/pwa/PwaNotices.vue').then((m) => { pwaNotices.value = m.default })
}
