// Sync bookkeeping on this device, by job. Imported as '@client/db/sync' by the lazily loaded sync code only.
export { readSyncPosition, restartPull, readLastSyncAt, recordSyncSuccess, type SyncPosition } from './position'
export { readPushBatch, applyPushResults, type PushOutcome } from './push'
export { applyPullPage, applyPullPages } from './pull'
export { rotateClientId, resetSyncedCopy, requeueSyncedRecords, parkOutboxForOtherBranch, wipeBranchData } from './resets'
export { readRejectedChanges, discardRejectedChange, type RejectedChange } from './rejected'
