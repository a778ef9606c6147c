// The signed-in account and the account screens' actions (sign-in, join, sign-out, the secretary's tools).
import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import type { JoinRequest } from '@shared/sync/account'
import type { Actor } from '@shared/permissions'
import { observe } from '@client/db/live'
import type { StoredSession } from '@client/db/session'
import { beginRosterMapping, hasLocalDataToMap } from '@client/db/join'
import { readSession } from '@client/db/session'
import * as api from '@client/sync/accountApi'
import { browserClient } from '@client/sync/http'
import { LOCK_NAME } from '@client/sync/loop'
import { useSyncStore } from './sync'

/** Run `task` while holding the sync lock, so no sync run starts in the middle of it (none is skipped for long). */
function withSyncHeld<T>(task: () => Promise<T>): Promise<T> {
  const locks = typeof navigator === 'undefined' ? undefined : navigator.locks
  return locks?.request ? locks.request(LOCK_NAME, task) : task()
}

export const useAccountStore = defineStore('account', () => {
  const session = ref<StoredSession | null>(null)
  const loaded = ref(false)
  const client = browserClient()

  observe(readSession, (value) => { session.value = value; loaded.value = true }, () => { loaded.value = true })

  const me = computed(() => session.value?.me ?? null)
  const signedIn = computed(() => session.value !== null && !session.value.expired)
  const isSecretary = computed(() => signedIn.value && me.value?.user.role === 'secretary')
  /**
   * Who is acting on this phone, for the shared permission rules (src/shared/permissions.ts). An expired session
   * still names the account: what it changes now is pushed after signing in again. No session: the phone is alone.
   */
  const actor = computed<Actor>(() => {
    const user = me.value?.user
    return user ? { role: user.role, userId: user.id, memberId: user.memberId } : { role: 'alone', userId: null, memberId: null }
  })

  /** Read the new session; the returned promise is the first sync run with it. */
  async function adoptSession(): Promise<{ firstSync: Promise<void> }> {
    session.value = await readSession()
    const sync = useSyncStore()
    sync.setProblem(null)
    return { firstSync: sync.requestSync() }
  }

  /**
   * Sign in or join with `call`. A phone with a roster of its own holds its changes back from the moment the
   * session exists (the sync lock is held until then) and waits for the first pull, which brings the branch
   * roster: the caller then shows the mapping screen (`mapRoster`), and nothing of the phone's is pushed before
   * it is confirmed (docs/domain.md, "Joining a branch with a phone's own data").
   */
  async function enterBranch(call: () => Promise<unknown>): Promise<{ mapRoster: boolean }> {
    const mapRoster = await withSyncHeld(async () => {
      const ownRoster = await hasLocalDataToMap()
      await call()
      // a committee account reads branches and sends nothing: there is no roster of its own to map
      const mapping = ownRoster && (await readSession())?.me.user.role !== 'committee'
      if (mapping) await beginRosterMapping()
      return mapping
    })
    const { firstSync } = await adoptSession()
    if (mapRoster) await firstSync
    return { mapRoster }
  }

  function signIn(username: string, password: string): Promise<{ mapRoster: boolean }> {
    return enterBranch(() => api.signIn(client, username, password))
  }

  function join(req: JoinRequest): Promise<{ mapRoster: boolean }> {
    return enterBranch(() => api.joinBranch(client, req))
  }

  async function signOut() {
    await api.signOut(client)
    session.value = null
  }

  async function changePassword(oldPassword: string, newPassword: string) {
    await api.changePassword(client, oldPassword, newPassword)
  }

  async function signOutEverywhere() {
    await api.signOutEverywhere(client)
    session.value = null
  }

  /** Reads this account from the server again (e.g. whether the secretary confirmed the roster entry). */
  async function refreshAccount() {
    await api.refreshAccount(client)
    session.value = await readSession()
  }

  return {
    session, loaded, me, signedIn, isSecretary, actor, signIn, join, signOut, changePassword, signOutEverywhere, refreshAccount,
    preview: (code: string) => api.previewInvite(client, code),
    createInvite: (hours?: number, uses?: number, memberId?: string) => api.createInvite(client, hours, uses, memberId),
    createPasswordReset: (userId: string) => api.createPasswordReset(client, userId),
    confirmMemberClaim: (userId: string, accept: boolean) => api.confirmMemberClaim(client, userId, accept),
    listInvites: () => api.listInvites(client),
    revokeInvite: (id: string) => api.revokeInvite(client, id),
    listAccounts: () => api.listBranchAccounts(client),
    removeAccount: (id: string) => api.removeBranchAccount(client, id),
    readAudit: (after?: number) => api.readAudit(client, after),
  }
})
