// Live data for components: re-runs a repository read when its tables change or its inputs change.
import { onScopeDispose, ref, shallowRef, watch, type Ref, type WatchSource } from 'vue'
import { observe, type LiveSubscription } from '@client/db/live'

export function useLiveQuery<T>(query: () => Promise<T>, sources: WatchSource[] = []): { data: Ref<T | undefined>; error: Ref<unknown> } {
  const data = shallowRef<T | undefined>(undefined)
  const error = ref<unknown>(null)
  let subscription: LiveSubscription | null = null

  function start() {
    subscription?.unsubscribe()
    subscription = observe(query, (value) => { data.value = value; error.value = null }, (e) => { error.value = e })
  }

  watch(sources, start, { immediate: true })
  onScopeDispose(() => subscription?.unsubscribe())
  return { data, error }
}
