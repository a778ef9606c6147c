// One year's report, compiled on the device from the live records: this year, last year (for the deltas) and
// the branch's rules checked against this year from the day the branch started keeping its ledger in the app.
// Recompiles whenever a record, the roster, the rules or that day change.
import { computed, type Ref } from 'vue'
import { listActivitiesBetween, type StoredActivity } from '@client/db'
import { useLiveQuery } from '@client/composables/useLiveQuery'
import { useRosterStore } from '@client/stores/roster'
import { useSettingsStore } from '@client/stores/settings'
import { checkCompliance, compileYearReport } from '@shared/report'
import { useTrackingSince } from './trackingSince'

/** `today` (China date) decides which periods are past, current or still to come. */
export function useYearReport(year: Ref<number>, today: Ref<string>) {
  const roster = useRosterStore()
  const settings = useSettingsStore()
  const { since } = useTrackingSince(today)

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
  const lastYearReport = computed(() => (records.value
    ? compileYearReport({ records: records.value, roster: roster.members, year: year.value - 1 })
    : null))
  const compliance = computed(() => (records.value && since.value !== undefined
    ? checkCompliance(records.value, settings.settings.rules, year.value, today.value, undefined, {
      since: since.value, groups: settings.settings.groups,
    })
    : null))

  return { records, yearRecords, recordsById, report, lastYearReport, compliance, since, error }
}
