// When the loop runs: coalesced triggers, nothing while offline, exponential backoff after failures.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { backoffDelay, createSyncLoop, type LoopEvent } from '@client/sync/loop'
import type { SyncResult } from '@client/sync/engine'

beforeEach(() => { vi.useFakeTimers() })
afterEach(() => { vi.useRealTimers() })

function setup(run: () => Promise<SyncResult>, online = { value: true }) {
  const events: LoopEvent[] = []
  const loop = createSyncLoop({
    run, onEvent: (e) => events.push(e), intervalMs: 30_000, isOnline: () => online.value, isVisible: () => true,
    exclusive: (task) => task(),
  })
  return { loop, events }
}

describe('sync loop', () => {
  it('runs again once when triggered during a run, then on the timer', async () => {
    let calls = 0
    const { loop } = setup(async () => { calls++; await new Promise((r) => setTimeout(r, 100)); return { status: 'signedOut' } })
    const first = loop.runNow()
    void loop.runNow()
    void loop.runNow()
    await vi.advanceTimersByTimeAsync(250)
    await first
    expect(calls).toBe(2)
    await vi.advanceTimersByTimeAsync(30_100)
    expect(calls).toBe(3)
    loop.stop()
  })

  it('does nothing while offline', async () => {
    const online = { value: false }
    const run = vi.fn(async (): Promise<SyncResult> => ({ status: 'signedOut' }))
    const { loop, events } = setup(run, online)
    await loop.runNow()
    expect(run).not.toHaveBeenCalled()
    expect(events).toHaveLength(0)
    loop.stop()
  })

  it('backs off exponentially after network failures and recovers', async () => {
    let fail = true
    let calls = 0
    const { loop, events } = setup(async () => { calls++; if (fail) throw new Error('offline'); return { status: 'ok', pushed: 0, pulled: 0 } })
    await loop.runNow()
    expect(events.at(-1)).toMatchObject({ phase: 'failed' })
    await vi.advanceTimersByTimeAsync(2600)
    expect(calls).toBe(2)
    await vi.advanceTimersByTimeAsync(2000)
    expect(calls).toBe(2) // second delay is about 4 s
    fail = false
    await vi.advanceTimersByTimeAsync(3500)
    expect(calls).toBe(3)
    expect(events.at(-1)).toMatchObject({ phase: 'done', result: { status: 'ok' } })
    loop.stop()
  })

  it('stops for good when the app must be updated', async () => {
    const run = vi.fn(async (): Promise<SyncResult> => ({ status: 'updateRequired', message: '请更新' }))
    const { loop } = setup(run)
    await loop.runNow()
    await loop.runNow()
    await vi.advanceTimersByTimeAsync(120_000)
    expect(run).toHaveBeenCalledTimes(1)
  })

  it('caps the backoff at five minutes', () => {
    expect(backoffDelay(1, 2000, () => 0.5)).toBe(2000)
    expect(backoffDelay(3, 2000, () => 0.5)).toBe(8000)
    expect(backoffDelay(30, 2000, () => 0.5)).toBe(300_000)
  })
})
