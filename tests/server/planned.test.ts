// Planned activities (计划, `planned: true`) on the server: a push carries the mark like any field, a plan is in
// no figure of the server's report nor met in its compliance check, and the push that makes it held
// (planned: null, attendance added) makes it count. On SQLite and PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { chinaDateOf } from '../../src/shared/dates'
import type { BranchReportResponse } from '../../src/shared/report/api'
import type { FrequencyRule } from '../../src/shared/model/settings'
import { BACKENDS } from './helpers/backends'
import { Device, activityFields, newId } from './helpers/device'
import { type BranchFixture, setupBranch, startServer, type TestServer } from './helpers/harness'

/** a finished year: every period is in the past whatever today is */
const Y = Number(chinaDateOf().slice(0, 4)) - 1

const RULES: FrequencyRule[] = [
  { id: 'theme-day-monthly', type: 'themeDay', period: 'month', min: 1, basis: '主题党日每月1次', enabled: true },
]

const valueOf = (body: BranchReportResponse, key: string) => body.figures.find((f) => f.key === key)?.value

async function report(branch: BranchFixture): Promise<BranchReportResponse> {
  const res = await branch.secretary.get(`/api/report?year=${Y}`)
  expect(res.status).toBe(200)
  return res.body as BranchReportResponse
}

describe.each(BACKENDS)('planned activities on $name', (backend) => {
  let ts: TestServer
  let branch: BranchFixture
  let sec: Device
  const held = newId()
  const plan = newId()
  const member = newId()

  beforeAll(async () => {
    ts = await startServer(backend)
    branch = await setupBranch(ts)
    sec = new Device(branch.secretary)
    sec.put('member', member, { name: '张书记', role: 'secretary', group: '', active: true, order: 0 })
    sec.put('settings', branch.branchId, { branchName: '甲支部', defaultPlace: '党员活动室', groups: [], rules: RULES })
    sec.put('activity', held, activityFields({ types: ['themeDay'], date: `${Y}-01-10` }))
    // a plan: types, date and topic only — no attendance, and for a 党课 no speaker
    sec.put('activity', plan, activityFields({ types: ['themeDay', 'partyLecture'], date: `${Y}-02-15`, topic: '学习党章', host: '', recorder: '', planned: true }))
    const res = await sec.push()
    expect(res.status).toBe(200)
    expect((res.body.results as { status: string }[]).map((r) => r.status)).toEqual(['applied', 'applied', 'applied', 'applied'])
  })
  afterAll(async () => ts.close())

  it('keeps the mark: another device pulls the plan as planned', async () => {
    const other = new Device(branch.secretary)
    await other.pull()
    expect(other.local.get(`activity:${plan}`)?.data).toMatchObject({ planned: true, types: ['themeDay', 'partyLecture'] })
    expect(other.local.get(`activity:${held}`)?.data).not.toHaveProperty('planned')
  })

  it('refuses a mark that is not true, in Chinese, naming the field', async () => {
    const d = new Device(branch.secretary)
    d.put('activity', newId(), activityFields({ date: `${Y}-03-01`, planned: false }))
    const res = await d.push()
    expect(res.body.results[0]).toMatchObject({ status: 'rejected', error: { message: '计划标记无效' } })
  })

  it('the report counts no plan, and the compliance check does not take it for a held 主题党日', async () => {
    const body = await report(branch)
    expect(valueOf(body, 'records')).toBe(1)
    expect(valueOf(body, 'type.themeDay')).toBe(1)
    expect(body.figures.find((f) => f.key === 'type.themeDay')!.recordIds).toEqual([held])
    expect(valueOf(body, 'type.partyLecture') ?? 0).toBe(0)
    const rule = body.compliance!.rules.find((r) => r.id === 'theme-day-monthly')!
    expect(rule.met).toBe(1)
    expect(rule.missed).toContain('2月') // planned in a month now past, never held: missed
    expect(body.text).toContain('组织主题党日活动1次')
  })

  it('made held (planned: null, attendance and speaker added), it counts', async () => {
    sec.put('activity', plan, {
      planned: null, attendance: { expected: [member], leave: [], absent: [], observers: '' },
      lecture: { speaker: '张书记', speakerRole: 'secretary' },
    })
    const res = await sec.push()
    expect(res.body.results.at(-1)).toMatchObject({ status: 'applied' })
    const body = await report(branch)
    expect(valueOf(body, 'records')).toBe(2)
    expect(valueOf(body, 'type.themeDay')).toBe(2)
    expect(valueOf(body, 'type.partyLecture')).toBe(1)
    const rule = body.compliance!.rules.find((r) => r.id === 'theme-day-monthly')!
    expect(rule.met).toBe(2)
    expect(rule.missed).not.toContain('2月')
    const other = new Device(branch.secretary)
    await other.pull()
    expect(other.local.get(`activity:${plan}`)?.data).not.toHaveProperty('planned')
  })
})
