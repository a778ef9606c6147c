// A simulated device: an outbox with per-device sequence numbers, push and paged pull, and a local copy.
import { v7 as uuid } from 'uuid'
import { chinaDateOf, addDays } from '../../../src/shared/dates'
import type { Mutation, SyncEntity } from '../../../src/shared/sync/mutation'
import { PROTOCOL_VERSION, type PushResponse, type SyncRow } from '../../../src/shared/sync/protocol'
import type { Api, Reply } from './harness'

export function activityFields(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    types: ['themeDay'], date: addDays(chinaDateOf(), -10), place: '党员活动室', topic: '主题党日：重温入党誓词',
    host: '张书记', recorder: '李委员', summary: '', resolution: '', photoIds: [], ...over,
  }
}

export function newId(): string {
  return uuid()
}

export class Device {
  readonly clientId = uuid().replace(/-/g, '')
  private seq = 0
  outbox: Mutation[] = []
  cursor = 0
  epoch: string | undefined
  /** local copy by `${entity}:${id}` */
  readonly local = new Map<string, SyncRow>()
  /** server versions this device last saw per record */
  readonly seen = new Map<string, number>()

  constructor(public api: Api) {}

  put(entity: SyncEntity, recordId: string, fields: Record<string, unknown>): Mutation {
    return this.enqueue({ entity, op: 'put', recordId, fields })
  }
  del(entity: SyncEntity, recordId: string): Mutation {
    return this.enqueue({ entity, op: 'delete', recordId, fields: {} })
  }
  /** undo a delete the server has: the whole record comes back under its id */
  restore(entity: SyncEntity, recordId: string, fields: Record<string, unknown>): Mutation {
    return this.enqueue({ entity, op: 'restore', recordId, fields })
  }
  private enqueue(m: Pick<Mutation, 'entity' | 'op' | 'recordId' | 'fields'>): Mutation {
    this.seq += 1
    const full: Mutation = { ...m, clientId: this.clientId, clientSeq: this.seq,
      baseVersion: this.seen.get(`${m.entity}:${m.recordId}`) ?? null }
    this.outbox.push(full)
    return full
  }

  /** Push the whole outbox; drop what the server consumed. */
  async push(headers: Record<string, string> = {}): Promise<Reply> {
    const res = await this.api.post('/api/sync/push',
      { protocolVersion: PROTOCOL_VERSION, clientId: this.clientId, mutations: this.outbox }, headers)
    if (res.status === 200) this.acknowledge(res.body as PushResponse)
    return res
  }

  acknowledge(body: PushResponse): void {
    const done = new Set(body.results.filter((r) => !r.error?.retry).map((r) => r.clientSeq))
    this.outbox = this.outbox.filter((m) => !done.has(m.clientSeq))
  }

  /** Pull every page. */
  async pull(limit = 100, branchId?: string): Promise<number> {
    let pages = 0
    for (;;) {
      const q = `/api/sync/pull?protocolVersion=${PROTOCOL_VERSION}&cursor=${this.cursor}&limit=${limit}` +
        (this.epoch ? `&epoch=${this.epoch}` : '') + (branchId ? `&branchId=${branchId}` : '')
      const res = await this.api.get(q)
      if (res.status !== 200) throw new Error(`pull failed ${res.status} ${JSON.stringify(res.body)}`)
      if (res.body.reset) throw new Error(`unexpected reset ${res.body.reason}`)
      this.applyRows(res.body.rows as SyncRow[])
      this.cursor = res.body.cursor
      this.epoch = res.body.epoch
      pages += 1
      if (!res.body.hasMore) return pages
    }
  }

  applyRows(rows: SyncRow[]): void {
    for (const row of rows) {
      const key = `${row.entity}:${row.id}`
      this.local.set(key, row)
      this.seen.set(key, row.version)
    }
  }

  liveActivities(): SyncRow[] {
    return [...this.local.values()].filter((r) => r.entity === 'activity' && !r.deleted)
  }
}
