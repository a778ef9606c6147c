// Starts the sync loop for this page (called once from main.ts, loaded after the first paint): on start, when the
// network comes back, when the app becomes visible, a second after a change is saved here, when the change feed
// (changeFeed.ts) says another phone pushed, and on a timer (30 s; 5 min while the feed is up and nothing waits).
import { watch } from 'vue'
import { observe } from '@client/db'
import { readSession } from '@client/db/session'
import { readLastSyncAt, readSyncPosition } from '@client/db/sync'
import { useStatusStore } from '@client/stores/status'
import { useSyncStore } from '@client/stores/sync'
import { useToastStore } from '@client/stores/toast'
import { syncOnce } from './engine'
import { browserClient, NetworkError } from './http'
import { createSyncLoop, webLock, type LoopEvent } from './loop'
import { startChangeFeed, type ChangeFeed } from './changeFeed'
import { afterFirstPaintNotice } from '@client/components/common/lateSlot'

const DEFAULT_INTERVAL_MS = 30_000
/** While the change feed is up it says when others changed something; the timer is only a fallback then. */
const INTERVAL_WITH_FEED_MS = 5 * 60_000
/** A change saved here goes out this soon while online (a burst of saves goes together). */
const PUSH_SOON_MS = 1_000
/** Test hook (documented in README): a shorter timer for the two-browser e2e test. */
const INTERVAL_OVERRIDE_KEY = 'branch-log:sync-interval-ms'

function intervalMs(): number {
  try {
    const n = Number(localStorage.getItem(INTERVAL_OVERRIDE_KEY))
    return Number.isFinite(n) && n >= 500 ? n : DEFAULT_INTERVAL_MS
  } catch {
    return DEFAULT_INTERVAL_MS
  }
}

export function startSync(): void {
  // records arriving by this loop's pulls are announced by this notice (App.vue shows it)
  void import('@client/components/common/NewSyncNotice.vue').then((m) => { afterFirstPaintNotice.value = m.default })
  const sync = useSyncStore()
  const status = useStatusStore()
  const toast = useToastStore()

  function onEvent(event: LoopEvent) {
    if (event.phase === 'syncing') { sync.setSyncing(true); return }
    sync.setSyncing(false)
    if (event.phase === 'failed') {
      const offlineLike = event.error instanceof NetworkError
      sync.setFailed(offlineLike ? '连不上服务器，稍后自动重试' : '同步出错，稍后自动重试')
      return
    }
    const { result } = event
    if (result.status === 'ok') sync.setSucceeded()
    else if (result.status === 'signedOut') sync.setProblem(sync.problem?.kind === 'revoked' ? sync.problem : null)
    else {
      sync.setProblem({ kind: result.status, message: result.message })
      if (result.status === 'revoked') toast.show(result.message, { kind: 'error' })
    }
  }

  const polling = intervalMs()
  let feed: ChangeFeed | null = null
  const loop = createSyncLoop({
    run: () => syncOnce(browserClient()),
    onEvent,
    intervalMs: () => (feed?.connected && status.pendingChanges === 0 ? Math.max(polling, INTERVAL_WITH_FEED_MS) : polling),
    isOnline: () => navigator.onLine,
    isVisible: () => document.visibilityState === 'visible',
    exclusive: webLock,
  })
  feed = startChangeFeed({
    client: browserClient(),
    token: async () => {
      const session = await readSession()
      return session && !session.expired && session.me.branch ? session.token : null
    },
    cursor: async () => (await readSyncPosition()).cursor,
    onNewer: () => void loop.runNow(),
    isOnline: () => navigator.onLine,
    isVisible: () => document.visibilityState === 'visible',
    // the feed went down while the app is in use: sync now, and the timer is back to its short pause
    onConnected: (up) => { if (!up && document.visibilityState === 'visible') void loop.runNow() },
  })
  sync.attach(loop.runNow)
  // Saved here while online: sent within a second, so the branch's other open phones have it in seconds too.
  let pushSoon: ReturnType<typeof setTimeout> | undefined
  watch(() => status.pendingChanges, (count, before) => {
    if (count <= before || !navigator.onLine) return
    clearTimeout(pushSoon)
    pushSoon = setTimeout(() => void loop.runNow(), PUSH_SOON_MS)
  })
  window.addEventListener('online', () => { feed?.wake(); void loop.runNow() })
  window.addEventListener('offline', () => feed?.wake())
  document.addEventListener('visibilitychange', () => {
    feed?.wake()
    if (document.visibilityState === 'visible') void loop.runNow()
  })
  // a 述职报告 submitted offline is sent when the phone is online again, whichever screen is open
  void import('@client/report/submissionQueue').then((q) => q.startSubmissionQueue()).catch(() => undefined)
  observe(readLastSyncAt, (at) => status.setLastSyncAt(at), () => undefined)
  let sessionToken: string | null | undefined
  observe(readSession, (s) => {
    sync.setSignedIn(s !== null && !s.expired)
    const token = s && !s.expired ? s.token : null
    if (sessionToken !== undefined && token !== sessionToken) feed?.reconnect()
    sessionToken = token
  }, () => undefined)
  void loop.runNow()
}
