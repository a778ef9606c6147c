// Before every write: may the signed-in member make this change (src/shared/permissions.ts)? A change the server
// would refuse is never saved or queued; the member gets the reason at once.
import { ValidationError } from '@shared/model/errors'
import { type Actor, mayChange, type ChangeKind, type RecordAuthor } from '@shared/permissions'
import type { MeResponse } from '@shared/sync/account'
import type { SyncEntity } from '@shared/sync/mutation'
import { readMeta } from './meta'
import { META_KEYS } from './metaKeys'

/** The change is not this member's to make. A ValidationError, so forms show its message like any other. */
export class ChangeNotAllowedError extends ValidationError {
  constructor(message: string) {
    super([{ path: '', message }])
    this.name = 'ChangeNotAllowedError'
  }
}

/**
 * Who is making changes on this phone, for `mayChange`: the account of the stored session (also an expired one:
 * its owner signs in again to send what they queued), or 'alone' without a session. Read straight from the meta
 * table (no other module, no await outside IndexedDB), so it can run inside a write's transaction.
 */
export async function readActor(): Promise<Actor> {
  const session = await readMeta<{ me: MeResponse }>(META_KEYS.session)
  if (!session) return { role: 'alone', userId: null, memberId: null }
  const { user } = session.me
  return { role: user.role, userId: user.id, memberId: user.memberId }
}

export async function requirePermission(entity: SyncEntity, kind: ChangeKind, author?: RecordAuthor): Promise<void> {
  const permission = mayChange(await readActor(), entity, kind, author)
  if (!permission.allowed) throw new ChangeNotAllowedError(permission.message)
}

/** May this member make the change? The same rule as requirePermission, as a yes/no. */
export async function mayMake(entity: SyncEntity, kind: ChangeKind): Promise<boolean> {
  return mayChange(await readActor(), entity, kind).allowed
}

/** Who entered a record, as this phone knows it: never synced, or entered under this device's user, is "here". */
export async function authorOf(record: { createdBy: string; serverVersion: number | null }): Promise<RecordAuthor> {
  const localUserId = await readMeta<string>(META_KEYS.localUserId)
  return { createdBy: record.createdBy, localOnly: record.serverVersion === null || record.createdBy === localUserId }
}
