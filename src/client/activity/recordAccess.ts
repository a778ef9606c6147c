// What the phone may show of a record and offer to do with it. The rules themselves live in
// src/shared/permissions.ts (who may change what) and src/shared/sync/entities.ts (what a 谈心谈话 hides).
import { mayChange, type Actor, type Permission, type RecordAuthor } from '@shared/permissions'
import type { TalkInfo } from '@shared/model/activity'
import { TALK_PAIR_NAMES } from '@shared/roles'
import type { StoredActivity } from '@client/db'

/** The topic the server puts on a 谈心谈话 it withholds (redactHeartTalk in src/shared/sync/entities.ts). */
const WITHHELD_TALK_TOPIC = '谈心谈话（内容不公开）'
/** What the phone shows instead of a withheld 谈心谈话's topic and people. */
export const REDACTED_TALK_TEXT = '谈心谈话（内容仅书记可见）'

type RecordForAccess = Pick<StoredActivity, 'createdBy' | 'serverVersion'>

/** Who entered the record, as the permission rules need it: a record never synced was entered on this phone. */
export function authorOfRecord(record: RecordForAccess): RecordAuthor {
  return { createdBy: record.createdBy, localOnly: record.serverVersion === null }
}

export function editPermission(actor: Actor, record: RecordForAccess): Permission {
  return mayChange(actor, 'activity', 'edit', authorOfRecord(record))
}

export function deletePermission(actor: Actor, record: RecordForAccess): Permission {
  return mayChange(actor, 'activity', 'delete', authorOfRecord(record))
}

/** A 谈心谈话 whose content the server withheld from this reader (not its author, not the secretary). */
export function isRedactedTalk(record: Pick<StoredActivity, 'types' | 'topic' | 'talk'> & { redacted?: boolean }): boolean {
  if (record.redacted === true) return true
  return record.types.includes('heartTalk') && record.topic === WITHHELD_TALK_TOPIC &&
    (record.talk === undefined || (record.talk.talker === '' && record.talk.target === ''))
}

/** The topic line of a record in the list and the detail page. */
export function shownTopic(record: Pick<StoredActivity, 'types' | 'topic' | 'talk'> & { redacted?: boolean }): string {
  return isRedactedTalk(record) ? REDACTED_TALK_TEXT : record.topic
}

/** "张书记 与 李明，支委与党员，当面，1 人次"; without people when they are not known (never "与 —"). */
export function talkLine(talk: TalkInfo): string {
  const people = talk.talker && talk.target ? `${talk.talker} 与 ${talk.target}` : talk.talker || talk.target
  const rest = `${TALK_PAIR_NAMES[talk.pair]}，${talk.mode}，${talk.personCount} 人次`
  return people ? `${people}，${rest}` : rest
}
