// Small hand-built records for the report screen's component tests, and a fresh database per test.
import { useDatabase } from '@client/db'
import type { ActivityRecord } from '@shared/model/activity'

let counter = 0

export function freshDatabase(): void {
  useDatabase(`report-ui-${process.pid}-${++counter}-${Math.random().toString(36).slice(2)}`)
}

export function record(fields: Partial<ActivityRecord> & Pick<ActivityRecord, 'id' | 'types' | 'date'>): ActivityRecord {
  return {
    place: '党员活动室', topic: `${fields.date} 活动`, host: '', recorder: '', summary: '', resolution: '', photoIds: [],
    createdBy: 'member-0001', createdAt: '2025-12-01T00:00:00.000Z', updatedAt: '2025-12-01T00:00:00.000Z',
    backfilled: false, deleted: false, ...fields,
  }
}

/** 2025: two 主题党日 (one also a 党员大会), a 支委会, 3 人次 of 谈心谈话, a deleted 主题党日. 2024: one 主题党日. */
export function sampleRecords(): ActivityRecord[] {
  return [
    record({ id: 'theme-jan', types: ['themeDay', 'generalMeeting'], date: '2025-01-15', topic: '1月主题党日暨党员大会' }),
    record({ id: 'theme-feb', types: ['themeDay'], date: '2025-02-12', topic: '2月主题党日' }),
    record({ id: 'committee-mar', types: ['committeeMeeting'], date: '2025-03-20', topic: '3月支委会' }),
    record({
      id: 'talk-may', types: ['heartTalk'], date: '2025-05-08', topic: '谈心谈话',
      talk: { talker: '张书记', target: '李明、王芳、赵强', pair: 'committeeMember', mode: '当面', personCount: 3 },
    }),
    record({ id: 'theme-deleted', types: ['themeDay'], date: '2025-03-05', topic: '已删除的党日', deleted: true }),
    record({ id: 'theme-2024', types: ['themeDay'], date: '2024-06-15', topic: '去年的主题党日' }),
  ]
}
