// How early a short period is reminded of. Its own module so home's reminders (warnings.ts) load without the
// whole compliance check (compliance.ts), which only the report screen needs.
import type { RulePeriod } from '../model/rulePeriods'

/** How many days before a period ends a short period counts as due soon. */
export type DueSoonWindow = Readonly<Record<RulePeriod, number>>
export const DEFAULT_DUE_SOON_DAYS: DueSoonWindow = { month: 10, quarter: 30, year: 90 }
