// The record tables sync writes into, by entity.
import type { SyncEntity } from '@shared/sync/mutation'
import { getDb } from '../connection'

export type RecordEntity = Exclude<SyncEntity, 'settings'>

export function recordTable(entity: RecordEntity) {
  const db = getDb()
  return entity === 'activity' ? db.activities : db.members
}
