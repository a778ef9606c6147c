// One sync run (`syncOnce`; `pullAll` is exported for tests): push the outbox (oldest first, in batches), then pull
// pages until the server has nothing newer, reading ahead while writing (pageReader.ts).
// Everything it learns is written through db/ in one transaction per batch or page, so a run cut short at any
// point (tab closed, network gone) loses nothing and simply continues next time.
import { API } from '@shared/api'
import type { PullPage, PullResponse, PushRequest } from '@shared/sync/protocol'
import { DEFAULT_PULL_LIMIT, ERROR_CODES, MAX_PULL_LIMIT, MAX_PUSH_BATCH, PROTOCOL_VERSION } from '@shared/sync/protocol'
import { markSessionExpired, readSession } from '@client/db/session'
import {
  applyPullPages, applyPushResults, parkOutboxForOtherBranch, readPushBatch, readSyncPosition, recordSyncSuccess,
  requeueSyncedRecords, resetSyncedCopy, restartPull,
  rotateClientId, wipeBranchData,
} from '@client/db/sync'
import { receive, serverApi, ServerError, type ServerClient } from './http'
import { currentToken } from './accountApi'
import { uploadPendingPhotos } from './photos'
import { readPagesAhead } from './pageReader'

export type SyncResult =
  | { status: 'ok'; pushed: number; pulled: number }
  /** no session: a phone used on its own; nothing to do */
  | { status: 'signedOut' }
  | { status: 'sessionExpired' | 'revoked' | 'updateRequired' | 'serverBehind' | 'unsupported'; message: string }

/** Most rounds one run makes per phase; a run that needs more continues on the next trigger. */
const MAX_ROUNDS = 200

async function pushOutbox(client: ServerClient, token: string, branchId: string): Promise<{ pushed: number; rejectedSynced: boolean }> {
  let pushed = 0
  let rejectedSynced = false
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const batch = await readPushBatch(MAX_PUSH_BATCH, branchId)
    const first = batch[0]
    if (!first) break
    const body: PushRequest = { protocolVersion: PROTOCOL_VERSION, clientId: first.clientId, mutations: batch }
    const res = await receive(serverApi(client, token).api.sync.push.$post({ json: body }), API.push.response)
    const outcome = await applyPushResults(batch, res.results)
    pushed += res.results.filter((r) => r.status !== 'rejected').length
    rejectedSynced ||= outcome.rejectedSynced
    // The server wants seqs from lastClientSeq + 1. If this device no longer holds that change (it was wiped),
    // start over under a new clientId rather than asking forever.
    if (outcome.retry && first.clientSeq > res.lastClientSeq + 1) await rotateClientId()
  }
  return { pushed, rejectedSynced }
}

function fetchPullPage(client: ServerClient, token: string, cursor: number, epoch: string | null, limit: number, upTo?: number): Promise<PullResponse> {
  const query = {
    protocolVersion: String(PROTOCOL_VERSION), cursor: String(cursor), limit: String(limit), epoch: epoch ?? undefined,
    upTo: upTo === undefined ? undefined : String(upTo),
  }
  return receive(serverApi(client, token).api.sync.pull.$get({ query }), API.pull.response)
}

export async function pullAll(client: ServerClient, token: string): Promise<{ pulled: number; reset: boolean }> {
  let pulled = 0
  // At most a few starts: the stored cursor moved under this run (it should not: one sync run at a time).
  for (let start = 0; start < 3; start++) {
    const position = await readSyncPosition()
    // Catching up (a first sync, after a reset, or the server said there is more): the largest pages the server
    // allows, so fewer round trips. An everyday sync with a few new rows asks for the default.
    const reader = readPagesAhead(
      (cursor, epoch, limit, upTo) => fetchPullPage(client, token, cursor, epoch, limit, upTo),
      position,
      { first: position.cursor === 0 ? MAX_PULL_LIMIT : DEFAULT_PULL_LIMIT, next: MAX_PULL_LIMIT },
    )
    try {
      let cursor = position.cursor
      for (;;) {
        // Whatever has arrived while the last write ran is written together: one transaction, one commit.
        const answers = await reader.take()
        const pages = answers.filter((a): a is PullPage => !a.reset)
        if (pages.length > 0) {
          if (!await applyPullPages(pages, cursor)) break
          cursor = pages[pages.length - 1]!.cursor
          for (const page of pages) pulled += page.rows.length
        }
        const reset = answers.find((a) => a.reset)
        if (reset?.reset) {
          // A server restored from a backup may lack what it acknowledged: send everything this phone holds again.
          if (reset.reason === 'epoch_changed') await requeueSyncedRecords()
          await resetSyncedCopy(reset.epoch, reset.branchId)
          return { pulled, reset: true }
        }
        if (!pages[pages.length - 1]!.hasMore) return { pulled, reset: false }
      }
    } finally {
      reader.stop()
    }
  }
  throw new Error('同步位置被改动，稍后再试')
}

async function exchange(client: ServerClient, token: string, branchId: string): Promise<SyncResult> {
  const position = await readSyncPosition()
  // Signed in to another branch than the synced copy belongs to: that copy is not this branch's.
  if (position.branchId !== null && position.branchId !== branchId) {
    // Changes made for the other branch stay on the phone, refused with a reason; they never reach this branch.
    await parkOutboxForOtherBranch()
    await resetSyncedCopy(null, branchId)
  }
  let pushed = 0
  let pulled = 0
  for (let attempt = 0; attempt < 3; attempt++) {
    const push = await pushOutbox(client, token, branchId)
    pushed += push.pushed
    // Photos go after their records, so the server already knows the record a photo belongs to.
    await uploadPendingPhotos(client, token)
    // A refused change to a record the server has: pull everything again so the phone shows the server's copy.
    if (push.rejectedSynced) await restartPull()
    const pull = await pullAll(client, token)
    pulled += pull.pulled
    if (!pull.reset) {
      await recordSyncSuccess()
      return { status: 'ok', pushed, pulled }
    }
    // Reset: the synced copy is gone and the outbox renumbered under a new clientId; push it again, pull from 0.
  }
  throw new Error('服务器连续要求重新同步，稍后再试')
}

/** One full run for the signed-in account. Network failures and 5xx are thrown (the loop backs off). */
export async function syncOnce(client: ServerClient): Promise<SyncResult> {
  const session = await readSession()
  if (!session || session.expired) return { status: 'signedOut' }
  const branchId = session.me.branch?.id
  if (!branchId) return { status: 'unsupported', message: '党委账号请在电脑上查看各支部数据' }
  try {
    return await exchange(client, await currentToken(client, session), branchId)
  } catch (err) {
    if (!(err instanceof ServerError)) throw err
    if (err.code === ERROR_CODES.membershipRevoked) {
      await wipeBranchData()
      return { status: 'revoked', message: '您已被移出本支部，本机上的支部数据已清除' }
    }
    if (err.status === 401) {
      await markSessionExpired()
      return { status: 'sessionExpired', message: '登录已失效，请重新登录。本机数据和待同步的修改都还在。' }
    }
    if (err.status === 426 || err.code === ERROR_CODES.protocolTooOld) {
      return { status: 'updateRequired', message: '应用版本过旧，请关闭所有窗口后重新打开以更新' }
    }
    if (err.code === ERROR_CODES.protocolTooNew) return { status: 'serverBehind', message: err.message }
    throw err
  }
}
