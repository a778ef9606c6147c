// The one door to IndexedDB. Nothing outside src/client/db imports Dexie.
export * from './activities'
export * from './members'
export * from './settings'
export * from './photos'
export * from './drafts'
export { countPendingChanges } from './outbox'
export { readRememberedTrackingStart, rememberTrackingStart } from './trackingStart'
export { readPhotoUploadProblem } from './photoUploadProblem'
export { getDeviceId, newId } from './meta'
export { ChangeNotAllowedError } from './permission'
export { isRosterMappingPending, rosterForDisplay } from './rosterDisplay'
// The join's roster mapping and the backup file are imported as '@client/db/join' and '@client/db/backup' by the
// screens that need them (not in the first download).
export { observe, type LiveSubscription } from './live'
export { useDatabase } from './connection'
export type { StoredActivity, StoredMember, StoredPhoto, OutboxEntry } from './schema'
// Sync bookkeeping and the session are imported as '@client/db/sync' and '@client/db/session' by the lazily loaded
// sync code only, so none of it is in the first download.
export type { SyncPosition, PushOutcome, RejectedChange } from './sync'
export type { StoredSession } from './session'
