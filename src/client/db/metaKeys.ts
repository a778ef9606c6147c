// Every key of the meta table, in one place: what this device knows about itself, its session and its sync.
export const META_KEYS = {
  /** random id of this database, sent as the sync clientId; replaced when the outbox is renumbered */
  deviceId: 'deviceId',
  /** last sequence number given to an outbox entry (strictly increasing on this device) */
  lastClientSeq: 'lastClientSeq',
  /** who enters records here: the account's roster entry after joining, a device-local id before */
  localUserId: 'localUserId',
  /** the signed-in session (token and account), see session.ts */
  session: 'session',
  /** position in the server's change feed */
  cursor: 'syncCursor',
  /** the server's epoch the cursor belongs to (it changes when the server is restored from a backup) */
  epoch: 'syncEpoch',
  /** the branch the synced copy belongs to */
  branchId: 'syncBranchId',
  /** when the last sync run succeeded (display only) */
  lastSyncAt: 'lastSyncAt',
  /** a phone used alone joined a branch: its roster still has to be mapped onto the branch's; nothing is pushed */
  rosterMappingPending: 'rosterMappingPending',
  /** the start of compliance checking this device worked out when the settings name none (trackingStart.ts) */
  trackingStartAuto: 'trackingStartAuto',
  /** why photos wait on this phone (the server's photo space or disk is full), in Chinese; absent when none do */
  photoUploadProblem: 'photoUploadProblem',
  /** ids of activity records that arrived by sync from others since the member last looked ("新同步 N 条") */
  newlySynced: 'newlySynced',
  /** a pull from cursor 0 is still under way: its pages are the branch's copy, announced as nothing new */
  quietPull: 'quietPull',
} as const

export type MetaKey = (typeof META_KEYS)[keyof typeof META_KEYS]
