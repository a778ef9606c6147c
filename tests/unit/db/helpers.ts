import { useDatabase } from '@client/db'
import type { ActivityFields } from '@shared/model/activity'

let counter = 0

/** A fresh, uniquely named fake IndexedDB database for each test. */
export function freshDatabase(): void {
  useDatabase(`test-${process.pid}-${++counter}-${Math.random().toString(36).slice(2)}`)
}

export function themeDayFields(overrides: Partial<ActivityFields> = {}): ActivityFields {
  return {
    types: ['themeDay'], date: '2026-11-10', place: '党员活动室', topic: '11月主题党日', host: '', recorder: '',
    summary: '', resolution: '', photoIds: [], ...overrides,
  }
}
