// Service-worker registration (prompt mode): a new version waits until the user accepts it.
import { watch } from 'vue'
import { useRegisterSW } from 'virtual:pwa-register/vue'
import { useStatusStore } from '@client/stores/status'

let applyUpdate: ((reload?: boolean) => Promise<void>) | null = null

const UPDATE_CHECK_MS = 60 * 60 * 1000

export function startServiceWorker(): void {
  if (!('serviceWorker' in navigator)) return
  const status = useStatusStore()
  const { needRefresh, updateServiceWorker } = useRegisterSW({
    immediate: true,
    onRegisteredSW(_url, registration) {
      if (!registration) return
      setInterval(() => { if (navigator.onLine) void registration.update() }, UPDATE_CHECK_MS)
      document.addEventListener('visibilitychange', () => {
        if (document.visibilityState === 'visible' && navigator.onLine) void registration.update()
      })
    },
  })
  applyUpdate = updateServiceWorker
  watch(needRefresh, (ready) => status.setUpdateReady(ready), { immediate: true })
}

/** Activate the waiting service worker and reload into the new version. */
export async function activateUpdate(): Promise<void> {
  await applyUpdate?.(true)
}
