// Starts the sync loop for this page (called once from main.ts, loaded after the first paint).
import { observe } from '@client/db'
import { readSession } from '@client/db/session'
import { readLastSyncAt } from '@client/db/sync'
import { useStatusStore } from '@client/stores/status'
import { useSyncStore } from '@client/stores/sync'
import { useToastStore } from '@client/stores/toast'
import { syncOnce } from './engine'
import { browserClient, NetworkError } from './http'
import { createSyncLoop, webLock, type LoopEvent } from './loop'
import { afterFirstPaintNotice } from '@client/components/common/lateSlot'

const DEFAULT_INTERVAL_MS = 30_000
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

  const loop = createSyncLoop({
    run: () => syncOnce(browserClient()),
    onEvent,
    intervalMs: intervalMs(),
    isOnline: () => navigator.onLine,
    isVisible: () => document.visibilityState === 'visible',
    exclusive: webLock,
  })
  sync.attach(loop.runNow)
  window.addEventListener('online', () => void loop.runNow())
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') void loop.runNow()
  })
  // a 述职报告 submitted offline is sent when the phone is online again, whichever screen is open
  void import('@client/report/submissionQueue').then((q) => q.startSubmissionQueue()).catch(() => undefined)
  observe(readLastSyncAt, (at) => status.setLastSyncAt(at), () => undefined)
  observe(readSession, (s) => sync.setSignedIn(s !== null && !s.expired), () => undefined)
  void loop.runNow()
}
