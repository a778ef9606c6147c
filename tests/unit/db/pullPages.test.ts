// Pages applied together in one transaction (applyPullPages): the last word on each record wins, whichever order a
// put and a tombstone of it come in, for records this phone already holds and for new ones; a deleted settings row
// never undoes the live one before it.
import { beforeEach, describe, expect, it } from 'vitest'
import { applyPullPage, applyPullPages, readSyncPosition } from '@client/db/sync'
import { getDb } from '@client/db/connection'
import { defaultSettings } from '@shared/rules'
import type { PullPage, SyncRow } from '@shared/sync/protocol'
import { freshDatabase, themeDayFields } from './helpers'

beforeEach(freshDatabase)

const STORED = '01900000-0000-7000-8000-000000000201'
const FRESH = '01900000-0000-7000-8000-000000000202'

const activity = (id: string, version: number, topic: string): SyncRow => ({
  entity: 'activity', id, version, deleted: false, redacted: false,
  data: { ...themeDayFields({ topic }), id, createdBy: 'm-other', createdAt: '2026-11-10T00:00:00.000Z', updatedAt: '2026-11-10T00:00:00.000Z', backfilled: false, deleted: false },
})
const tombstone = (id: string, version: number): SyncRow => ({ entity: 'activity', id, version, deleted: true, redacted: false, data: { id } })
const page = (cursor: number, rows: SyncRow[], hasMore = false): PullPage =>
  ({ reset: false, protocolVersion: 1, epoch: 'e1', branchId: 'branch-1', cursor, hasMore, rows })

describe('applying pages together', () => {
  it('a put then a tombstone of a stored record deletes it; a tombstone then a put of a new one keeps it live', async () => {
    await applyPullPage(page(1, [activity(STORED, 1, '原来的')]))
    expect(await applyPullPages([
      page(3, [activity(STORED, 2, '改过'), tombstone(FRESH, 3)], true),
      page(5, [tombstone(STORED, 4), activity(FRESH, 5, '恢复后的')]),
    ], 1)).toBe(true)
    const stored = await getDb().activities.get(STORED)
    expect(stored).toMatchObject({ deleted: true, serverVersion: 4, topic: '改过' })
    expect(typeof stored?.deletedAt).toBe('string')
    expect(await getDb().activities.get(FRESH)).toMatchObject({ deleted: false, serverVersion: 5, topic: '恢复后的' })
    expect(await readSyncPosition()).toMatchObject({ cursor: 5, epoch: 'e1', branchId: 'branch-1' })
  })

  it('a tombstone of a record this phone never had leaves it absent', async () => {
    await applyPullPages([page(2, [tombstone(FRESH, 2)])])
    expect(await getDb().activities.get(FRESH)).toBeUndefined()
    expect((await readSyncPosition()).cursor).toBe(2)
  })

  it('a live settings row followed by a deleted one: the live one is stored', async () => {
    const settings = { ...defaultSettings(), groups: ['第一党小组'] }
    await applyPullPages([
      page(1, [{ entity: 'settings', id: 'branch-1', version: 1, deleted: false, redacted: false, data: { id: 'branch-1', ...settings } }], true),
      page(2, [{ entity: 'settings', id: 'branch-1', version: 2, deleted: true, redacted: false, data: { id: 'branch-1' } }]),
    ])
    const stored = await getDb().settings.get('branch')
    expect(stored?.value).toEqual(settings)
    expect(stored?.serverVersion).toBe(1)
  })
})
