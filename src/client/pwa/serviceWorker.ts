// Service-worker registration (prompt mode): a new version waits until the user accepts it.
import { ref, watch } from 'vue'
import { useRegisterSW } from 'virtual:pwa-register/vue'
import { useStatusStore } from '@client/stores/status'
import { checkForUpdate } from './updateCheck'

let applyUpdate: ((reload?: boolean) => Promise<void>) | null = null

const UPDATE_CHECK_MS = 60 * 60 * 1000

/** True once a service worker is active for this app: the next visit opens with no network. */
export const offlineReady = ref(false)

export function startServiceWorker(): void {
  if (!('serviceWorker' in navigator)) return
  const status = useStatusStore()
  const { needRefresh, updateServiceWorker } = useRegisterSW({
    immediate: true,
    onRegisteredSW(scriptUrl, registration) {
      if (!registration) return
      const check = () => { void checkForUpdate(scriptUrl, registration) }
      setInterval(check, UPDATE_CHECK_MS)
      document.addEventListener('visibilitychange', () => {
        if (document.visibilityState === 'visible') check()
      })
    },
  })
  applyUpdate = updateServiceWorker
  watch(needRefresh, (ready) => status.setUpdateReady(ready), { immediate: true })
  void navigator.serviceWorker.ready.then(() => { offlineReady.value = true })
}

/** Activate the waiting service worker and reload into the new version. */
export async function activateUpdate(): Promise<void> {
  await applyUpdate?.(true)
}
