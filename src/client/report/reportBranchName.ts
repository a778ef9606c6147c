// Whose report: the branch name from the settings, else the one the server gave when this phone joined the branch
// (a member who joined with an invite has it in the stored session before any settings arrive); and the secretary's
// name for the signature, from the roster.
import { computed } from 'vue'
import { useAccountStore } from '@client/stores/account'
import { useRosterStore } from '@client/stores/roster'
import { useSettingsStore } from '@client/stores/settings'

export function reportBranchName(settingsName: string, sessionBranchName: string | null | undefined): string {
  return settingsName.trim() || sessionBranchName?.trim() || ''
}

export function useReportBranchName() {
  const settings = useSettingsStore()
  const account = useAccountStore()
  return computed(() => reportBranchName(settings.settings.branchName, account.me?.branch?.name))
}

export function useSecretaryName() {
  const roster = useRosterStore()
  return computed(() => roster.members.find((m) => m.role === 'secretary' && m.active && !m.deleted)?.name ?? '')
}
