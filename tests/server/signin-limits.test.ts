// Sign-in limits that hold: attempts are counted before the password hash, atomically in the database; the
// buckets are per account-and-address (with a progressive delay) and per address, so an attacker at one address
// cannot keep the owner out at another. Old buckets are pruned.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { pruneRateLimits } from '../../src/server/services/rate-limit'
import { BACKENDS } from './helpers/backends'
import { setupBranch, startServer, uniqueName, type BranchFixture, type TestServer } from './helpers/harness'

describe.each(BACKENDS)('sign-in limits ($name)', (backend) => {
  let ts: TestServer
  let a: BranchFixture
  let clock = Date.UTC(2026, 10, 20, 2, 0, 0)
  const from = (address: string) => ({ 'X-Forwarded-For': address })

  beforeAll(async () => {
    ts = await startServer(backend, { trustProxy: true, now: () => clock })
    a = await setupBranch(ts)
  })
  afterAll(async () => ts?.close())

  async function signIn(username: string, password: string, address: string) {
    return ts.api.post('/api/auth/signin', { username, password }, from(address))
  }

  it('100 parallel wrong guesses at one account from one address check at most 5 passwords', async () => {
    const { session } = await a.addMember()
    const username = session.user.username as string
    const replies = await Promise.all(Array.from({ length: 100 }, () => signIn(username, 'wrong-password', '10.1.0.1')))
    const statuses = replies.map((r) => r.status)
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(5)
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(95)
    expect(statuses.every((s) => s === 401 || s === 429)).toBe(true)
    const refused = replies.find((r) => r.status === 429)
    expect(refused?.body.error.message).toMatch(/尝试次数过多/)
  })

  it('the owner signs in from another address while an attacker is locked out', async () => {
    const { session } = await a.addMember()
    const username = session.user.username as string
    for (let i = 0; i < 12; i++) await signIn(username, 'wrong-password', '10.2.0.1')
    expect((await signIn(username, 'member-pass-1', '10.2.0.1')).status).toBe(429)
    const owner = await signIn(username, 'member-pass-1', '10.2.0.2')
    expect(owner.status).toBe(200)
    expect(owner.body.token).toBeTruthy()
  })

  it('after five failures each further attempt waits longer', async () => {
    const { session } = await a.addMember()
    const username = session.user.username as string
    const address = '10.3.0.1'
    for (let i = 0; i < 5; i++) expect((await signIn(username, 'wrong-password', address)).status).toBe(401)
    expect((await signIn(username, 'member-pass-1', address)).status).toBe(429)
    clock += 5_000
    expect((await signIn(username, 'wrong-password', address)).status).toBe(401)
    clock += 5_000
    expect((await signIn(username, 'member-pass-1', address)).status).toBe(429) // needs 10 s now
    clock += 5_000
    expect((await signIn(username, 'member-pass-1', address)).status).toBe(200)
    // a success clears this account's bucket at this address
    expect((await signIn(username, 'wrong-password', address)).status).toBe(401)
    clock += 15 * 60_000
  })

  it('one address has a budget across accounts; a successful sign-in does not use it up', async () => {
    const address = '10.4.0.1'
    const { session } = await a.addMember()
    for (let i = 0; i < 5; i++) expect((await signIn(session.user.username as string, 'member-pass-1', address)).status).toBe(200)
    const burst = await Promise.all(Array.from({ length: 60 }, () => signIn(uniqueName('nobody'), 'wrong-password', address)))
    expect(burst.every((r) => r.status === 401)).toBe(true)
    expect((await signIn(uniqueName('nobody'), 'wrong-password', address)).status).toBe(429)
    expect((await signIn(session.user.username as string, 'member-pass-1', '10.4.0.2')).status).toBe(200)
  })

  it('old buckets are pruned', async () => {
    await ts.db.run(`INSERT INTO rate_limits (key, window_start, count, last_at) VALUES ('old-bucket', $1, 3, $1)`,
      [clock - 2 * 60 * 60_000])
    await ts.db.run(`INSERT INTO rate_limits (key, window_start, count, last_at) VALUES ('fresh-bucket', $1, 3, $1)`, [clock])
    expect(await pruneRateLimits(ts.db, clock)).toBeGreaterThanOrEqual(1)
    const keys = (await ts.db.all<{ key: string }>(`SELECT key FROM rate_limits WHERE key IN ('old-bucket', 'fresh-bucket')`))
      .map((r) => r.key)
    expect(keys).toEqual(['fresh-bucket'])
  })
})
