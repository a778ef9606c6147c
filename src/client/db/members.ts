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

export async function addMembers(list: Omit<MemberFields, 'order'>[], now: Date = new Date()): Promise<StoredMember[]> {
  const checked = await memberChecker()
  const db = getDb()
  return db.transaction('rw', [db.members, db.outbox, db.meta], async () => {
    await requirePermission('member', 'create')
    const last = await db.members.orderBy('order').last()
    let order = (last?.order ?? 0) + 1
    const existingNames = new Set((await db.members.toArray()).filter((m) => !m.deleted && m.active).map((m) => m.name))
    const added: StoredMember[] = []
    for (const item of list) {
      const fields = checked({ ...item, order: order++ })
      if (existingNames.has(fields.name)) throw new ValidationError([{ path: 'name', message: LOCAL_WRITE_MESSAGES.duplicateName(fields.name) }])
      existingNames.add(fields.name)
      const at = now.toISOString()
      const member: StoredMember = { ...fields, id: newId(), createdAt: at, updatedAt: at, deleted: false, serverVersion: null }
      await db.members.add(member)
      const { serverVersion: _sv, ...synced } = member
      await appendToOutbox('member', 'put', member.id, null, synced)
      added.push(member)
    }
    return added
  })
}

export async function updateMember(id: string, fields: MemberFields, now: Date = new Date()): Promise<void> {
  const value = (await memberChecker())(fields)
  const db = getDb()
  await db.transaction('rw', [db.members, db.outbox, db.meta], async () => {
    await requirePermission('member', 'edit')
    const existing = await db.members.get(id)
    if (!existing || existing.deleted) throw new ValidationError([{ path: '', message: LOCAL_WRITE_MESSAGES.memberMissing }])
    const changed: Record<string, unknown> = {}
    for (const key of Object.keys(value) as (keyof MemberFields)[]) {
      if (existing[key] !== value[key]) changed[key] = value[key]
    }
    if (Object.keys(changed).length === 0) return
    const updatedAt = now.toISOString()
    await db.members.put({ ...existing, ...value, updatedAt })
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
