// The signed-in account and the account screens' actions (sign-in, join, sign-out, the secretary's tools).
import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import type { JoinRequest } from '@shared/sync/account'
import type { Actor } from '@shared/permissions'
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
  /**
   * Who is acting on this phone, for the shared permission rules (src/shared/permissions.ts). An expired session
   * still names the account: what it changes now is pushed after signing in again. No session: the phone is alone.
   */
  const actor = computed<Actor>(() => {
    const user = me.value?.user
    return user ? { role: user.role, userId: user.id, memberId: user.memberId } : { role: 'alone', userId: null, memberId: null }
  })

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

  return {
    session, loaded, me, signedIn, isSecretary, actor, signIn, join, signOut,
    preview: (code: string) => api.previewInvite(client, code),
    createInvite: (hours?: number, uses?: number) => api.createInvite(client, hours, uses),
    listInvites: () => api.listInvites(client),
    revokeInvite: (id: string) => api.revokeInvite(client, id),
    listAccounts: () => api.listBranchAccounts(client),
    removeAccount: (id: string) => api.removeBranchAccount(client, id),
    readAudit: (after?: number) => api.readAudit(client, after),
  }
})
