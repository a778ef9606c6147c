// Runs inside Chromium, on a page served by the PouchDB server: PouchDB replicating a remote database into a
// fresh local one (IndexedDB adapter), with PouchDB's default replication settings.
import PouchDB from 'pouchdb-browser'

async function runPouch(remoteUrl: string): Promise<{ ms: number; stored: number; adapter: string }> {
  const local = new PouchDB(`pouch-bench-${Date.now()}`)
  const t0 = performance.now()
  await local.replicate.from(remoteUrl)
  const ms = performance.now() - t0
  const info = await local.info()
  return { ms, stored: info.doc_count, adapter: (local as unknown as { adapter: string }).adapter }
}

Object.assign(window, { pouchBench: { runPouch } })
