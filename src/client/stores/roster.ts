// The roster as the UI sees it: live members, plus the actions the roster page needs.
import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { addMembers, setMemberActive, updateMember } from '@client/db/members'
import { observe } from '@client/db/live'
import { rosterForDisplay } from '@client/db/rosterDisplay'
import type { StoredMember } from '@client/db/schema'
import type { MemberFields } from '@shared/model/member'
import { isCommitteeRole } from '@shared/roles'

export const useRosterStore = defineStore('roster', () => {
  const members = ref<StoredMember[]>([])
  const loaded = ref(false)

  // While a joined phone's own roster waits to be mapped, only the branch's entries show (no name twice).
  observe(rosterForDisplay, (value) => { members.value = value; loaded.value = true }, () => { loaded.value = true })

  const activeMembers = computed(() => members.value.filter((m) => m.active))
  const committeeMembers = computed(() => activeMembers.value.filter((m) => isCommitteeRole(m.role)))
  const byId = computed(() => new Map(members.value.map((m) => [m.id, m])))
  const secretary = computed(() => activeMembers.value.find((m) => m.role === 'secretary'))

  /** the name as shown everywhere: with its 备注 when it has one (王芳（第二党小组）, as memberLabel in @shared/model/memberLabel) */
  function nameOf(id: string): string {
    const m = byId.value.get(id)
    return m ? (m.note ? `${m.name}（${m.note}）` : m.name) : '（已移除）'
  }

  async function add(list: Omit<MemberFields, 'order'>[]) {
    return addMembers(list)
  }

  async function update(id: string, fields: MemberFields) {
    await updateMember(id, fields)
  }

  async function setActive(id: string, active: boolean) {
    await setMemberActive(id, active)
  }

  return { members, loaded, activeMembers, committeeMembers, byId, secretary, nameOf, add, update, setActive }
})
