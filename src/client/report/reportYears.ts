// The years the report can be compiled for: every year with a live record, and always the current one.
import { computed, type Ref } from 'vue'
import { listAllActivities } from '@client/db'
import { useLiveQuery } from '@client/composables/useLiveQuery'

async function yearsWithRecords(): Promise<number[]> {
  const years = new Set<number>()
  for (const r of await listAllActivities()) if (!r.deleted) years.add(Number(r.date.slice(0, 4)))
  return [...years]
}

/** Newest first. */
export function useReportYears(currentYear: Ref<number>) {
  const { data } = useLiveQuery(yearsWithRecords)
  const years = computed(() => [...new Set([currentYear.value, ...(data.value ?? [])])].sort((a, b) => b - a))
  const withRecords = computed(() => new Set(data.value ?? []))
  return { years, withRecords }
}

/** A `?year=` query value when it is a plausible year, else null. */
export function parseYearQuery(value: unknown): number | null {
  if (typeof value !== 'string' || !/^\d{4}$/.test(value)) return null
  const year = Number(value)
  return year >= 2000 && year <= 2100 ? year : null
}
