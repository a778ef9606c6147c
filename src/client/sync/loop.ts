// When to sync: on start, when the network comes back, when the app becomes visible, on a timer while visible,
// and on request. One run at a time per browser (a Web Lock shared by all tabs); failures back off exponentially.
import type { SyncResult } from './engine'

export type LoopEvent =
  | { phase: 'syncing' }
  | { phase: 'done'; result: SyncResult }
  | { phase: 'failed'; error: unknown; retryInMs: number }

export interface SyncLoopOptions {
  run: () => Promise<SyncResult>
  onEvent: (event: LoopEvent) => void
  /** the timer's pause between syncs while visible; a function when it changes (longer while the change feed is up) */
  intervalMs: number | (() => number)
  isOnline: () => boolean
  isVisible: () => boolean
  /** runs `task` unless another tab holds the sync lock */
  exclusive: (task: () => Promise<void>) => Promise<void>
}

export interface SyncLoop {
  runNow(): Promise<void>
  stop(): void
}

export const LOCK_NAME = 'branch-log-sync'
const MAX_BACKOFF_MS = 5 * 60_000

/** Web Locks when the browser has them (all current ones); otherwise run unguarded. */
export function webLock(task: () => Promise<void>): Promise<void> {
  const locks = typeof navigator === 'undefined' ? undefined : navigator.locks
  if (!locks?.request) return task()
  return locks.request(LOCK_NAME, { ifAvailable: true }, async (lock) => { if (lock) await task() })
}

export function backoffDelay(failures: number, baseMs = 2000, random = Math.random): number {
  const exp = Math.min(MAX_BACKOFF_MS, baseMs * 2 ** Math.max(0, failures - 1))
  return Math.round(exp * (0.75 + random() * 0.5))
}

export function createSyncLoop(o: SyncLoopOptions): SyncLoop {
  let timer: ReturnType<typeof setTimeout> | undefined
  let running: Promise<void> | null = null
  let again = false
  let failures = 0
  let halted = false

  function schedule() {
    clearTimeout(timer)
    if (halted) return
    if (failures > 0) timer = setTimeout(() => void runNow(), backoffDelay(failures))
    else if (o.isVisible()) timer = setTimeout(() => void runNow(), typeof o.intervalMs === 'number' ? o.intervalMs : o.intervalMs())
  }

  async function attempt() {
    o.onEvent({ phase: 'syncing' })
    try {
      const result = await o.run()
      failures = 0
      if (result.status === 'updateRequired') halted = true
      o.onEvent({ phase: 'done', result })
    } catch (error) {
      failures++
      o.onEvent({ phase: 'failed', error, retryInMs: backoffDelay(failures) })
    }
  }

  async function cycle() {
    do {
      again = false
      if (!o.isOnline()) break
      await o.exclusive(attempt)
    } while (again)
  }

  function runNow(): Promise<void> {
    if (halted) return Promise.resolve()
    if (running) {
      again = true
      return running
    }
    clearTimeout(timer)
    running = cycle().finally(() => {
      running = null
      schedule()
    })
    return running
  }

  return { runNow, stop() { halted = true; clearTimeout(timer) } }
}
