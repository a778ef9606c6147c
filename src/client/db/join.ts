// A phone used alone joins a branch: its own roster is mapped onto the branch's before anything is pushed.
// Right after joining, `beginRosterMapping` holds every queued change back (pulls still run, so the branch roster
// arrives); the member then maps each local roster entry to a branch entry or leaves it as 非名册人员, and
// `applyRosterMapping` rewrites the records and their queued changes to the branch's ids in one transaction.
import type { Attendance, VolunteerInfo } from '@shared/model/activity'
import type { Mutation } from '@shared/sync/mutation'
import { ValidationError } from '@shared/model/errors'
import { LOCAL_WRITE_MESSAGES } from '@shared/localWriteMessages'
import { mayChange } from '@shared/permissions'
import { mapAttendance, mapVolunteer, recordMentionsAny, type IdMapping } from './attendanceMapping'
import { getDb } from './connection'
import { META_KEYS } from './metaKeys'
import { ChangeNotAllowedError } from './permission'
import type { StoredActivity, StoredMember } from './schema'
import { readActor } from './permission'
import { checkActivity } from './validation'
import { isBranch, isRosterMappingPending, rosterForDisplay } from './rosterDisplay'
import { memberLabel } from '@shared/model/memberLabel'

export { isRosterMappingPending, rosterForDisplay }

/** A choice for a local entry that keeps it as a new entry of the branch roster (only who may add to the roster). */
export const KEEP_AS_NEW = 'keep-as-new'

/** local member id → branch member id, null (非名册人员), or KEEP_AS_NEW */
export type RosterChoices = Record<string, string | null>

export interface LocalRosterEntry {
  id: string
  name: string
  group: string
  active: boolean
  /** how many of this phone's records name this person in 应到/请假/缺席 */
  recordCount: number
}

export interface BranchRosterEntry {
  id: string
  name: string
  /** 备注 telling two members of the same name apart */
  note?: string
  group: string
  active: boolean
}

export interface RosterMappingPlan {
  /** same name (trimmed) on both rosters: taken without asking */
  matched: { local: LocalRosterEntry; branch: BranchRosterEntry }[]
  /** the member picks a branch entry for each, or leaves it as 非名册人员 */
  unmatched: LocalRosterEntry[]
  /** the branch roster as pulled, to pick from */
  branchRoster: BranchRosterEntry[]
  /** the signed-in member may keep unmatched entries as new roster entries (KEEP_AS_NEW) */
  mayKeepAsNew: boolean
}

const isLocalOnly = (m: StoredMember) => m.serverVersion === null && !m.deleted

/** This phone has roster entries of its own (never synced), which a branch it joins does not know. */
export async function hasLocalDataToMap(): Promise<boolean> {
  return (await getDb().members.filter(isLocalOnly).count()) > 0
}

/** Call right after joining, before the first sync: nothing is pushed until `applyRosterMapping`. */
export async function beginRosterMapping(): Promise<void> {
  await getDb().meta.put({ key: META_KEYS.rosterMappingPending, value: true })
}

function entry(m: StoredMember): BranchRosterEntry {
  return { id: m.id, name: m.name, ...(m.note ? { note: m.note } : {}), group: m.group, active: m.active }
}

/**
 * The branch entry a local one is without asking: the only one of the same name (a local entry with a 备注: the
 * only one of the same name and 备注), an active member preferred over a former one. Two candidates (two 王芳 in
 * the branch, and a plain 王芳 here) are ambiguous: none is taken, and the member picks.
 */
function automaticMatch(local: StoredMember, free: BranchRosterEntry[]): BranchRosterEntry | undefined {
  const sameName = free.filter((b) => b.name.trim() === local.name.trim())
  const sameLabel = sameName.filter((b) => memberLabel(b) === memberLabel(local))
  const candidates = local.note?.trim() && sameLabel.length > 0 ? sameLabel : sameName
  const active = candidates.filter((b) => b.active)
  const pool = active.length > 0 ? active : candidates
  return pool.length === 1 ? pool[0] : undefined
}

export async function planRosterMapping(): Promise<RosterMappingPlan> {
  const db = getDb()
  const members = await db.members.orderBy('order').toArray()
  const local = members.filter(isLocalOnly)
  const branch = members.filter(isBranch).map(entry)
  const localIds = new Set(local.map((m) => m.id))
  const counts = new Map<string, number>()
  await db.activities.each((r) => {
    if (!recordMentionsAny(r, localIds)) return
    const a = r.attendance
    const named = a ? [...a.expected, ...a.absent, ...a.leave.map((l) => l.memberId)] : []
    for (const id of new Set([...named, ...(r.volunteer?.memberIds ?? [])])) {
      if (localIds.has(id)) counts.set(id, (counts.get(id) ?? 0) + 1)
    }
  })
  const taken = new Set<string>()
  const plan: RosterMappingPlan = {
    matched: [], unmatched: [], branchRoster: branch,
    mayKeepAsNew: mayChange(await readActor(), 'member', 'create').allowed,
  }
  for (const m of local) {
    const localEntry = { ...entry(m), recordCount: counts.get(m.id) ?? 0 }
    const match = automaticMatch(m, branch.filter((b) => !taken.has(b.id)))
    if (match) {
      taken.add(match.id)
      plan.matched.push({ local: localEntry, branch: match })
    } else plan.unmatched.push(localEntry)
  }
  return plan
}

function remapMutation(m: Mutation, mapping: IdMapping): Mutation {
  const attendance = m.fields.attendance as Attendance | null | undefined
  const volunteer = m.fields.volunteer as VolunteerInfo | null | undefined
  if (!attendance && !volunteer?.memberIds) return m
  const fields = { ...m.fields }
  if (attendance) fields.attendance = mapAttendance(attendance, mapping)
  if (volunteer?.memberIds) fields.volunteer = mapVolunteer(volunteer, mapping)
  return { ...m, fields }
}

/**
 * Map this phone's own roster onto the branch's and release the queued changes, in one transaction. `choices`
 * covers the unmatched entries (a matched one may be overridden); a local entry without a choice is taken by its
 * automatic match, else left as 非名册人员. Local roster rows mapped or left go away with their queued changes;
 * settings changes the member may not make are dropped. Records failing the record rules change nothing.
 */
export async function applyRosterMapping(choices: RosterChoices): Promise<void> {
  const plan = await planRosterMapping()
  const actor = await readActor()
  const branchIds = new Set(plan.branchRoster.map((b) => b.id))
  const mapping = new Map<string, { to: string | null; name: string }>()
  for (const local of [...plan.matched.map((p) => p.local), ...plan.unmatched]) {
    const auto = plan.matched.find((p) => p.local.id === local.id)?.branch.id ?? null
    const choice = Object.hasOwn(choices, local.id) ? choices[local.id] ?? null : auto
    if (choice === KEEP_AS_NEW) {
      // kept: the row stays and its queued roster change goes to the branch with the rest
      const permission = mayChange(actor, 'member', 'create')
      if (!permission.allowed) throw new ChangeNotAllowedError(permission.message)
      continue
    }
    if (choice !== null && !branchIds.has(choice)) {
      throw new ValidationError([{ path: local.id, message: LOCAL_WRITE_MESSAGES.unknownBranchMember(local.name) }])
    }
    mapping.set(local.id, { to: choice, name: local.name })
  }
  const db = getDb()
  const affected = (await db.activities.toArray()).filter((r) => recordMentionsAny(r, new Set(mapping.keys())))
  const rewritten: StoredActivity[] = []
  for (const r of affected) {
    const next: StoredActivity = { ...r }
    if (r.attendance) next.attendance = mapAttendance(r.attendance, mapping)
    if (r.volunteer) next.volunteer = mapVolunteer(r.volunteer, mapping)
    await checkActivity(next, r) // the same rules as any save: a sheet that fails them stops it all
    rewritten.push(next)
  }
  const mayEditSettings = mayChange(actor, 'settings', 'edit').allowed
  await db.transaction('rw', [db.activities, db.members, db.settings, db.outbox, db.meta], async () => {
    await db.activities.bulkPut(rewritten)
    for (const e of await db.outbox.toArray()) {
      const m = e.mutation
      const dropped = (m.entity === 'member' && mapping.has(m.recordId)) || (m.entity === 'settings' && !mayEditSettings)
      if (dropped) await db.outbox.delete(e.clientSeq)
      else if (m.entity === 'activity') await db.outbox.put({ ...e, mutation: remapMutation(m, mapping) })
    }
    await db.members.bulkDelete([...mapping.keys()])
    if (!mayEditSettings) {
      // The settings on the phone are its own until the branch's arrive; a copy already overlaid is pulled again.
      const settings = await db.settings.get('branch')
      if (settings?.serverVersion === null) await db.settings.delete('branch')
      else if (settings) await db.meta.put({ key: META_KEYS.cursor, value: 0 })
    }
    await db.meta.delete(META_KEYS.rosterMappingPending)
  })
}
