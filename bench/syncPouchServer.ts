// The comparison server for the sync benchmark: express-pouchdb (the CouchDB replication protocol) over
// in-memory PouchDB on 127.0.0.1, serving the PouchDB bench page from the same origin (no CORS round trips).
import { createRequire } from 'node:module'
import type { AddressInfo } from 'node:net'
import type { Server } from 'node:http'

const require = createRequire(import.meta.url)

interface ExpressApp {
  use(path: string, handler: unknown): void
  use(handler: unknown): void
  listen(port: number, host: string, cb: () => void): Server
}

export interface PouchServer {
  url: string
  /** the replication source: `${url}/db/bench` */
  remoteUrl: string
  close(): Promise<void>
}

export async function startPouchServer(staticDir: string, docs: Record<string, unknown>[]): Promise<PouchServer> {
  const PouchDB = require('pouchdb-core')
    .plugin(require('pouchdb-adapter-memory'))
    .plugin(require('pouchdb-adapter-http'))
    .plugin(require('pouchdb-replication'))
    .plugin(require('pouchdb-mapreduce'))
  const express = require('express') as { (): ExpressApp; static(dir: string): unknown }
  const expressPouchDb = require('express-pouchdb') as (p: unknown, o: Record<string, unknown>) => unknown
  const app = express()
  app.use('/db', expressPouchDb(PouchDB.defaults({ adapter: 'memory' }), { mode: 'minimumForPouchDB', inMemoryConfig: true }))
  app.use(express.static(staticDir))
  const server = await new Promise<Server>((resolve) => { const s = app.listen(0, '127.0.0.1', () => resolve(s)) })
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  const remoteUrl = `${url}/db/bench`
  // Seed over HTTP, so the documents live in the database instance the server answers from.
  const created = await fetch(remoteUrl, { method: 'PUT' })
  if (!created.ok) throw new Error(`PouchDB server: create failed ${created.status} ${await created.text()}`)
  for (let i = 0; i < docs.length; i += 1000) {
    const res = await fetch(`${remoteUrl}/_bulk_docs`, {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ docs: docs.slice(i, i + 1000) }),
    })
    if (!res.ok) throw new Error(`PouchDB server: seeding failed ${res.status} ${await res.text()}`)
  }
  const info = await (await fetch(remoteUrl)).json() as { doc_count: number }
  if (info.doc_count !== docs.length) throw new Error(`PouchDB server holds ${info.doc_count} of ${docs.length} documents`)
  return {
    url,
    remoteUrl,
    close: () => new Promise((resolve) => {
      server.closeAllConnections()
      server.close(() => resolve())
    }),
  }
}
