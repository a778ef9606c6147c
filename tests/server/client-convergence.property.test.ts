// Property: six phones — the REAL client code (db/ on fake-indexeddb, each phone in its own IDBFactory, and the
// real sync engine) — make random creates, edits and deletes as the secretary or as members, and sync through a
// faulty network: requests dropped, answers dropped after the server applied them, requests sent twice, held
// back and delivered late (out of order), 500s before or after the server applied them, and the phone crashing
// between the server's answer and writing it (its database connection dies, as when the app is killed). After
// the faults stop and everyone syncs until nothing moves: no change lost, none duplicated, every phone holds
// exactly the server's records.
import fc from 'fast-check'
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  ChangeNotAllowedError, countPendingChanges, createActivity, deleteActivity, listAllActivities, updateActivity,
  useDatabase, type StoredActivity,
} from '@client/db'
import { getDb } from '@client/db/connection'
import { saveSession } from '@client/db/session'
import { readRejectedChanges } from '@client/db/sync'
import { syncOnce } from '@client/sync/engine'
import type { ServerClient } from '@client/sync/http'
import type { MeResponse } from '@shared/sync/account'
import { RECORD_COLUMNS, recordView, type RecordRow } from '../../src/server/services/records'
import { themeDayFields } from '../unit/db/helpers'
import { BACKENDS } from './helpers/backends'
import { setupBranch, startServer, type TestServer } from './helpers/harness'

const FIELDS = ['topic', 'place', 'summary'] as const
type Field = (typeof FIELDS)[number]

const FAULTS = ['ok', 'drop-request', 'drop-answer', 'duplicate', 'hold', 'error-500', 'error-500-after', 'crash'] as const
type Fault = (typeof FAULTS)[number]

/** A request held back by the network, delivered later (after newer ones) or never answered to the phone. */
interface HeldRequest { url: string; init: RequestInit }

/** What the runs exercised, so the test fails if the faults stop reaching the paths they are meant for. */
const seen = new Map<string, number>()
const tally = (what: string) => seen.set(what, (seen.get(what) ?? 0) + 1)

class Phone {
  readonly indexedDb = { indexedDB: new IDBFactory(), IDBKeyRange }
  readonly dbName: string
  /** faults for this phone's next requests, one each; then the network is fine */
  faults: Fault[] = []
  readonly client: ServerClient

  constructor(readonly label: string, readonly token: string, readonly isSecretary: boolean, private readonly held: HeldRequest[]) {
    this.dbName = `phone-${label}`
    this.client = { baseUrl: '', fetch: ((input: string, init: RequestInit) => this.send(input, init)) as typeof fetch }
  }

  /** Make this phone's database the app's one connection (a fresh connection: after a crash, the app restarts). */
  open(): void {
    useDatabase(this.dbName, this.indexedDb)
  }

  private async send(url: string, init: RequestInit): Promise<Response> {
    const fault = this.faults.shift() ?? 'ok'
    tally(`${fault} ${init.method === 'POST' ? 'push' : 'pull'}`)
    // the connection this request belongs to; a crash kills it, never another phone's
    const connection = getDb()
    switch (fault) {
      case 'drop-request': throw new TypeError('fetch failed: connection reset')
      case 'hold': this.held.push({ url, init }); throw new TypeError('fetch failed: timed out')
      case 'error-500': return new Response('Internal Server Error', { status: 500 })
      case 'error-500-after': await fetch(url, init); return new Response('Bad Gateway', { status: 502 })
      case 'drop-answer': await fetch(url, init); throw new TypeError('fetch failed: connection lost')
      case 'duplicate': await fetch(url, init); return fetch(url, init)
      case 'crash': {
        const answer = await fetch(url, init)
        await answer.clone().text()
        connection.close() // the app dies holding the answer: nothing of it is written
        return answer
      }
      default: return fetch(url, init)
    }
  }
}

interface Written { phone: Phone; id: string; field: Field; value: string }

const stepArb = fc.record({
  phone: fc.nat(5),
  kind: fc.constantFrom('create', 'create', 'edit', 'edit', 'edit', 'edit', 'delete', 'sync', 'sync', 'sync', 'sync', 'sync', 'deliver-held'),
  pick: fc.nat(1000),
  field: fc.constantFrom(...FIELDS),
  word: fc.constantFrom('学习', '会议', '活动室', '讨论', '党课', '总结', '支部'),
  faults: fc.array(fc.constantFrom<Fault>(...FAULTS), { minLength: 1, maxLength: 5 }),
})

function textFor(field: Field, word: string, n: number): string {
  return field === 'topic' ? `${word}主题${n}` : `${word}${n}`
}

describe.each(BACKENDS)('real phones converge through a faulty network on $name', (backend) => {
  let ts: TestServer
  beforeAll(async () => { ts = await startServer(backend) })
  afterAll(async () => ts.close())

  it('0 lost, 0 duplicated, every phone equal to the server', async () => {
    seen.clear()
    let run = 0
    await fc.assert(fc.asyncProperty(fc.array(stepArb, { minLength: 20, maxLength: 45 }), async (steps) => {
      run++
      const branch = await setupBranch(ts)
      const m1 = await branch.addMember()
      const m2 = await branch.addMember()
      const held: HeldRequest[] = []
      const secretaryToken = branch.secretary.token as string
      const accounts: [string, string, boolean][] = [
        ['sec-a', secretaryToken, true], ['sec-b', secretaryToken, true],
        ['m1-a', m1.api.token as string, false], ['m1-b', m1.api.token as string, false],
        ['m2-a', m2.api.token as string, false], ['m2-b', m2.api.token as string, false],
      ]
      const phones = accounts.map(([label, token, isSecretary]) => new Phone(`${run}-${label}-${Math.random()}`, token, isSecretary, held))
      for (const p of phones) {
        p.client.baseUrl = ts.url
        p.open()
        const me = (await ts.api.withToken(p.token).get('/api/me')).body as MeResponse
        await saveSession(p.token, me)
      }

      const created = new Set<string>()
      const deleted = new Set<string>()
      const written: Written[] = []
      let counter = 0

      for (const step of steps) {
        const phone = phones[step.phone]!
        phone.open()
        const live = (await listAllActivities()).filter((r) => !r.deleted).sort((a, b) => a.id.localeCompare(b.id))
        const target: StoredActivity | undefined = live[step.pick % Math.max(1, live.length)]
        counter++
        if (step.kind === 'create' || ((step.kind === 'edit' || step.kind === 'delete') && !target)) {
          const fields = themeDayFields({ topic: textFor('topic', step.word, counter), place: textFor('place', step.word, counter), summary: '' })
          const record = await createActivity(fields)
          created.add(record.id)
          for (const field of FIELDS) written.push({ phone, id: record.id, field, value: record[field] })
        } else if ((step.kind === 'edit' || step.kind === 'delete') && target) {
          const before = await countPendingChanges()
          try {
            if (step.kind === 'edit') {
              const value = textFor(step.field, step.word, counter)
              await updateActivity(target.id, { ...target, [step.field]: value })
              written.push({ phone, id: target.id, field: step.field, value })
            } else {
              await deleteActivity(target.id)
              deleted.add(target.id)
            }
          } catch (err) {
            // a member may not change the secretary's (or the other member's) records: refused on the phone
            expect(err).toBeInstanceOf(ChangeNotAllowedError)
            expect(phone.isSecretary).toBe(false)
            expect(await countPendingChanges()).toBe(before)
            tally('refused on the phone')
          }
        } else if (step.kind === 'sync') {
          phone.faults = [...step.faults]
          await syncOnce(phone.client).catch(() => undefined) // network errors: the loop would retry later
          phone.faults = []
        } else if (step.kind === 'deliver-held' && held.length > 0) {
          const [late] = held.splice(step.pick % held.length, 1)
          if (late) await fetch(late.url, late.init)
        }
      }

      // The network heals: what was held arrives late, then everyone syncs until nothing moves.
      for (const late of held.splice(0)) await fetch(late.url, late.init)
      for (let round = 0; ; round++) {
        expect(round).toBeLessThan(6)
        let moved = 0
        for (const phone of phones) {
          phone.open()
          const result = await syncOnce(phone.client)
          expect(result.status).toBe('ok')
          if (result.status === 'ok') moved += result.pushed + result.pulled
        }
        if (moved === 0) break
      }

      const rows = await ts.db.all<RecordRow>(
        `SELECT ${RECORD_COLUMNS} FROM records WHERE branch_id = $1 AND entity = 'activity'`, [branch.branchId])
      const server = new Map(rows.map((r) => [r.id, { version: Number(r.version), view: recordView(r) }]))

      // 0 duplicated, 0 lost: one server record per record created on a phone; every delete arrived
      expect(new Set(server.keys())).toEqual(created)
      expect(new Set([...server].filter(([, r]) => r.view.deleted === true).map(([id]) => id))).toEqual(deleted)

      // every phone holds exactly the server's records, and nothing waits
      const serverLive = Object.fromEntries([...server].filter(([, r]) => r.view.deleted !== true).map(([id, r]) => [id, r.view]))
      for (const phone of phones) {
        phone.open()
        expect(await countPendingChanges()).toBe(0)
        const records = await listAllActivities()
        for (const r of records) expect(r.serverVersion).toBe(server.get(r.id)?.version)
        const phoneLive = Object.fromEntries(records.filter((r) => !r.deleted).map(({ serverVersion: _v, ...r }) => [r.id, r]))
        expect(phoneLive).toEqual(serverLive)
        // a change the server refused was to a record deleted meanwhile (edits never undo a delete)
        for (const refused of await readRejectedChanges()) {
          const entry = await getDb().outbox.get(refused.clientSeq)
          expect(deleted.has(entry?.mutation.recordId ?? '')).toBe(true)
        }
      }

      // each live field holds a value some phone wrote there; a field only one phone wrote keeps its last value
      for (const [id, record] of Object.entries(serverLive)) {
        for (const field of FIELDS) {
          const writes = written.filter((w) => w.id === id && w.field === field)
          expect(writes.map((w) => w.value)).toContain(record[field])
          if (new Set(writes.map((w) => w.phone)).size === 1) expect(record[field]).toBe(writes.at(-1)?.value)
        }
      }
    }), { numRuns: backend.name === 'sqlite' ? 18 : 14, seed: 20_261_201 }) // fixed seed: the coverage checks below hold on a busy machine too
    // the runs reached what they are meant to test
    for (const fault of FAULTS) expect(seen.get(`${fault} push`) ?? 0, `${fault} on a push`).toBeGreaterThan(0)
    expect(seen.get('refused on the phone') ?? 0).toBeGreaterThan(0)
    console.info(`[client convergence on ${backend.name}]`, JSON.stringify(Object.fromEntries(seen)))
  }, 180_000)
})
