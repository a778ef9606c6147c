// Device status shown everywhere: online or not, changes waiting to sync, storage persistence, app update.
import { defineStore } from 'pinia'
import { ref } from 'vue'

export const useStatusStore = defineStore('status', () => {
  const online = ref(typeof navigator === 'undefined' ? true : navigator.onLine)
  const pendingChanges = ref(0)
  const lastSyncAt = ref<string | null>(null)
  const storagePersisted = ref<boolean | null>(null)
  const updateReady = ref(false)
  const databaseOutdated = ref(false)

  function setOnline(value: boolean) { online.value = value }
  function setPendingChanges(value: number) { pendingChanges.value = value }
  function setStoragePersisted(value: boolean) { storagePersisted.value = value }
  function setUpdateReady(value: boolean) { updateReady.value = value }
  function setDatabaseOutdated() { databaseOutdated.value = true }
  function setLastSyncAt(value: string | null) { lastSyncAt.value = value }

  return {
    online, pendingChanges, lastSyncAt, storagePersisted, updateReady, databaseOutdated,
    setOnline, setPendingChanges, setStoragePersisted, setUpdateReady, setDatabaseOutdated, setLastSyncAt,
  }
})
