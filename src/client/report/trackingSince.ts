// Since when this branch keeps its ledger in the app, on the device: the settings' 开始记录日期; else the day this
// device first worked out (the earliest live record, else today), remembered so that a record back-dated later
// does not silently move it: the report asks first (earlierRecord, startFromEarlier, keepStart).
import { computed, watch, type Ref } from 'vue'
import { earliestActivityDate } from '@client/db/activities'
import { readRememberedTrackingStart, rememberTrackingStart } from '@client/db/trackingStart'
import { useLiveQuery } from '@client/composables/useLiveQuery'
import { useSettingsStore } from '@client/stores/settings'
import type { ChinaDate } from '@shared/dates'
import { trackingStart, type TrackingStart } from '@shared/report/tracking'


/** The automatic start (settings left aside) and what to ask about; undefined while the device answers. */
export function useAutomaticTrackingStart(today: Ref<ChinaDate>) {
  const { data: earliest } = useLiveQuery(earliestActivityDate)
  const { data: remembered } = useLiveQuery(readRememberedTrackingStart)
  const start = computed<TrackingStart | undefined>(() => (earliest.value === undefined || remembered.value === undefined
    ? undefined
    : trackingStart(null, remembered.value, earliest.value, today.value)))
  return { start, remembered }
}

/**
 * The effective tracking start, live. Undefined until the settings and the device database have answered, so
 * a screen does not flash every month of the year as missed while loading.
 */
export function useTrackingSince(today: Ref<ChinaDate>) {
  const settings = useSettingsStore()
  const { start: automatic } = useAutomaticTrackingStart(today)
  const start = computed<TrackingStart | undefined>(() => {
    if (!settings.loaded || !automatic.value) return undefined
    return settings.settings.trackingSince
      ? { since: settings.settings.trackingSince, earlierRecord: null, remember: null }
      : automatic.value
  })
  watch(automatic, (s) => { if (s?.remember) void rememberTrackingStart(s.remember).catch(() => undefined) }, { immediate: true })

  const since = computed(() => start.value?.since)
  const earlierRecord = computed(() => start.value?.earlierRecord ?? null)

  /** Check from the earlier record on. */
  async function startFromEarlier(): Promise<void> {
    if (earlierRecord.value) await rememberTrackingStart({ since: earlierRecord.value })
  }
  /** Keep checking from the current start; ask again only for a record still earlier. */
  async function keepStart(): Promise<void> {
    if (since.value && earlierRecord.value) {
      await rememberTrackingStart({ since: since.value, declinedBefore: earlierRecord.value })
    }
  }
  return { since, earlierRecord, startFromEarlier, keepStart }
}
