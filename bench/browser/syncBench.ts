// Runs inside Chromium, on a page the branch server itself serves (same origin, as the installed app is): the
// app's own initial sync (`syncOnce`: push an empty outbox, then pull every page and apply it through db/sync.ts
// into the app's Dexie database), and the floor: the same rows written by one raw IndexedDB transaction.
import { getDb } from '@client/db/connection'
import { applyPullPage } from '@client/db/sync'
import { MAX_PULL_LIMIT, PROTOCOL_VERSION, type PullPage } from '@shared/sync/protocol'
import { signIn } from '@client/sync/accountApi'
import { syncOnce } from '@client/sync/engine'
import { browserClient } from '@client/sync/http'

/**
 * Sign in the way the app does (POST /api/auth/signin, the session stored in IndexedDB: a phone's first sync always
 * follows its sign-in or join, in the same page). Untimed, and outside the CPU the bench measures; runOurs then
 * times one full sync run.
 */
async function signInOurs(username: string, password: string): Promise<void> {
  await signIn(browserClient(), username, password)
}

async function runOurs(): Promise<{ ms: number; status: string; stored: number }> {
  const t0 = performance.now()
  const result = await syncOnce(browserClient())
  const ms = performance.now() - t0
  const stored = await getDb().activities.count()
  return { ms, status: result.status, stored }
}

/**
 * Where the time goes: the same pages the engine asks for, one step at a time with nothing overlapped —
 * server + network (fetch and read the body), JSON.parse, and applyPullPage (db/sync.ts: outbox overlay, Dexie
 * bulkPut, cursor) — each summed over all pages.
 */
async function profileOurs(token: string): Promise<{ pages: number; serverMs: number; parseMs: number; applyMs: number }> {
  let cursor = 0
  let epoch = ''
  let pages = 0
  let serverMs = 0
  let parseMs = 0
  let applyMs = 0
  for (;;) {
    const query = new URLSearchParams({ protocolVersion: String(PROTOCOL_VERSION), cursor: String(cursor), limit: String(MAX_PULL_LIMIT) })
    if (epoch) query.set('epoch', epoch)
    let t = performance.now()
    const res = await fetch(`/api/sync/pull?${query.toString()}`, { headers: { Authorization: `Bearer ${token}` }, cache: 'no-store' })
    const text = await res.text()
    serverMs += performance.now() - t
    t = performance.now()
    const page = JSON.parse(text) as PullPage
    parseMs += performance.now() - t
    t = performance.now()
    await applyPullPage(page)
    applyMs += performance.now() - t
    pages += 1
    cursor = page.cursor
    epoch = page.epoch
    if (!page.hasMore) return { pages, serverMs, parseMs, applyMs }
  }
}

/** The rows exactly as the sync stored them (the floor writes these same objects). */
async function storedRows(): Promise<unknown[]> {
  return getDb().activities.toArray()
}

/**
 * One readwrite transaction, one object store shaped like the app's `activities`: key id and the indexes its Dexie
 * schema declares (src/client/db/schema.ts, read from the app's own database here), so the floor maintains the
 * same indexes ours does.
 */
async function runFloor(rows: Record<string, unknown>[]): Promise<{ ms: number; stored: number }> {
  const name = `floor-${Date.now()}-${Math.random().toString(36).slice(2)}`
  const indexes = getDb().activities.schema.indexes
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const open = indexedDB.open(name, 1)
    open.onupgradeneeded = () => {
      const store = open.result.createObjectStore('activities', { keyPath: 'id' })
      for (const index of indexes) store.createIndex(index.name, index.keyPath as string, { multiEntry: index.multi === true })
    }
    open.onsuccess = () => resolve(open.result)
    open.onerror = () => reject(open.error)
  })
  const t0 = performance.now()
  await new Promise<void>((resolve, reject) => {
    const tx = db.transaction('activities', 'readwrite')
    const store = tx.objectStore('activities')
    for (const row of rows) store.put(row)
    tx.oncomplete = () => resolve()
    tx.onerror = () => reject(tx.error)
    tx.onabort = () => reject(tx.error)
  })
  const ms = performance.now() - t0
  const stored = await new Promise<number>((resolve) => {
    const req = db.transaction('activities').objectStore('activities').count()
    req.onsuccess = () => resolve(req.result)
  })
  db.close()
  return { ms, stored }
}

Object.assign(window, { syncBench: { signInOurs, runOurs, profileOurs, storedRows, runFloor } })
