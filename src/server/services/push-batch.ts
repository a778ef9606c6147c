// A push group stored in a fixed handful of statements, whatever its size: after the branch lock, one read of the
// group's devices, one of the records its mutations touch (and the branch's settings), then the writes. Key lists
// and rows travel as one JSON parameter (jsonb_to_recordset on PostgreSQL, json_each on SQLite). On PostgreSQL
// the writes are one statement (data-modifying CTEs) that also sends the branch's new version to listeners
// (NOTIFY, relayed to listening phones by services/change-feed.ts). Mutations of one record within the group see each other's
// writes (the group's rows are kept here as they change); each record is written once, as it ends up.
import type { Mutation } from '../../shared/sync/mutation'
import type { Db, Queryable } from '../storage/db'
import { hotStatement, num } from '../storage/db'
import { parseJsonObject, RECORD_COLUMNS, type RecordRow, rowAfter, storedView } from './records'
import type { PushStore } from './push'
import { type AuditEntry, type BranchState, type Decision, decide, type JobContext, type PushJob } from './push-decide'

/** The channel pushes announce a branch's new version on: payload `branchId version`. */
export const BRANCH_VERSION_CHANNEL = 'zhibu_branch_version'

type Dialect = Db['dialect']

const recordKey = (entity: string, id: string) => `${entity}\u0000${id}`
const deviceKey = (userId: string, clientId: string) => `${userId}\u0000${clientId}`

interface DeviceRow {
  user_id: string
  client_id: string
  branch_id: string
  last_client_seq: number
  updated_at: number
}

/** Rows of a JSON array parameter as a table with the named text/bigint columns. */
function jsonRows(d: Dialect, param: string, columns: [string, 'text' | 'bigint'][]): string {
  if (d === 'postgres') return `jsonb_to_recordset(${param}::jsonb) AS x(${columns.map(([c, t]) => `${c} ${t}`).join(', ')})`
  return `(SELECT ${columns.map(([c]) => `json_extract(value, '$.${c}') AS ${c}`).join(', ')} FROM json_each(${param})) AS x`
}

const RECORD_WRITE_COLUMNS: [string, 'text' | 'bigint'][] = [
  ['branch_id', 'text'], ['entity', 'text'], ['id', 'text'], ['version', 'bigint'], ['deleted', 'bigint'], ['data', 'text'],
  ['created_by', 'text'], ['author_user_id', 'text'], ['heart_talk', 'bigint'], ['field_versions', 'text'],
  ['created_at', 'bigint'], ['updated_at', 'bigint'], ['view_json', 'text'], ['view_format', 'bigint'],
  ['view_version', 'bigint'],
]
const DEVICE_COLUMNS: [string, 'text' | 'bigint'][] = [
  ['user_id', 'text'], ['client_id', 'text'], ['branch_id', 'text'], ['last_client_seq', 'bigint'], ['updated_at', 'bigint'],
]
const AUDIT_COLUMNS: [string, 'text' | 'bigint'][] = [
  ['branch_id', 'text'], ['version', 'bigint'], ['kind', 'text'], ['entity', 'text'], ['record_id', 'text'], ['user_id', 'text'],
  ['client_id', 'text'], ['client_seq', 'bigint'], ['base_version', 'bigint'], ['current_version', 'bigint'], ['detail', 'text'],
  ['created_at', 'bigint'],
]
const names = (cols: [string, unknown][]) => cols.map(([c]) => c).join(', ')

function upsertRecords(d: Dialect, param: string): string {
  // `WHERE true`: SQLite needs it to read ON CONFLICT after INSERT … SELECT.
  return `INSERT INTO records (${names(RECORD_WRITE_COLUMNS)}) SELECT ${names(RECORD_WRITE_COLUMNS)} FROM ${jsonRows(d, param, RECORD_WRITE_COLUMNS)} WHERE true
    ON CONFLICT (branch_id, entity, id) DO UPDATE SET version = excluded.version, deleted = excluded.deleted, data = excluded.data,
      heart_talk = excluded.heart_talk, field_versions = excluded.field_versions, updated_at = excluded.updated_at,
      view_json = excluded.view_json, view_format = excluded.view_format, view_version = excluded.view_version`
}
function upsertDevices(d: Dialect, param: string): string {
  return `INSERT INTO devices (${names(DEVICE_COLUMNS)}) SELECT ${names(DEVICE_COLUMNS)} FROM ${jsonRows(d, param, DEVICE_COLUMNS)} WHERE true
    ON CONFLICT (user_id, client_id) DO UPDATE SET last_client_seq = excluded.last_client_seq, updated_at = excluded.updated_at`
}
function insertAudits(d: Dialect, param: string): string {
  return `INSERT INTO audit (${names(AUDIT_COLUMNS)}) SELECT ${names(AUDIT_COLUMNS)} FROM ${jsonRows(d, param, AUDIT_COLUMNS)}`
}

export class BatchedStore implements PushStore {
  private readonly changedRecords = new Set<string>()
  private readonly changedDevices = new Set<string>()
  private readonly audits: AuditEntry[] = []

  private constructor(
    private readonly q: Queryable,
    private readonly dialect: Dialect,
    private readonly branchId: string,
    private readonly rows: Map<string, RecordRow>,
    private readonly devices: Map<string, DeviceRow>,
  ) {}

  /** Read, after the branch lock, the group's devices and every record its well-formed mutations name. */
  static async load(q: Queryable, dialect: Dialect, branchId: string, jobs: PushJob[]): Promise<BatchedStore> {
    const deviceKeys = new Map<string, { user_id: string; client_id: string }>()
    const recordKeys = new Map<string, { entity: string; id: string }>([[recordKey('settings', branchId), { entity: 'settings', id: branchId }]])
    for (const job of jobs) {
      deviceKeys.set(deviceKey(job.p.userId, job.req.clientId), { user_id: job.p.userId, client_id: job.req.clientId })
      for (const parsed of job.parsed) {
        if (parsed.success) recordKeys.set(recordKey(parsed.data.entity, parsed.data.recordId), { entity: parsed.data.entity, id: parsed.data.recordId })
      }
    }
    const lock = dialect === 'postgres' ? ' FOR UPDATE OF d' : ''
    // CROSS JOIN makes SQLite walk the key list and look each row up (a plain JOIN would scan the branch's records).
    const join = dialect === 'postgres' ? 'JOIN' : 'CROSS JOIN'
    const deviceRows = await q.all<{ user_id: string; client_id: string; branch_id: string; last_client_seq: unknown; updated_at: unknown }>(
      hotStatement(`push_load_devices_${dialect}`, `SELECT d.user_id, d.client_id, d.branch_id, d.last_client_seq, d.updated_at
       FROM ${jsonRows(dialect, '$1', [['user_id', 'text'], ['client_id', 'text']])}
       ${join} devices d ON d.user_id = x.user_id AND d.client_id = x.client_id${lock}`),
      [JSON.stringify([...deviceKeys.values()])])
    const recordRows = await q.all<RecordRow>(
      hotStatement(`push_load_records_${dialect}`, `SELECT ${RECORD_COLUMNS.split(', ').map((c) => `r.${c}`).join(', ')}
       FROM ${jsonRows(dialect, '$2', [['entity', 'text'], ['id', 'text']])}
       ${join} records r ON r.branch_id = $1 AND r.entity = x.entity AND r.id = x.id`),
      [branchId, JSON.stringify([...recordKeys.values()])])
    const devices = new Map(deviceRows.map((r) => [deviceKey(r.user_id, r.client_id),
      { ...r, last_client_seq: num(r.last_client_seq), updated_at: num(r.updated_at) }]))
    const rows = new Map(recordRows.map((r) => [recordKey(r.entity, r.id), r]))
    return new BatchedStore(q, dialect, branchId, rows, devices)
  }

  async groups(): Promise<string[]> {
    const settings = this.rows.get(recordKey('settings', this.branchId))
    if (!settings || num(settings.deleted) !== 0) return []
    const groups = parseJsonObject(settings.data).groups
    return Array.isArray(groups) ? groups.filter((g): g is string => typeof g === 'string') : []
  }

  async deviceSeq(userId: string, clientId: string): Promise<number | undefined> {
    return this.devices.get(deviceKey(userId, clientId))?.last_client_seq
  }

  async saveDevice(job: PushJob, last: number): Promise<void> {
    const key = deviceKey(job.p.userId, job.req.clientId)
    const before = this.devices.get(key)
    this.devices.set(key, { user_id: job.p.userId, client_id: job.req.clientId, branch_id: before?.branch_id ?? this.branchId,
      last_client_seq: last, updated_at: job.now })
    this.changedDevices.add(key)
  }

  async apply(ctx: JobContext, m: Mutation, version: number): Promise<Decision> {
    const key = recordKey(m.entity, m.recordId)
    const decision = decide(ctx, m, version, this.rows.get(key))
    if ('write' in decision) {
      this.rows.set(key, rowAfter(this.rows.get(key), decision.write))
      this.changedRecords.add(key)
      if (decision.audit) this.audits.push(decision.audit)
    }
    return decision
  }

  async finish(state: BranchState, changed: boolean): Promise<void> {
    const records = JSON.stringify([...this.changedRecords].map((k) => {
      const row = this.rows.get(k)!
      return { ...row, ...storedView(row), branch_id: this.branchId }
    }))
    const devices = JSON.stringify([...this.changedDevices].map((k) => this.devices.get(k)!))
    const audits = JSON.stringify(this.audits)
    if (this.dialect === 'postgres') {
      await this.q.run(
        hotStatement('push_write_group_postgres', `WITH written AS (${upsertRecords('postgres', '$1')}),
              seen AS (${upsertDevices('postgres', '$2')}),
              logged AS (${insertAudits('postgres', '$3')}),
              moved AS (UPDATE branches SET version = $4 WHERE id = $5 AND version <> $4 RETURNING id)
         SELECT pg_notify('${BRANCH_VERSION_CHANNEL}', $6) FROM moved`),
        [records, devices, audits, state.version, this.branchId, `${this.branchId} ${state.version}`])
      return
    }
    if (this.changedRecords.size > 0) await this.q.run(upsertRecords('sqlite', '$1'), [records])
    if (this.changedDevices.size > 0) await this.q.run(upsertDevices('sqlite', '$1'), [devices])
    if (this.audits.length > 0) await this.q.run(insertAudits('sqlite', '$1'), [audits])
    if (changed) await this.q.run(`UPDATE branches SET version = $1 WHERE id = $2`, [state.version, this.branchId])
  }
}
