// Saving, editing and deleting activities, with undo for deletes. Reads go through live queries in pages.
import { defineStore } from 'pinia'
import { ref } from 'vue'
import { createActivity, deleteActivity, restoreActivity, updateActivity } from '@client/db/activities'
import type { StoredActivity } from '@client/db/schema'
import type { ActivityFields } from '@shared/model/activity'
import { useToastStore } from './toast'

export const useActivitiesStore = defineStore('activities', () => {
  const saving = ref(false)
  /** the record just saved, so the list can show it while its query is still reading the month */
  const lastSaved = ref<StoredActivity | null>(null)

  async function save(fields: ActivityFields, options: { id?: string; existing?: boolean; draftKey?: string; base?: ActivityFields }): Promise<StoredActivity> {
    saving.value = true
    try {
      const record = options.existing && options.id
        ? await updateActivity(options.id, fields, new Date(), options.base, options.draftKey)
        : await createActivity(fields, new Date(), options.id, options.draftKey)
      lastSaved.value = record
      return record
    } finally {
      saving.value = false
    }
  }

  async function remove(id: string) {
    await deleteActivity(id)
    useToastStore().show('已删除这条记录，30天内可在回收站恢复', { action: { label: '撤销', run: async () => { await restoreActivity(id) } } })
  }

  return { saving, lastSaved, save, remove }
})
