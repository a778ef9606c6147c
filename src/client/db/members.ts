// The branch roster. Members are never hard-deleted: old attendance sheets keep their names.
import type { MemberFields } from '@shared/model/member'
import { ValidationError } from '@shared/model/errors'
import { LOCAL_WRITE_MESSAGES } from '@shared/localWriteMessages'
import { memberChecker } from './validation'
import { getDb } from './connection'
import { appendToOutbox } from './outbox'
import { newId } from './meta'
import { requirePermission } from './permission'
import type { StoredMember } from './schema'

/** Every live roster row, in roster order (local-only rows included; see join.ts for what the roster page shows). */
export async function listMembers(): Promise<StoredMember[]> {
  const rows = await getDb().members.orderBy('order').toArray()
  return rows.filter((m) => !m.deleted)
}

/** A name the roster already has (with the same 备注), so the member was not added. */
export interface SkippedMember {
  name: string
  reason: string
}

/**
 * The name as shown (and told apart): memberLabel in @shared/model/memberLabel.ts, written out here so that module
 * stays out of the first download.
 */
function memberLabel(m: { name: string; note?: string }): string {
  const note = m.note?.trim()
  return note ? `${m.name.trim()}（${note}）` : m.name.trim()
}

/** Live, active members' labels (name and 备注): two members of the same name must differ in 备注. */
async function activeLabels(exceptId?: string): Promise<Set<string>> {
  const rows = await getDb().members.filter((m) => !m.deleted && m.active && m.id !== exceptId).toArray()
  return new Set(rows.map(memberLabel))
}

async function insertMembers(list: Omit<MemberFields, 'order'>[], now: Date, skipDuplicates: boolean) {
  const checked = await memberChecker()
  const db = getDb()
  return db.transaction('rw', [db.members, db.outbox, db.meta], async () => {
    await requirePermission('member', 'create')
    const last = await db.members.orderBy('order').last()
    let order = (last?.order ?? 0) + 1
    const existing = await activeLabels()
    const added: StoredMember[] = []
    const skipped: SkippedMember[] = []
    for (const item of list) {
      const fields = checked({ ...item, order })
      const label = memberLabel(fields)
      if (fields.active && existing.has(label)) {
        const reason = LOCAL_WRITE_MESSAGES.duplicateName(label)
        if (!skipDuplicates) throw new ValidationError([{ path: 'name', message: reason }])
        skipped.push({ name: label, reason })
        continue
      }
      order++
      if (fields.active) existing.add(label)
      const at = now.toISOString()
      const member: StoredMember = { ...fields, id: newId(), createdAt: at, updatedAt: at, deleted: false, serverVersion: null }
      await db.members.add(member)
      const { serverVersion: _sv, ...synced } = member
      await appendToOutbox('member', 'put', member.id, null, synced)
      added.push(member)
    }
    return { added, skipped }
  })
}

/** Add members; a name (with its 备注) already on the roster refuses the whole list, nothing added. */
export async function addMembers(list: Omit<MemberFields, 'order'>[], now: Date = new Date()): Promise<StoredMember[]> {
  return (await insertMembers(list, now, false)).added
}

/**
 * A bulk add: every member whose name (with its 备注) is not on the roster yet, nor earlier in the list, is
 * added; the others are skipped and returned with the reason. Invalid entries still refuse the whole list.
 */
export async function addMembersSkippingDuplicates(list: Omit<MemberFields, 'order'>[], now: Date = new Date()): Promise<{ added: StoredMember[]; skipped: SkippedMember[] }> {
  return insertMembers(list, now, true)
}

export async function updateMember(id: string, fields: MemberFields, now: Date = new Date()): Promise<void> {
  const value = (await memberChecker())(fields)
  const db = getDb()
  await db.transaction('rw', [db.members, db.outbox, db.meta], async () => {
    await requirePermission('member', 'edit')
    const existing = await db.members.get(id)
    if (!existing || existing.deleted) throw new ValidationError([{ path: '', message: LOCAL_WRITE_MESSAGES.memberMissing }])
    const label = memberLabel(value)
    if (value.active && (label !== memberLabel(existing) || !existing.active) && (await activeLabels(id)).has(label)) {
      throw new ValidationError([{ path: 'name', message: LOCAL_WRITE_MESSAGES.duplicateName(label) }])
    }
    const changed: Record<string, unknown> = {}
    for (const key of Object.keys(value) as (keyof MemberFields)[]) {
      if (existing[key] !== value[key]) changed[key] = value[key]
    }
    // a 备注 removed by the edit
    if (existing.note !== undefined && value.note === undefined) changed.note = null
    if (Object.keys(changed).length === 0) return
    const updatedAt = now.toISOString()
    const { note: _note, ...rest } = existing
    await db.members.put({ ...rest, ...value, updatedAt })
    await appendToOutbox('member', 'put', id, existing.serverVersion, { ...changed, updatedAt })
  })
}

/** Members who left the branch are marked inactive rather than removed. */
export async function setMemberActive(id: string, active: boolean): Promise<void> {
  const existing = await getDb().members.get(id)
  if (!existing) throw new ValidationError([{ path: '', message: LOCAL_WRITE_MESSAGES.memberMissing }])
  const { id: _id, createdAt: _c, updatedAt: _u, deleted: _d, serverVersion: _s, ...fields } = existing
  await updateMember(id, { ...fields, active })
}
