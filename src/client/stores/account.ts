// The signed-in account and the account screens' actions (sign-in, join, sign-out, the secretary's tools).
import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import type { JoinRequest } from '@shared/sync/account'
import { observe, type StoredSession } from '@client/db'
import { readSession } from '@client/db/session'
import * as api from '@client/sync/accountApi'
import { browserClient } from '@client/sync/http'
import { useSyncStore } from './sync'

export const useAccountStore = defineStore('account', () => {
  const session = ref<StoredSession | null>(null)
  const loaded = ref(false)
  const client = browserClient()

  observe(readSession, (value) => { session.value = value; loaded.value = true }, () => { loaded.value = true })

  const me = computed(() => session.value?.me ?? null)
  const signedIn = computed(() => session.value !== null && !session.value.expired)
  const isSecretary = computed(() => signedIn.value && me.value?.user.role === 'secretary')

  async function afterSessionChange() {
    session.value = await readSession()
    const sync = useSyncStore()
    sync.setProblem(null)
    void sync.requestSync()
  }

  async function signIn(username: string, password: string) {
    await api.signIn(client, username, password)
    await afterSessionChange()
  }

  async function join(req: JoinRequest) {
    await api.joinBranch(client, req)
    await afterSessionChange()
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
    session, loaded, me, signedIn, isSecretary, signIn, join, signOut, changePassword, signOutEverywhere, refreshAccount,
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
