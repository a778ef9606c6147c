// Live queries: re-run a repository read whenever the tables it touched change (in this tab or another).
import { liveQuery } from 'dexie'

export interface LiveSubscription {
  unsubscribe(): void
}

export function observe<T>(query: () => Promise<T>, onValue: (value: T) => void, onError: (error: unknown) => void): LiveSubscription {
  return liveQuery(query).subscribe({ next: onValue, error: onError })
}
