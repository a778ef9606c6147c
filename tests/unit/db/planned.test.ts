// Planned records on the phone (src/client/db/activities.ts): a plan is not 补录 however late it is entered, it does
// not move the day checking starts, and making it held removes the mark in what syncs and judges 补录 then.
import 'fake-indexeddb/auto'
import { beforeEach, describe, expect, it } from 'vitest'
import { createActivity, earliestActivityDate, getActivity, updateActivity } from '@client/db'
import { freshDatabase, readOutbox, themeDayFields } from './helpers'

beforeEach(() => freshDatabase())

describe('planned records on the phone', () => {
  it('a plan entered after its date is not 补录, and does not start the ledger', async () => {
    const now = new Date('2026-11-30T02:00:00Z')
    const planned = await createActivity(themeDayFields({ date: '2026-01-10', planned: true }), now)
    expect(planned.backfilled).toBe(false)
    expect(await earliestActivityDate()).toBeNull()
    await createActivity(themeDayFields({ date: '2026-06-10' }), new Date('2026-06-10T02:00:00Z'))
    expect(await earliestActivityDate()).toBe('2026-06-10')
  })

  it('made held, the mark goes (null in the outbox) and 补录 is judged by when it was recorded as held', async () => {
    const plan = await createActivity(themeDayFields({ date: '2026-11-10', planned: true }), new Date('2026-11-01T02:00:00Z'))
    const { planned: _p, ...heldFields } = themeDayFields({ date: '2026-11-10', attendance: { expected: [], leave: [], absent: [], observers: '' } })
    const onTime = await updateActivity(plan.id, heldFields, new Date('2026-11-11T02:00:00Z'), themeDayFields({ date: '2026-11-10', planned: true }))
    expect('planned' in onTime).toBe(false)
    expect(onTime.backfilled).toBe(false)
    const put = (await readOutbox()).filter((m) => m.recordId === plan.id).at(-1)!
    expect(put.fields).toMatchObject({ planned: null })

    const late = await createActivity(themeDayFields({ date: '2026-10-01', planned: true }), new Date('2026-09-01T02:00:00Z'))
    await updateActivity(late.id, { ...heldFields, date: '2026-10-01' }, new Date('2026-11-30T02:00:00Z'), themeDayFields({ date: '2026-10-01', planned: true }))
    expect((await getActivity(late.id))?.backfilled).toBe(true)
  })
})
