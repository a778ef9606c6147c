// One year's report, compiled on the device from the live records: this year, last year (for the deltas, only when
// the ledger covers last year: a year before the app was used would read "去年 0 次") and the branch's rules checked
// against this year from the day the branch started keeping its ledger in the app. Recompiles whenever a record,
// the roster, the rules or that day change.
import { computed, type Ref } from 'vue'
import { listActivitiesBetween, type StoredActivity } from '@client/db'
import { useLiveQuery } from '@client/composables/useLiveQuery'
import { useRosterStore } from '@client/stores/roster'
import { useSettingsStore } from '@client/stores/settings'
import { checkCompliance, compileYearReport, coversYear } from '@shared/report'
import { useTrackingSince } from './trackingSince'

/** `today` (China date) decides which periods are past, current or still to come. */
export function useYearReport(year: Ref<number>, today: Ref<string>) {
  const roster = useRosterStore()
  const settings = useSettingsStore()
  const tracking = useTrackingSince(today)
  const { since, earlierRecord } = tracking

  const { data: records, error } = useLiveQuery(
    () => listActivitiesBetween(`${year.value - 1}-01-01`, `${year.value}-12-31`),
    [year],
  )

  const yearRecords = computed<StoredActivity[] | undefined>(() => {
    const prefix = `${year.value}-`
    return records.value?.filter((r) => r.date.startsWith(prefix))
  })
  const recordsById = computed(() => new Map((records.value ?? []).map((r) => [r.id, r])))

  const report = computed(() => (records.value
    ? compileYearReport({ records: records.value, roster: roster.members, year: year.value })
    : null))
  const lastYearReport = computed(() => (records.value && coversYear(since.value, year.value - 1)
    ? compileYearReport({ records: records.value, roster: roster.members, year: year.value - 1 })
    : null))
  const compliance = computed(() => (records.value && since.value !== undefined
    ? checkCompliance(records.value, settings.settings.rules, year.value, today.value, undefined, {
      since: since.value, groups: settings.settings.groups,
    })
    : null))

  /** 未达标 periods there would be if checking started at the earlier record, to say so before asking */
  const missedFromEarlier = computed(() => (records.value && earlierRecord.value
    ? checkCompliance(records.value, settings.settings.rules, year.value, today.value, undefined, {
      since: earlierRecord.value, groups: settings.settings.groups,
    }).missedCount
    : null))

  return { records, yearRecords, recordsById, report, lastYearReport, compliance, since, tracking, missedFromEarlier, error }
}
