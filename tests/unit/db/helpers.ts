import { useDatabase } from '@client/db'
import { getDb } from '@client/db/connection'
import { applyPushResults } from '@client/db/sync'
import type { ActivityFields } from '@shared/model/activity'
import type { Mutation } from '@shared/sync/mutation'
import type { PushResult } from '@shared/sync/protocol'

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

/** The changes waiting in the outbox (not refused), oldest first, read straight from the table. */
export async function readOutbox(limit = 1000): Promise<Mutation[]> {
  const rows = await getDb().outbox.orderBy('clientSeq').filter((e) => e.rejectedReason === undefined).limit(limit).toArray()
  return rows.map((r) => r.mutation)
}

/** As if the server answered a push of the whole outbox: `applied` taken, `rejected` refused with a reason. */
export async function answerPush(applied: number[], rejected: { clientSeq: number; reason: string }[] = []): Promise<void> {
  const sent = (await getDb().outbox.toArray()).map((e) => e.mutation)
  const results: PushResult[] = [
    ...applied.map((clientSeq) => ({ clientSeq, status: 'applied' as const })),
    ...rejected.map((r) => ({ clientSeq: r.clientSeq, status: 'rejected' as const, error: { code: 'forbidden', message: r.reason, retry: false } })),
  ]
  await applyPushResults(sent, results)
}
