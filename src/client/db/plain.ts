import { toRaw } from 'vue'

/** Deep-unwrap Vue proxies so values can be structured-cloned into IndexedDB. */
export function plain<T>(value: T): T {
  return JSON.parse(JSON.stringify(toRaw(value))) as T
}
