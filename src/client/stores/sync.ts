// Sync state as the UI sees it: running or not, the last failure, and anything the user must act on.
import { defineStore } from 'pinia'
import { ref } from 'vue'

export type SyncProblemKind = 'sessionExpired' | 'revoked' | 'updateRequired' | 'serverBehind' | 'unsupported'

export interface SyncProblem {
  kind: SyncProblemKind
  message: string
}

export const useSyncStore = defineStore('sync', () => {
  const syncing = ref(false)
  /** the last run failed for a network or server reason (retried with backoff) */
  const failed = ref(false)
  const failureMessage = ref('')
  const problem = ref<SyncProblem | null>(null)
  const signedIn = ref(false)
  let trigger: (() => Promise<void>) | null = null

  function attach(run: () => Promise<void>) { trigger = run }
  /** Sync now (the 立即同步 button, after sign-in). Resolves when the run is over; no-op before the loop starts. */
  async function requestSync(): Promise<void> { await trigger?.() }
  function setSyncing(value: boolean) { syncing.value = value }
  function setFailed(message: string) { failed.value = true; failureMessage.value = message }
  function setSucceeded() { failed.value = false; failureMessage.value = ''; problem.value = null }
  function setProblem(value: SyncProblem | null) { problem.value = value; failed.value = false }
  function setSignedIn(value: boolean) { signedIn.value = value }

  return {
    syncing, failed, failureMessage, problem, signedIn,
    attach, requestSync, setSyncing, setFailed, setSucceeded, setProblem, setSignedIn,
  }
})
