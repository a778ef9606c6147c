// Crash safety: the server killed with SIGKILL after committing and before answering, and killed mid-write.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createBranch } from '../../src/server/services/accounts'
import { join } from '../../src/server/services/auth'
import { PROTOCOL_VERSION } from '../../src/shared/sync/protocol'
import { BACKENDS, type Backend } from './helpers/backends'
import { type ChildServer, spawnServer } from './helpers/child-server'
import { Device, activityFields, newId } from './helpers/device'
import { Api, uniqueName } from './helpers/harness'

interface Fixture {
  env: Record<string, string>
  token: string
  cleanup(): Promise<void>
}

async function prepare(backend: Backend): Promise<Fixture> {
  const { db, env, cleanup } = await backend.open()
  const branch = await createBranch(db, { name: uniqueName('支部'), secretary: '张书记' })
  const session = await join(db, { code: branch.code, username: uniqueName('sec'), password: 'secret-pass-1' }, '127.0.0.1')
  await db.close()
  return { env, token: session.token, cleanup }
}

async function countLive(api: Api): Promise<Map<string, number>> {
  const d = new Device(api)
  await d.pull(1000)
  const counts = new Map<string, number>()
  for (const row of d.liveActivities()) counts.set(row.id, (counts.get(row.id) ?? 0) + 1)
  return counts
}

describe.each(BACKENDS)('crash safety on $name', (backend) => {
  let fx: Fixture
  let child: ChildServer | undefined
  beforeAll(async () => { fx = await prepare(backend) })
  afterAll(async () => {
    child?.proc.kill('SIGKILL')
    await fx.cleanup()
  })

  it('killed after commit, before the reply: the retry yields exactly one record', async () => {
    child = await spawnServer(fx.env)
    const device = new Device(new Api(child.url, fx.token))
    const id = newId()
    device.put('activity', id, activityFields({ topic: '断电前提交' }))
    await expect(device.push({ 'x-test-crash': 'after-commit' })).rejects.toThrow()
    expect((await child.exited).signal).toBe('SIGKILL')
    expect(device.outbox).toHaveLength(1)

    child = await spawnServer(fx.env)
    device.api = new Api(child.url, fx.token)
    const retry = await device.push()
    expect(retry.body.results).toEqual([{ clientSeq: 1, status: 'duplicate' }])
    const counts = await countLive(device.api)
    expect(counts.get(id)).toBe(1)
    child.proc.kill('SIGKILL')
    await child.exited
  })

  it('finishes requests in flight on SIGTERM and exits cleanly', async () => {
    child = await spawnServer(fx.env)
    const api = new Api(child.url, fx.token)
    const devices = Array.from({ length: 5 }, () => new Device(api))
    for (const d of devices) for (let i = 0; i < 20; i++) d.put('activity', newId(), activityFields())
    const ids = devices.map((d) => d.outbox.map((m) => m.recordId))
    const pushes = devices.map((d) => d.push())
    await new Promise((r) => setTimeout(r, 15))
    child.proc.kill('SIGTERM')
    const settled = await Promise.allSettled(pushes)
    const exit = await child.exited
    expect(exit.code).toBe(0)
    expect(settled.some((s) => s.status === 'fulfilled' && s.value.status === 200)).toBe(true)
    expect(child.output()).toContain('SIGTERM')
    // Every push that was answered is durable
    child = await spawnServer(fx.env)
    const counts = await countLive(new Api(child.url, fx.token))
    settled.forEach((s, i) => {
      if (s.status === 'fulfilled' && s.value.status === 200) {
        for (const id of ids[i] ?? []) expect(counts.get(id)).toBe(1)
      }
    })
    child.proc.kill('SIGKILL')
    await child.exited
  })

  it.runIf(backend.name === 'sqlite')('killed mid-write: every acknowledged push survives restart', async () => {
    child = await spawnServer(fx.env)
    const api = new Api(child.url, fx.token)
    const acknowledged = new Set<string>()
    const devices = Array.from({ length: 6 }, () => new Device(api))
    let running = true
    const writers = devices.map(async (d) => {
      while (running) {
        const batch = Array.from({ length: 5 }, () => newId())
        for (const id of batch) d.put('activity', id, activityFields())
        try {
          const res = await d.api.post('/api/sync/push', { protocolVersion: PROTOCOL_VERSION, clientId: d.clientId, mutations: d.outbox })
          if (res.status === 200) {
            for (const r of res.body.results as { clientSeq: number; status: string }[]) {
              const m = d.outbox.find((x) => x.clientSeq === r.clientSeq)
              if (m && (r.status === 'applied' || r.status === 'duplicate')) acknowledged.add(m.recordId)
            }
            d.acknowledge(res.body)
          }
        } catch {
          return
        }
      }
    })
    await new Promise((r) => setTimeout(r, 700))
    child.proc.kill('SIGKILL')
    running = false
    await Promise.all(writers)
    await child.exited
    expect(acknowledged.size).toBeGreaterThan(10)

    child = await spawnServer(fx.env)
    const restarted = new Api(child.url, fx.token)
    const counts = await countLive(restarted)
    for (const id of acknowledged) expect(counts.get(id), id).toBe(1)
    // the unacknowledged rest is resent and lands exactly once
    for (const d of devices) {
      d.api = restarted
      if (d.outbox.length > 0) expect((await d.push()).status).toBe(200)
    }
    const after = await countLive(restarted)
    for (const d of devices) expect(d.outbox).toHaveLength(0)
    for (const n of after.values()) expect(n).toBe(1)
    child.proc.kill('SIGKILL')
    await child.exited
  })
})
