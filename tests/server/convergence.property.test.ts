// Property: five or more devices make random creates, edits and deletes while the network drops, duplicates,
// delays and reorders messages. After the network heals: every device holds what the server holds, no write is
// lost or duplicated, and the secretary's totals equal the server's.
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Mutation } from '../../src/shared/sync/mutation'
import { PROTOCOL_VERSION, type PushResponse, type SyncRow } from '../../src/shared/sync/protocol'
import { BACKENDS } from './helpers/backends'
import { activityFields, newId } from './helpers/device'
import { type Api, setupBranch, startServer, type TestServer } from './helpers/harness'

const EDITABLE = ['topic', 'place', 'summary'] as const
type Fault = 'ok' | 'drop-request' | 'drop-response' | 'duplicate' | 'delay'

/** A device: the server's copy from pulls, plus the outbox applied on top, as a real client shows it. */
class SimDevice {
  readonly clientId = newId().replace(/-/g, '')
  seq = 0
  outbox: Mutation[] = []
  server = new Map<string, SyncRow>()
  cursor = 0
  constructor(readonly api: Api, readonly userId: string, readonly isSecretary: boolean) {}

  view(): Map<string, Record<string, unknown> | null> {
    const out = new Map<string, Record<string, unknown> | null>()
    for (const [id, row] of this.server) out.set(id, row.deleted ? null : { ...row.data })
    for (const m of this.outbox) {
      if (m.op === 'delete') out.set(m.recordId, null)
      else {
        const current = out.get(m.recordId)
        if (current === null) continue
        out.set(m.recordId, { ...(current ?? {}), ...m.fields })
      }
    }
    return out
  }
  enqueue(op: 'put' | 'delete', recordId: string, fields: Record<string, unknown>): Mutation {
    this.seq += 1
    const m: Mutation = { clientId: this.clientId, clientSeq: this.seq, entity: 'activity', op, recordId,
      baseVersion: this.server.get(recordId)?.version ?? null, fields }
    this.outbox.push(m)
    return m
  }
  pushBody() {
    return { protocolVersion: PROTOCOL_VERSION, clientId: this.clientId, mutations: [...this.outbox] }
  }
  acknowledge(body: PushResponse, outcomes: Map<string, string>) {
    for (const r of body.results) {
      if (r.error?.retry) continue
      const key = `${this.clientId}:${r.clientSeq}`
      if (!outcomes.has(key) || outcomes.get(key) === 'duplicate') outcomes.set(key, r.status)
    }
    const done = new Set(body.results.filter((r) => !r.error?.retry).map((r) => r.clientSeq))
    this.outbox = this.outbox.filter((m) => !done.has(m.clientSeq))
  }
  async pull(): Promise<void> {
    for (;;) {
      const res = await this.api.get(`/api/sync/pull?protocolVersion=${PROTOCOL_VERSION}&cursor=${this.cursor}&limit=7`)
      if (res.status !== 200 || res.body.reset) throw new Error(`pull ${res.status}`)
      for (const row of res.body.rows as SyncRow[]) this.server.set(row.id, row)
      this.cursor = res.body.cursor
      if (!res.body.hasMore) return
    }
  }
}

const stepArb = fc.record({
  device: fc.nat(5),
  kind: fc.constantFrom('create', 'create', 'edit', 'edit', 'edit', 'edit', 'delete', 'sync', 'sync', 'sync', 'pull', 'pull',
    'deliver-delayed'),
  pick: fc.nat(1000),
  field: fc.constantFrom(...EDITABLE),
  text: fc.string({ minLength: 1, maxLength: 8 }).filter((s) => s.trim().length > 0),
  fault: fc.constantFrom<Fault>('ok', 'ok', 'drop-request', 'drop-response', 'duplicate', 'delay'),
})

describe.each(BACKENDS)('convergence under a faulty network on $name', (backend) => {
  let ts: TestServer
  beforeAll(async () => { ts = await startServer(backend) })
  afterAll(async () => ts.close())

  it('converges with no loss and no duplicates', async () => {
    await fc.assert(fc.asyncProperty(fc.array(stepArb, { minLength: 40, maxLength: 100 }), async (steps) => {
      const branch = await setupBranch(ts)
      const m1 = await branch.addMember()
      const m2 = await branch.addMember()
      const devices = [
        new SimDevice(branch.secretary, branch.secretaryId, true),
        new SimDevice(branch.secretary, branch.secretaryId, true),
        new SimDevice(m1.api, m1.userId, false),
        new SimDevice(m1.api, m1.userId, false),
        new SimDevice(m2.api, m2.userId, false),
        new SimDevice(m2.api, m2.userId, false),
      ]
      const authorOf = new Map<string, string>()
      const written: { device: SimDevice; m: Mutation }[] = []
      const outcomes = new Map<string, string>()
      const delayed: { device: SimDevice; body: ReturnType<SimDevice['pushBody']> }[] = []
      const send = (d: SimDevice, body: ReturnType<SimDevice['pushBody']>) => d.api.post('/api/sync/push', body)

      for (const step of steps) {
        const d = devices[step.device] as SimDevice
        const live = [...d.view()].filter(([, v]) => v !== null).map(([id]) => id)
        const target = live.length > 0 ? live[step.pick % live.length] : undefined
        if (step.kind === 'create' || ((step.kind === 'edit' || step.kind === 'delete') && !target)) {
          const id = newId()
          authorOf.set(id, d.userId)
          written.push({ device: d, m: d.enqueue('put', id, activityFields({ topic: step.text })) })
        } else if (step.kind === 'edit' && target) {
          written.push({ device: d, m: d.enqueue('put', target, { [step.field]: step.text }) })
        } else if (step.kind === 'delete' && target) {
          written.push({ device: d, m: d.enqueue('delete', target, {}) })
        } else if (step.kind === 'sync' && d.outbox.length > 0) {
          const body = d.pushBody()
          if (step.fault === 'drop-request') continue
          if (step.fault === 'delay') { delayed.push({ device: d, body }); continue }
          const res = await send(d, body)
          if (step.fault === 'duplicate') await send(d, body)
          if (step.fault !== 'drop-response' && res.status === 200) d.acknowledge(res.body, outcomes)
        } else if (step.kind === 'pull') {
          if (step.fault !== 'drop-response') await d.pull()
        } else if (step.kind === 'deliver-delayed' && delayed.length > 0) {
          const [late] = delayed.splice(step.pick % delayed.length, 1)
          if (late) {
            const res = await send(late.device, late.body)
            if (res.status === 200) late.device.acknowledge(res.body, outcomes)
          }
        }
      }
      // Heal: deliver what is still in flight (reordered after newer pushes), then sync everyone until quiet.
      for (const late of delayed) await send(late.device, late.body)
      for (let round = 0; round < 3; round++) {
        for (const d of devices) {
          if (d.outbox.length === 0) continue
          const res = await send(d, d.pushBody())
          expect(res.status).toBe(200)
          d.acknowledge(res.body, outcomes)
        }
      }
      for (const d of devices) {
        expect(d.outbox).toHaveLength(0)
        await d.pull()
      }

      // 1. every device holds what the server holds
      const truth = devices[0] as SimDevice
      const serverRows = await ts.db.all<{ id: string; deleted: unknown; data: string }>(
        `SELECT id, deleted, data FROM records WHERE branch_id = $1`, [branch.branchId])
      expect(serverRows.length).toBe(truth.server.size)
      for (const d of devices) expect(Object.fromEntries(d.view())).toEqual(Object.fromEntries(truth.view()))

      // 2. nothing duplicated, nothing lost: one server row per created id
      const createdIds = new Set(written.filter((w) => w.m.op === 'put' && w.m.baseVersion === null && authorOf.has(w.m.recordId)
        && 'types' in w.m.fields).map((w) => w.m.recordId))
      expect(new Set(serverRows.map((r) => r.id))).toEqual(createdIds)

      // 3. each live field holds a value some accepted write put there; where a single device that may edit the
      //    record was the only writer of a field, its last value is the one kept
      const view = truth.view()
      for (const id of createdIds) {
        const data = view.get(id)
        if (!data) {
          expect(written.some((w) => w.m.op === 'delete' && w.m.recordId === id)).toBe(true)
          continue
        }
        for (const field of EDITABLE) {
          const writers = written.filter((w) => w.m.recordId === id && w.m.op === 'put' && field in w.m.fields
            && outcomes.get(`${w.device.clientId}:${w.m.clientSeq}`) !== 'rejected')
          expect(writers.map((w) => w.m.fields[field])).toContain(data[field])
          const devicesWriting = new Set(writers.map((w) => w.device))
          const only = writers[writers.length - 1]
          if (devicesWriting.size === 1 && only && (only.device.isSecretary || authorOf.get(id) === only.device.userId)) {
            expect(data[field]).toBe(only.m.fields[field])
          }
        }
      }

      // 4. the secretary's totals equal the server's
      const serverLive = serverRows.filter((r) => Number(r.deleted) === 0).length
      expect([...truth.view().values()].filter((v) => v !== null).length).toBe(serverLive)
    }), { numRuns: backend.name === 'sqlite' ? 10 : 6 })
  }, 120_000)
})
