// Today's date in China, refreshed when the app comes back to the foreground (a phone left open overnight).
import { onScopeDispose, ref } from 'vue'
import { chinaDateOf } from '@shared/dates'

export function useChinaToday() {
  const today = ref(chinaDateOf())
  const refresh = () => { today.value = chinaDateOf() }
  document.addEventListener('visibilitychange', refresh)
  onScopeDispose(() => document.removeEventListener('visibilitychange', refresh))
  return today
}
