// Side effects at the edge: online/offline listeners, storage persistence, pending-change count, schema upgrades.
import { countPendingChanges } from '@client/db/outbox'
import { observe } from '@client/db/live'
import { useStatusStore } from '@client/stores/status'

export function startDeviceStatus(): void {
  const status = useStatusStore()
  window.addEventListener('online', () => status.setOnline(true))
  window.addEventListener('offline', () => status.setOnline(false))
  window.addEventListener('branch-log:db-outdated', () => status.setDatabaseOutdated())
  observe(countPendingChanges, (n) => status.setPendingChanges(n), () => undefined)
  void requestPersistentStorage().then((persisted) => status.setStoragePersisted(persisted))
}

/** Ask the browser not to evict our IndexedDB under storage pressure (Safari evicts idle sites otherwise). */
async function requestPersistentStorage(): Promise<boolean> {
  if (!navigator.storage?.persist) return false
  if (await navigator.storage.persisted()) return true
  try {
    return await navigator.storage.persist()
  } catch {
    return false
  }
}
