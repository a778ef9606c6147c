// Branch settings as the UI sees them, kept live from the device database.
import { defineStore } from 'pinia'
import { ref } from 'vue'
import { observe } from '@client/db/live'
import { readSettings, saveSettings } from '@client/db/settings'
import type { BranchSettings } from '@shared/model/settings'
import { defaultSettings } from '@shared/rules'

export const useSettingsStore = defineStore('settings', () => {
  const settings = ref<BranchSettings>(defaultSettings())
  const loaded = ref(false)

  observe(readSettings, (value) => { settings.value = value; loaded.value = true }, () => { loaded.value = true })

  async function save(next: BranchSettings) {
    settings.value = await saveSettings(next)
  }

  return { settings, loaded, save }
})
