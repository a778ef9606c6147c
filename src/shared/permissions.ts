// Who may create, edit and delete what: one function, used by the server on every push and by the phone to decide
// which buttons it shows. The rules (docs/domain.md, "Who may do what"):
//  - a phone used alone (no account) may do anything to its own data;
//  - a committee (党委) account only reads;
//  - the roster (花名册) and the branch settings are changed by the secretary only;
//  - any member may log an activity; an activity is edited or deleted by whoever entered it, or by the secretary.
import type { AccountRole } from './sync/account'
import type { SyncEntity } from './sync/mutation'

/** 'alone': this phone has no account; its data is its own. */
export type ActorRole = AccountRole | 'alone'

export interface Actor {
  role: ActorRole
  /** the account id (server) — null for a phone used alone */
  userId: string | null
  /** the roster entry the account is tied to, if any */
  memberId: string | null
}

export type ChangeKind = 'create' | 'edit' | 'delete'

/** Who entered a record. The server knows the account; the phone knows `createdBy` (member id or account id). */
export interface RecordAuthor {
  createdBy: string | null
  authorUserId?: string | null
  /** phone only: the record exists only on this device (never synced), so it was entered here */
  localOnly?: boolean
}

export type Permission = { allowed: true } | { allowed: false; code: 'forbidden'; message: string }

const ALLOWED: Permission = { allowed: true }
const refuse = (message: string): Permission => ({ allowed: false, code: 'forbidden', message })

export const PERMISSION_MESSAGES = {
  committeeReadOnly: '党委账号只能查看，不能提交修改',
  rosterSecretaryOnly: '只有支部书记可以修改花名册',
  settingsSecretaryOnly: '只有支部书记可以修改支部设置',
  activityAuthorOrSecretary: '只有录入人和支部书记可以修改或删除这条记录',
} as const

/** True when `actor` entered the record described by `author`. */
export function isAuthor(actor: Actor, author: RecordAuthor): boolean {
  if (author.localOnly) return true
  if (actor.userId !== null && author.authorUserId === actor.userId) return true
  const ids = [actor.userId, actor.memberId].filter((v): v is string => typeof v === 'string' && v !== '')
  return author.createdBy !== null && ids.includes(author.createdBy)
}

/**
 * May `actor` make a change of `kind` to an `entity` record entered by `author`? `author` is required for
 * 'edit' and 'delete' of an activity; without it the change is refused (nobody can be shown to own it).
 */
export function mayChange(actor: Actor, entity: SyncEntity, kind: ChangeKind, author?: RecordAuthor): Permission {
  if (actor.role === 'alone') return ALLOWED
  if (actor.role === 'committee') return refuse(PERMISSION_MESSAGES.committeeReadOnly)
  if (actor.role === 'secretary') return ALLOWED
  if (entity === 'member') return refuse(PERMISSION_MESSAGES.rosterSecretaryOnly)
  if (entity === 'settings') return refuse(PERMISSION_MESSAGES.settingsSecretaryOnly)
  if (kind === 'create') return ALLOWED
  return author && isAuthor(actor, author) ? ALLOWED : refuse(PERMISSION_MESSAGES.activityAuthorOrSecretary)
}

/** Shortcut for UI code: only the yes/no. */
export function isAllowed(actor: Actor, entity: SyncEntity, kind: ChangeKind, author?: RecordAuthor): boolean {
  return mayChange(actor, entity, kind, author).allowed
}
