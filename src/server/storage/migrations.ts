// Versioned schema migrations for both backends. Append new versions; never edit an applied one.
// Times are epoch milliseconds (BIGINT); booleans are 0/1 INTEGERs so the same SQL runs on both.
import { randomUUID } from 'node:crypto'
import type { Db } from './db'

type Dialect = Db['dialect']

interface Migration {
  version: number
  statements: (d: Dialect) => string[]
}

const serial = (d: Dialect) => (d === 'postgres' ? 'BIGSERIAL PRIMARY KEY' : 'INTEGER PRIMARY KEY AUTOINCREMENT')
const blob = (d: Dialect) => (d === 'postgres' ? 'BYTEA' : 'BLOB')

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    statements: (d) => [
      `CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)`,
      `CREATE TABLE committees (id TEXT PRIMARY KEY, name TEXT NOT NULL UNIQUE, created_at BIGINT NOT NULL)`,
      `CREATE TABLE branches (
        id TEXT PRIMARY KEY, name TEXT NOT NULL, committee_id TEXT REFERENCES committees(id),
        version BIGINT NOT NULL DEFAULT 0, retained_from BIGINT NOT NULL DEFAULT 0, created_at BIGINT NOT NULL)`,
      `CREATE TABLE users (
        id TEXT PRIMARY KEY, username TEXT, username_key TEXT UNIQUE, display_name TEXT NOT NULL,
        role TEXT NOT NULL, branch_id TEXT REFERENCES branches(id), committee_id TEXT REFERENCES committees(id),
        member_id TEXT, password_hash TEXT, removed_at BIGINT, created_at BIGINT NOT NULL)`,
      `CREATE UNIQUE INDEX users_roster ON users (branch_id, member_id)
        WHERE member_id IS NOT NULL AND removed_at IS NULL`,
      `CREATE TABLE sessions (
        token_hash TEXT PRIMARY KEY, user_id TEXT NOT NULL REFERENCES users(id), created_at BIGINT NOT NULL,
        expires_at BIGINT NOT NULL, revoked_at BIGINT, revoked_reason TEXT)`,
      `CREATE INDEX sessions_user ON sessions (user_id)`,
      `CREATE TABLE invites (
        id TEXT PRIMARY KEY, code TEXT NOT NULL UNIQUE, branch_id TEXT REFERENCES branches(id),
        committee_id TEXT REFERENCES committees(id), role TEXT NOT NULL, for_user_id TEXT REFERENCES users(id),
        created_by TEXT, created_at BIGINT NOT NULL, expires_at BIGINT NOT NULL, max_uses INTEGER NOT NULL,
        uses INTEGER NOT NULL DEFAULT 0, revoked_at BIGINT)`,
      `CREATE TABLE rate_limits (key TEXT PRIMARY KEY, window_start BIGINT NOT NULL, count INTEGER NOT NULL)`,
      `CREATE TABLE devices (
        user_id TEXT NOT NULL REFERENCES users(id), client_id TEXT NOT NULL, branch_id TEXT NOT NULL,
        last_client_seq BIGINT NOT NULL, updated_at BIGINT NOT NULL, PRIMARY KEY (user_id, client_id))`,
      `CREATE TABLE records (
        branch_id TEXT NOT NULL REFERENCES branches(id), entity TEXT NOT NULL, id TEXT NOT NULL,
        version BIGINT NOT NULL, deleted INTEGER NOT NULL DEFAULT 0, data TEXT NOT NULL,
        created_by TEXT NOT NULL, author_user_id TEXT, heart_talk INTEGER NOT NULL DEFAULT 0,
        field_versions TEXT NOT NULL DEFAULT '{}',
        created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL, PRIMARY KEY (branch_id, entity, id))`,
      `CREATE UNIQUE INDEX records_version ON records (branch_id, version)`,
      `CREATE TABLE audit (
        id ${serial(d)}, branch_id TEXT NOT NULL, version BIGINT, kind TEXT NOT NULL, entity TEXT NOT NULL,
        record_id TEXT NOT NULL, user_id TEXT NOT NULL, client_id TEXT NOT NULL, client_seq BIGINT NOT NULL,
        base_version BIGINT, current_version BIGINT, detail TEXT NOT NULL, created_at BIGINT NOT NULL)`,
      `CREATE INDEX audit_branch ON audit (branch_id, id)`,
      `CREATE TABLE photos (
        branch_id TEXT NOT NULL REFERENCES branches(id), id TEXT NOT NULL, content_type TEXT NOT NULL,
        size INTEGER NOT NULL, sha256 TEXT NOT NULL, data ${blob(d)} NOT NULL, uploaded_by TEXT NOT NULL,
        created_at BIGINT NOT NULL, PRIMARY KEY (branch_id, id))`,
    ],
  },
  {
    // Attempt budgets with a progressive delay need the time of the last attempt; old buckets are pruned by it.
    version: 2,
    statements: () => [
      `ALTER TABLE rate_limits ADD COLUMN last_at BIGINT NOT NULL DEFAULT 0`,
      `CREATE INDEX rate_limits_window ON rate_limits (window_start)`,
    ],
  },
  {
    // Sessions end after a stretch unused (idle expiry), so each remembers when it was last used.
    version: 3,
    statements: () => [
      `ALTER TABLE sessions ADD COLUMN last_used_at BIGINT NOT NULL DEFAULT 0`,
      `UPDATE sessions SET last_used_at = created_at`,
    ],
  },
  {
    // A photo names the activity it belongs to (who may read it follows the record; services/photos.ts), and
    // quotas sum photo sizes per uploader. Photos stored before take the record that lists them, if any.
    version: 4,
    statements: (d) => [
      `ALTER TABLE photos ADD COLUMN record_id TEXT`,
      `CREATE INDEX photos_uploader ON photos (branch_id, uploaded_by)`,
      `CREATE INDEX photos_created ON photos (created_at)`,
      d === 'postgres'
        ? `UPDATE photos SET record_id = (SELECT r.id FROM records r WHERE r.branch_id = photos.branch_id
             AND r.entity = 'activity' AND jsonb_typeof(r.data::jsonb -> 'photoIds') = 'array'
             AND (r.data::jsonb -> 'photoIds') ? photos.id ORDER BY r.deleted, r.id LIMIT 1)`
        : `UPDATE photos SET record_id = (SELECT r.id FROM records r,
             json_each(CASE WHEN json_valid(r.data) THEN r.data ELSE '{}' END, '$.photoIds') j
             WHERE r.branch_id = photos.branch_id AND r.entity = 'activity' AND j.value = photos.id ORDER BY r.deleted, r.id LIMIT 1)`,
    ],
  },
  {
    // Roster claims: an invite may name the person it is for; otherwise the person an account says it is waits
    // for the secretary's confirmation before the account is tied to that roster entry.
    version: 5,
    statements: () => [
      `ALTER TABLE invites ADD COLUMN member_id TEXT`,
      `ALTER TABLE users ADD COLUMN pending_member_id TEXT`,
    ],
  },
  {
    // Submit and review of the year's 述职报告 (services/report-review.ts): where each branch-year stands, every
    // version the secretary submitted (kept whole), and every step (提交 / 退回 / 再次提交 / 通过) with who, when, opinion.
    version: 6,
    statements: (d) => [
      `CREATE TABLE report_reviews (
        branch_id TEXT NOT NULL REFERENCES branches(id), year INTEGER NOT NULL, status TEXT NOT NULL,
        version INTEGER NOT NULL, updated_at BIGINT NOT NULL, PRIMARY KEY (branch_id, year))`,
      `CREATE TABLE report_submissions (
        id TEXT PRIMARY KEY, branch_id TEXT NOT NULL REFERENCES branches(id), year INTEGER NOT NULL,
        version INTEGER NOT NULL, document TEXT NOT NULL, figures TEXT NOT NULL, user_id TEXT NOT NULL,
        user_name TEXT NOT NULL, created_at BIGINT NOT NULL)`,
      `CREATE UNIQUE INDEX report_submissions_version ON report_submissions (branch_id, year, version)`,
      `CREATE TABLE report_review_events (
        id ${serial(d)}, branch_id TEXT NOT NULL REFERENCES branches(id), year INTEGER NOT NULL,
        version INTEGER NOT NULL, kind TEXT NOT NULL, user_id TEXT NOT NULL, user_name TEXT NOT NULL,
        opinion TEXT, created_at BIGINT NOT NULL)`,
      `CREATE INDEX report_review_events_branch ON report_review_events (branch_id, year, id)`,
    ],
  },
  {
    // A committee's branches are looked up by committee (its roll-up, docs/scale.md): a province holds many.
    version: 7,
    statements: () => [
      `CREATE INDEX branches_committee ON branches (committee_id, name)`,
    ],
  },
  {
    // Each branch's year as its committee's table reads it (services/branch-summary-store.ts), kept under the
    // branch version it was compiled from, so a restarted or another process does not compile every branch again.
    version: 8,
    statements: () => [
      `CREATE TABLE branch_year_summaries (
        branch_id TEXT NOT NULL REFERENCES branches(id), year INTEGER NOT NULL, branch_version BIGINT NOT NULL,
        signature TEXT NOT NULL, summary TEXT NOT NULL, updated_at BIGINT NOT NULL, PRIMARY KEY (branch_id, year))`,
    ],
  },
  {
    // Each record's view as a pull sends it (services/records.ts `storedView`), written with the record, so pull
    // pages are put together from stored JSON. Rows written before stay NULL and are made on read; so is a row
    // whose view was made for another version of it (written by a server from before, during a staggered upgrade).
    version: 9,
    statements: () => [
      `ALTER TABLE records ADD COLUMN view_json TEXT`,
      `ALTER TABLE records ADD COLUMN view_format INTEGER`,
      `ALTER TABLE records ADD COLUMN view_version BIGINT`,
    ],
  },
]

/**
 * Apply pending migrations, each in its own transaction, and make sure the server epoch exists. Each version is
 * checked on its own (not "everything above the highest applied"), so a migration merged later with a lower
 * number than one already applied still runs: migrations must not depend on each other unless their numbers say so.
 */
export async function migrate(db: Db): Promise<void> {
  await db.run(`CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at BIGINT NOT NULL)`)
  for (const migration of MIGRATIONS) {
    await db.tx(async (q) => {
      // Several processes may start together on one PostgreSQL: take a lock, then re-check.
      if (db.dialect === 'postgres') await q.one(`SELECT pg_advisory_xact_lock(727001)`)
      const done = await q.one(`SELECT version FROM schema_migrations WHERE version = $1`, [migration.version])
      if (done) return
      for (const sql of migration.statements(db.dialect)) await q.run(sql)
      await q.run(`INSERT INTO schema_migrations (version, applied_at) VALUES ($1, $2)`, [migration.version, Date.now()])
    })
  }
  await db.run(`INSERT INTO meta (key, value) VALUES ('epoch', $1) ON CONFLICT (key) DO NOTHING`, [randomUUID()])
}

export async function readEpoch(db: Pick<Db, 'one'>): Promise<string> {
  const row = await db.one<{ value: string }>(`SELECT value FROM meta WHERE key = 'epoch'`)
  if (!row) throw new Error('epoch missing: run migrations first')
  return row.value
}

/** After restoring a backup: every device must reset (re-download, re-push its outbox under a new clientId). */
export async function rotateEpoch(db: Db): Promise<string> {
  const epoch = randomUUID()
  await db.run(`UPDATE meta SET value = $1 WHERE key = 'epoch'`, [epoch])
  return epoch
}
