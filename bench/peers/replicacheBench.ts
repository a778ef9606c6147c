// Runs inside Chromium, on a page the peer server serves: Replicache 15 (no licence server: 15.x ignores the
// licence key and makes no request but to its pull and push URLs) pulling the branch's records from
// bench/syncPeerServer.ts into IndexedDB, then the same single save-to-visible: a mutator writes one record and a
// subscription over the date index re-renders the month list.
// ReplicacheImpl is what `new Replicache()` wraps; it is used for `persist()`: Replicache keeps what it pulls in
// memory and writes it to IndexedDB in the background, and the sync is timed until it is in IndexedDB, as ours is.
import { ReplicacheImpl } from 'replicache/impl'
import { TEST_LICENSE_KEY, type WriteTransaction, type ReadonlyJSONValue } from 'replicache'
import { monthOf, newRecord, renderList, whenVisible, type ListedRecord } from './listView'

const mutators = {
  async putActivity(tx: WriteTransaction, record: Record<string, ReadonlyJSONValue>) {
    await tx.set(`activity/${String(record.id)}`, record)
  },
}

let rep: ReplicacheImpl<typeof mutators> | null = null

async function runSync(expected: number): Promise<{ ms: number; visibleMs: number; stored: number }> {
  const t0 = performance.now()
  const r = new ReplicacheImpl<typeof mutators>({
    name: `replicache-bench-${Date.now()}`, licenseKey: TEST_LICENSE_KEY, pullURL: '/replicache/pull', pushURL: '/replicache/push',
    mutators, pullInterval: null, indexes: { byDate: { prefix: 'activity/', jsonPointer: '/date' } },
  })
  rep = r
  let count = 0
  const all = new Promise<void>((resolve) => {
    r.experimentalWatch((diff) => {
      for (const op of diff) count += op.op === 'add' ? 1 : op.op === 'del' ? -1 : 0
      if (count >= expected) resolve()
    }, { prefix: 'activity/', initialValuesInFirstDiff: true })
  })
  await r.pull({ now: true })
  await all
  const visibleMs = performance.now() - t0
  await r.persist()
  const ms = performance.now() - t0
  return { ms, visibleMs, stored: count }
}

/** Write one record through a mutator and time until the subscribed month list shows it. */
async function runSaves(rounds: number): Promise<number[]> {
  const r = rep
  if (!r) throw new Error('sync first')
  const like = await r.query(async (tx) => (await tx.scan({ prefix: 'activity/', limit: 1 }).values().toArray())[0]) as Record<string, unknown>
  const container = document.body.appendChild(document.createElement('div'))
  const times: number[] = []
  for (let i = 0; i <= rounds; i++) {
    const record = newRecord(like, i)
    const [first, last] = monthOf(record.date)
    let highlight: string | null = null
    let shown!: () => void
    const firstShown = new Promise<void>((resolve) => { shown = resolve })
    const unsubscribe = r.subscribe(async (tx) => {
      const rows: ListedRecord[] = []
      for await (const [[date], value] of tx.scan({ indexName: 'byDate', start: { key: [first] } }).entries()) {
        if (date > last) break
        rows.push(value as unknown as ListedRecord)
      }
      return rows
    }, { onData: (rows) => { renderList(container, rows as ListedRecord[], highlight); shown() } })
    await firstShown
    const start = performance.now()
    highlight = record.id
    const visible = whenVisible(record.id, start)
    await r.mutate.putActivity(record as Record<string, ReadonlyJSONValue>)
    const ms = await visible
    unsubscribe()
    if (i > 0) times.push(ms)
  }
  container.remove()
  return times
}

Object.assign(window, { replicacheBench: { runSync, runSaves } })
