// Runs inside Chromium, on a page the peer server serves: RxDB 17 with its free Dexie (IndexedDB) storage,
// replicating the branch's records over its HTTP replication (replicateRxCollection with a pull and a push
// handler against bench/syncPeerServer.ts), then the same single save-to-visible: insert one record and wait for
// the month list, fed by a live query, to show it.
import { createRxDatabase, type RxCollection } from 'rxdb/plugins/core'
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie'
import { replicateRxCollection } from 'rxdb/plugins/replication'
import { monthOf, newRecord, renderList, whenVisible, type ListedRecord } from './listView'

const BATCH = 1000 // the same page size our sync asks for when catching up (MAX_PULL_LIMIT)

const schema = {
  version: 0, primaryKey: 'id', type: 'object',
  properties: { id: { type: 'string', maxLength: 100 }, date: { type: 'string', maxLength: 10 } },
  required: ['id', 'date'], indexes: ['date'],
} as const

let collection: RxCollection | null = null

async function post<T>(path: string, body: unknown): Promise<T> {
  const res = await fetch(path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) })
  if (!res.ok) throw new Error(`${path}: ${res.status}`)
  return await res.json() as T
}

async function runSync(): Promise<{ ms: number; stored: number }> {
  const db = await createRxDatabase({ name: `rxdb-bench-${Date.now()}`, storage: getRxStorageDexie(), multiInstance: false })
  const { activities } = await db.addCollections({ activities: { schema } })
  collection = activities
  const t0 = performance.now()
  const replication = replicateRxCollection<Record<string, unknown>, { seq: number }>({
    collection: activities, replicationIdentifier: 'bench-http', live: false, waitForLeadership: false,
    pull: { batchSize: BATCH, handler: (checkpoint, batchSize) => post('/rxdb/pull', { checkpoint: checkpoint ?? null, batchSize }) },
    push: { batchSize: BATCH, handler: (rows) => post('/rxdb/push', rows) },
  })
  await replication.awaitInitialReplication()
  const ms = performance.now() - t0
  await replication.cancel()
  const stored = await activities.count().exec()
  return { ms, stored }
}

/** Insert one record and time until the live month list shows it; `rounds` times, after one warm-up. */
async function runSaves(rounds: number): Promise<number[]> {
  const activities = collection
  if (!activities) throw new Error('sync first')
  const like = (await activities.findOne().exec())!.toJSON() as Record<string, unknown>
  const container = document.body.appendChild(document.createElement('div'))
  const times: number[] = []
  for (let i = 0; i <= rounds; i++) {
    const record = newRecord(like, i)
    const [first, last] = monthOf(record.date)
    let highlight: string | null = null
    const query = activities.find({ selector: { date: { $gte: first, $lte: last } }, sort: [{ date: 'desc' }] })
    let shown!: () => void
    const firstShown = new Promise<void>((resolve) => { shown = resolve })
    const sub = query.$.subscribe((docs) => {
      renderList(container, docs.map((d) => d.toJSON() as unknown as ListedRecord), highlight)
      shown()
    })
    await firstShown
    const start = performance.now()
    highlight = record.id
    const visible = whenVisible(record.id, start)
    await activities.insert(record)
    const ms = await visible
    sub.unsubscribe()
    if (i > 0) times.push(ms)
  }
  container.remove()
  return times
}

Object.assign(window, { rxdbBench: { runSync, runSaves } })
