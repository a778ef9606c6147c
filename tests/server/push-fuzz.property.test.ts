// Push never wedges a queue: whatever field names and JSON values one mutation carries, the batch is answered
// (no 5xx), the mutations after it apply, and a rejected mutation changes nothing stored (a pull before and after
// differ only by the good mutations). Field names include every Object.prototype member and "__proto__".
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { activityFieldsSchema } from '../../src/shared/model/activity'
import { memberFieldsSchema } from '../../src/shared/model/member'
import { branchSettingsSchema } from '../../src/shared/model/settings'
import { PROTOCOL_VERSION, type SyncRow } from '../../src/shared/sync/protocol'
import { BACKENDS } from './helpers/backends'
import { Device, activityFields, newId } from './helpers/device'
import { type BranchFixture, setupBranch, startServer, type TestServer } from './helpers/harness'

const PROTOTYPE_KEYS = [...Object.getOwnPropertyNames(Object.prototype), '__proto__']
const KNOWN_KEYS = [
  ...Object.keys(activityFieldsSchema.shape), ...Object.keys(memberFieldsSchema.shape), ...Object.keys(branchSettingsSchema.shape),
  'createdAt', 'updatedAt', 'backfilled', 'id', 'createdBy', 'deleted', 'version', 'branchId', 'authorUserId',
]

const fieldName = fc.oneof(
  fc.constantFrom(...PROTOTYPE_KEYS),
  fc.constantFrom(...KNOWN_KEYS),
  fc.string({ maxLength: 50 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
)
const jsonValue = fc.oneof(fc.jsonValue({ maxDepth: 4 }), fc.jsonValue({ maxDepth: 2, stringUnit: 'binary' }))

/** `fields` as JSON text with the given entries as own keys, in order (so "__proto__" is an own key when parsed). */
function fieldsJson(base: Record<string, unknown> | null, entries: [string, unknown][]): string {
  const all: [string, unknown][] = [...Object.entries(base ?? {}), ...entries]
  return `{${all.map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v) ?? 'null'}`).join(',')}}`
}

const poisoned = fc.record({
  entity: fc.constantFrom('activity' as const, 'member' as const, 'settings' as const),
  existing: fc.boolean(),
  validBase: fc.boolean(),
  entries: fc.array(fc.tuple(fieldName, jsonValue), { maxLength: 6 }),
})

describe.each(BACKENDS)('push fuzz on $name', (backend) => {
  let ts: TestServer
  let branch: BranchFixture
  const existingIds: Record<'activity' | 'member', string> = { activity: newId(), member: newId() }

  beforeAll(async () => {
    ts = await startServer(backend)
    branch = await setupBranch(ts)
    const d = new Device(branch.secretary)
    d.put('activity', existingIds.activity, activityFields({ topic: '被修改的记录' }))
    d.put('member', existingIds.member, { name: '张三', role: 'member', group: '', active: true, order: 1 })
    d.put('settings', branch.branchId, { branchName: '甲支部', defaultPlace: '', groups: ['第一党小组'], rules: [] })
    expect((await d.push()).body.results.map((r: { status: string }) => r.status)).toEqual(['applied', 'applied', 'applied'])
  })
  afterAll(async () => ts.close())

  async function everything(): Promise<Map<string, string>> {
    const res = await branch.secretary.get(`/api/sync/pull?protocolVersion=${PROTOCOL_VERSION}&cursor=0&limit=1000`)
    expect(res.status).toBe(200)
    expect(res.body.hasMore).toBe(false)
    return new Map((res.body.rows as SyncRow[]).map((r) => [`${r.entity}:${r.id}`, JSON.stringify(r)]))
  }

  it('never answers 5xx, applies the good mutations around a poisoned one, and a rejection stores nothing', async () => {
    await fc.assert(fc.asyncProperty(poisoned, async (p) => {
      const before = await everything()
      const d = new Device(branch.secretary)
      const good1 = newId()
      const good2 = newId()
      const recordId = p.entity === 'settings' ? branch.branchId : p.existing ? existingIds[p.entity] : newId()
      const base = !p.validBase ? null : p.entity === 'activity' ? activityFields()
        : p.entity === 'member' ? { name: '李四', role: 'member', group: '', active: true, order: 2 }
          : { branchName: '甲支部', defaultPlace: '', groups: [], rules: [] }
      const envelope = (seq: number, entity: string, id: string, fields: string) =>
        `{"clientId":"${d.clientId}","clientSeq":${seq},"entity":"${entity}","op":"put","recordId":"${id}","baseVersion":null,"fields":${fields}}`
      const body = `{"protocolVersion":${PROTOCOL_VERSION},"clientId":"${d.clientId}","mutations":[${[
        envelope(1, 'activity', good1, JSON.stringify(activityFields())),
        envelope(2, p.entity, recordId, fieldsJson(base, p.entries)),
        envelope(3, 'activity', good2, JSON.stringify(activityFields())),
      ].join(',')}]}`
      const res = await branch.secretary.post('/api/sync/push', body)
      expect(res.status, JSON.stringify(res.body)).toBe(200)
      const [r1, r2, r3] = res.body.results as { status: string; error?: { message: string; retry: boolean } }[]
      expect(r1?.status).toBe('applied')
      expect(r3?.status).toBe('applied')
      expect(['applied', 'rejected']).toContain(r2?.status)
      const after = await everything()
      expect(after.has(`activity:${good1}`)).toBe(true)
      expect(after.has(`activity:${good2}`)).toBe(true)
      if (r2?.status === 'rejected') {
        expect(r2.error?.retry).toBe(false)
        expect(r2.error?.message).toMatch(/[\u4e00-\u9fa5]/)
        after.delete(`activity:${good1}`)
        after.delete(`activity:${good2}`)
        expect(after).toEqual(before)
      }
    }), { numRuns: 40 })
  })

  it('a field named after each Object.prototype member is refused for that mutation alone', async () => {
    for (const key of PROTOTYPE_KEYS) {
      const d = new Device(branch.secretary)
      d.put('activity', newId(), activityFields())
      d.put('activity', existingIds.activity, {})
      d.put('activity', newId(), activityFields())
      const body = JSON.stringify({ protocolVersion: PROTOCOL_VERSION, clientId: d.clientId, mutations: d.outbox })
        .replace('"fields":{}', `"fields":{"topic":"改","${key}":{"0":1}}`)
      const res = await branch.secretary.post('/api/sync/push', body)
      expect(res.status).toBe(200)
      expect(res.body.results.map((r: { status: string }) => r.status), key).toEqual(['applied', 'rejected', 'applied'])
      expect(res.body.results[1].error).toEqual({ code: 'invalid', message: `未知字段：${key}`, retry: false })
    }
  })

  it('a malformed mutation (entity, op, record id, base version, fields) is refused alone; the batch goes on', async () => {
    const malformed: Record<string, unknown>[] = [
      { entity: 'photo' }, { op: 'upsert' }, { recordId: '../../etc' }, { baseVersion: 'a' }, { fields: [1, 2] },
      { fields: null }, { entity: undefined }, { recordId: 'x'.repeat(500) },
    ]
    for (const patch of malformed) {
      const d = new Device(branch.secretary)
      const before = await everything()
      d.put('activity', newId(), activityFields())
      d.put('activity', newId(), activityFields({ topic: '会被改坏的' }))
      d.put('activity', newId(), activityFields())
      const mutations = d.outbox.map((m, i) => (i === 1 ? { ...m, ...patch } : m))
      const res = await branch.secretary.post('/api/sync/push', { protocolVersion: PROTOCOL_VERSION, clientId: d.clientId, mutations })
      expect(res.status, JSON.stringify(patch)).toBe(200)
      expect(res.body.results.map((r: { status: string }) => r.status)).toEqual(['applied', 'rejected', 'applied'])
      expect(res.body.results[1].error).toMatchObject({ code: 'invalid_mutation', retry: false })
      expect(res.body.results[1].error.message).toMatch(/格式无效/)
      expect(res.body.lastClientSeq).toBe(d.outbox[2]!.clientSeq)
      const after = await everything()
      expect(after.size - before.size).toBe(2)
    }
  })

  it('deeply nested values are refused for that mutation alone', async () => {
    const d = new Device(branch.secretary)
    const deep = (n: number, open: string, close: string) => `${open.repeat(n)}1${close.repeat(n)}`
    d.put('activity', newId(), activityFields())
    d.put('activity', newId(), activityFields({ topic: 'DEEP_ARRAY' }))
    d.put('activity', newId(), activityFields({ attendance: 'DEEP_OBJECT' }))
    d.put('activity', newId(), activityFields({ secret: 'DEEP_ARRAY' }))
    d.put('activity', newId(), activityFields())
    const body = JSON.stringify({ protocolVersion: PROTOCOL_VERSION, clientId: d.clientId, mutations: d.outbox })
      .replaceAll('"DEEP_ARRAY"', deep(200_000, '[', ']'))
      .replace('"DEEP_OBJECT"', deep(100_000, '{"a":', '}'))
    const res = await branch.secretary.post('/api/sync/push', body)
    expect(res.status).toBe(200)
    expect(res.body.results.map((r: { status: string; error?: { message: string } }) => [r.status, r.error?.message])).toEqual([
      ['applied', undefined], ['rejected', '主题无效'], ['rejected', '出席情况无效'], ['rejected', '未知字段：secret'], ['applied', undefined]])
  })

  it('pull never answers 5xx, whatever the query holds', async () => {
    const value = fc.oneof(fc.string({ maxLength: 30 }), fc.string({ unit: 'binary', maxLength: 10 }),
      fc.integer().map(String), fc.bigInt().map(String), fc.constantFrom('', '-1', '1e9', '0x10', '999999999999999', 'NaN'))
    await fc.assert(fc.asyncProperty(fc.record({ cursor: value, limit: value, epoch: value, branchId: value, protocolVersion: value },
      { requiredKeys: [] }), async (q) => {
      const query = new URLSearchParams(q as Record<string, string>).toString()
      const res = await branch.secretary.get(`/api/sync/pull?${query}`)
      expect(res.status, `${query} → ${JSON.stringify(res.body)}`).toBeLessThan(500)
    }), { numRuns: 60 })
  })

  it('pull answers odd stored rows without failing (corrupt data, out-of-range times, bad field versions)', async () => {
    const odd = await setupBranch(ts)
    const d = new Device(odd.secretary)
    const ids = [newId(), newId(), newId()]
    for (const id of ids) d.put('activity', id, activityFields({ types: ['heartTalk'],
      talk: { talker: '甲', target: '乙', pair: 'memberMember', mode: '当面', personCount: 1 } }))
    await d.push()
    await ts.db.run(`UPDATE records SET data = $1, created_at = $2 WHERE id = $3`, ['{not json', 9e15, ids[0]!])
    await ts.db.run(`UPDATE records SET data = $1, field_versions = $2 WHERE id = $3`, ['[1,2]', 'null', ids[1]!])
    await ts.db.run(`UPDATE records SET data = $1, field_versions = $2 WHERE id = $3`, ['{"types":["heartTalk"],"talk":"x"}', '{"topic":"x"}', ids[2]!])
    const member = await odd.addMember()
    for (const api of [odd.secretary, member.api]) {
      const res = await api.get(`/api/sync/pull?protocolVersion=${PROTOCOL_VERSION}&cursor=0&limit=1000`)
      expect(res.status).toBe(200)
      expect((res.body.rows as SyncRow[]).map((r) => r.id).sort()).toEqual(expect.arrayContaining([...ids].sort()))
    }
    // and an edit of such a row is answered, not failed
    const e = new Device(odd.secretary)
    for (const id of ids) e.put('activity', id, { topic: '修复' })
    const res = await e.push()
    expect(res.status).toBe(200)
    expect(res.body.results).toHaveLength(3)
  })
})
