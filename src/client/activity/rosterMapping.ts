// The choices the join mapping screen offers for each of this phone's own roster entries (see join.ts in db/ and
// docs/domain.md, "Joining a branch with a phone's own data"): a branch roster entry, 非名册人员, or — for who may
// add to the roster — keeping the person as a new branch roster entry.
import { KEEP_AS_NEW, type RosterChoices, type RosterMappingPlan } from '@client/db/join'
import { memberLabel } from '@shared/model/memberLabel'

/** Select values that are not branch member ids. */
export const NOT_CHOSEN = ''
export const OUTSIDE_ROSTER = 'outside-roster'

export interface MappingOption {
  value: string
  label: string
}

/**
 * The list each row picks from: the branch's current members first, then former ones; an entry another row
 * already took is marked, so one tap does not give two people the same name by mistake.
 */
export function mappingOptions(plan: RosterMappingPlan, picks: Readonly<Record<string, string>>, forLocalId: string): MappingOption[] {
  const takenBy = new Map<string, string>()
  const localName = new Map([...plan.matched.map((m) => m.local), ...plan.unmatched].map((l) => [l.id, l.name]))
  for (const [localId, value] of Object.entries(picks)) if (localId !== forLocalId && value) takenBy.set(value, localName.get(localId) ?? '')
  const ordered = [...plan.branchRoster.filter((b) => b.active), ...plan.branchRoster.filter((b) => !b.active)]
  const options = ordered.map((b) => {
    const group = b.group ? ` · ${b.group}` : ''
    const former = b.active ? '' : '（已转出）'
    const taken = takenBy.has(b.id) ? `（已对应 ${takenBy.get(b.id)}）` : ''
    return { value: b.id, label: `${memberLabel(b)}${group}${former}${taken}` }
  })
  if (plan.mayKeepAsNew) options.push({ value: KEEP_AS_NEW, label: '作为新党员加入支部名册' })
  return options
}

/**
 * The first choice of every row: its same-name match; else, for who may add to the roster (the secretary), keeping
 * the person as a new entry; else nothing yet (the member must pick).
 */
export function initialPicks(plan: RosterMappingPlan): Record<string, string> {
  const picks: Record<string, string> = {}
  for (const m of plan.matched) picks[m.local.id] = m.branch.id
  for (const u of plan.unmatched) picks[u.id] = plan.mayKeepAsNew ? KEEP_AS_NEW : NOT_CHOSEN
  return picks
}

/** What applyRosterMapping takes: branch id, KEEP_AS_NEW, or null for 非名册人员. Unchosen rows are left out. */
export function choicesOf(picks: Readonly<Record<string, string>>): RosterChoices {
  const choices: RosterChoices = {}
  for (const [localId, value] of Object.entries(picks)) {
    if (value === NOT_CHOSEN) continue
    choices[localId] = value === OUTSIDE_ROSTER ? null : value
  }
  return choices
}
