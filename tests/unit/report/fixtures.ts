// Tiny hand-built records and members for the report tests.
import type { ActivityRecord } from '../../../src/shared/model/activity'
import type { Member } from '../../../src/shared/model/member'
import type { PartyRole } from '../../../src/shared/roles'

let counter = 0

/** A record with sensible empty defaults; `id` defaults to a fresh 'rec-000N'. */
export function makeRecord(fields: Partial<ActivityRecord> & Pick<ActivityRecord, 'types' | 'date'>): ActivityRecord {
  counter++
  return {
    id: `rec-${String(counter).padStart(6, '0')}`,
    place: '党员活动室', topic: '学习', host: '张书记', recorder: '李委员', summary: '', resolution: '', photoIds: [],
    createdBy: 'member-0001', createdAt: '2025-01-01T00:00:00.000Z', updatedAt: '2025-01-01T00:00:00.000Z',
    backfilled: false, deleted: false,
    ...fields,
  }
}

export function makeMember(id: string, name: string, role: PartyRole = 'member', order = 0): Member {
  return {
    id, name, role, group: '', active: true, order,
    createdAt: '2024-01-01T00:00:00.000Z', updatedAt: '2024-01-01T00:00:00.000Z', deleted: false,
  }
}

/** `count` records of one type, one a month starting in January, ids `${prefix}-01`.. */
export function monthly(prefix: string, types: ActivityRecord['types'], count: number, year = 2025): ActivityRecord[] {
  return Array.from({ length: count }, (_, i) => makeRecord({
    id: `${prefix}-${String(i + 1).padStart(2, '0')}`,
    types,
    date: `${year}-${String((i % 12) + 1).padStart(2, '0')}-${String(10 + Math.floor(i / 12)).padStart(2, '0')}`,
  }))
}
