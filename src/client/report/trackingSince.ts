// Since when this branch keeps its ledger in the app, on the device: the settings' 开始记录日期, else the date
// of the earliest live record on the device, else today. Periods that ended before it are not checked.
import { computed, type Ref } from 'vue'
import { earliestActivityDate } from '@client/db'
import { useLiveQuery } from '@client/composables/useLiveQuery'
import { useSettingsStore } from '@client/stores/settings'
import type { ChinaDate } from '@shared/dates'
import { effectiveTrackingSince } from '@shared/report/tracking'

/**
 * The effective tracking start, live. Undefined until the settings and the device database have answered, so
 * a screen does not flash every month of the year as missed while loading.
 */
export function useTrackingSince(today: Ref<ChinaDate>) {
  const settings = useSettingsStore()
  const { data: earliest } = useLiveQuery(earliestActivityDate)
  const since = computed<ChinaDate | undefined>(() => {
    if (!settings.loaded || earliest.value === undefined) return undefined
    const records = earliest.value ? [{ date: earliest.value }] : []
    return effectiveTrackingSince(settings.settings, records, today.value)
  })
  return { since }
}
