// The report routes: the server compiles exactly what the shared compiler makes of the same records, shows a
// branch only to its secretary and its committee, and rolls a committee's branches up.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createCommittee } from '../../src/server/services/accounts'
import { chinaDateOf } from '../../src/shared/dates'
import type { ActivityRecord } from '../../src/shared/model/activity'
import type { Member } from '../../src/shared/model/member'
import type { FrequencyRule } from '../../src/shared/model/settings'
import {
  checkCompliance, compileYearReport, composeReportText, effectiveTrackingSince, listReportFigures, ruleLabel,
  snapshotReportFigures,
} from '../../src/shared/report'
import type { BranchReportResponse, CommitteeReportResponse } from '../../src/shared/report/api'
import { DEFAULT_RULES } from '../../src/shared/rules'
import type { SyncRow } from '../../src/shared/sync/protocol'
import { BACKENDS } from './helpers/backends'
import { Device, activityFields, newId } from './helpers/device'
import { type Api, type BranchFixture, setupBranch, startServer, type TestServer, uniqueName } from './helpers/harness'

const CURRENT_YEAR = Number(chinaDateOf().slice(0, 4))
/** a finished year: every period is in the past whatever today is */
const Y = CURRENT_YEAR - 1

const RULES: FrequencyRule[] = [
  { id: 'theme-day-monthly', type: 'themeDay', period: 'month', min: 1, basis: '主题党日每月1次', enabled: true },
  { id: 'general-quarterly', type: 'generalMeeting', period: 'quarter', min: 1, basis: '支部工作条例第十一条', enabled: true },
  { id: 'review-yearly', type: 'democraticReview', period: 'year', min: 1, basis: '停用的规则', enabled: false },
]

const talk = (pair: string, personCount: number) => ({ talker: '张书记', target: '李四', pair, mode: '当面', personCount })

async function pushAll(d: Device): Promise<void> {
  const res = await d.push()
  expect(res.status).toBe(200)
  const rejected = (res.body.results as { status: string; error?: unknown }[]).filter((r) => r.status !== 'applied')
  expect(rejected).toEqual([])
}

/** The branch's records as the secretary's device holds them after a full pull: what the compiler sees on a phone. */
async function pulledRecords(api: Api): Promise<{ activities: ActivityRecord[]; roster: Member[] }> {
  const d = new Device(api)
  await d.pull(1000)
  const rows = [...d.local.values()].filter((r) => !r.deleted).sort((a, b) => a.version - b.version)
  const data = (entity: SyncRow['entity']) => rows.filter((r) => r.entity === entity).map((r) => r.data)
  return {
    activities: data('activity') as unknown as ActivityRecord[],
    roster: (data('member') as unknown as Member[]).sort((a, b) => a.order - b.order),
  }
}

function valueOf(body: BranchReportResponse, key: string): number | undefined {
  return body.figures.find((f) => f.key === key)?.value
}

describe.each(BACKENDS)('report routes on $name', (backend) => {
  let ts: TestServer
  let a: BranchFixture
  let b: BranchFixture
  let member: Api
  const committeeName = uniqueName('党委')
  const ids = { both: newId(), theme: newId(), deleted: newId(), lastYear: newId(), talkSec: newId(), talkMember: newId(), lecture: newId() }
  const m1 = newId()
  const m2 = newId()

  beforeAll(async () => {
    ts = await startServer(backend)
    a = await setupBranch(ts)
    b = await setupBranch(ts)

    const sec = new Device(a.secretary)
    sec.put('member', m1, { name: '张书记', role: 'secretary', group: '', active: true, order: 0 })
    sec.put('member', m2, { name: '李四', role: 'member', group: '', active: true, order: 1 })
    sec.put('settings', a.branchId, { branchName: '甲支部', defaultPlace: '党员活动室', groups: [], rules: RULES })
    // one event carrying two types, with an attendance sheet: 2 expected, 1 absent
    sec.put('activity', ids.both, activityFields({
      types: ['themeDay', 'generalMeeting'], date: `${Y}-01-01`, topic: '主题党日暨党员大会',
      attendance: { expected: [m1, m2], leave: [], absent: [m2], observers: '' },
    }))
    sec.put('activity', ids.theme, activityFields({ types: ['themeDay'], date: `${Y}-05-20` }))
    sec.put('activity', ids.deleted, activityFields({ types: ['themeDay'], date: `${Y}-06-10` }))
    sec.put('activity', ids.lastYear, activityFields({ types: ['themeDay'], date: `${Y - 1}-12-31` }))
    sec.put('activity', ids.talkSec, activityFields({ types: ['heartTalk'], date: `${Y}-04-01`, topic: '谈心', talk: talk('committeeMember', 1) }))
    sec.put('activity', ids.lecture, activityFields({
      types: ['partyLecture'], date: `${Y}-09-01`, topic: '党课', lecture: { speaker: '张书记', speakerRole: 'secretary' },
    }))
    await pushAll(sec)
    sec.del('activity', ids.deleted)
    await pushAll(sec)

    const joined = await a.addMember(m2)
    member = joined.api
    const md = new Device(member)
    md.put('activity', ids.talkMember, activityFields({
      types: ['heartTalk'], date: `${Y}-07-01`, topic: '谈心谈话：个人思想', summary: '私密内容', talk: talk('memberMember', 2),
    }))
    await pushAll(md)
  })
  afterAll(async () => ts.close())

  it('gives the secretary exactly what the compiler makes of the same records', async () => {
    const res = await a.secretary.get(`/api/report?year=${Y}`)
    expect(res.status).toBe(200)
    const body = res.body as BranchReportResponse
    const { activities, roster } = await pulledRecords(a.secretary)
    const expected = compileYearReport({ records: activities, roster, year: Y })

    expect(body.year).toBe(Y)
    expect(body.scope).toBe('branch')
    expect(body.branch).toEqual({ id: a.branchId, name: expect.any(String) })
    expect(body.committee).toBeNull()
    expect(body.figures).toEqual(listReportFigures(expected))
    expect(body.text).toBe(composeReportText(expected).text)
    expect(Date.parse(body.generatedAt)).not.toBeNaN()

    // the numbers themselves: deleted and last year's records never count, a two-type event counts in each
    expect(valueOf(body, 'records')).toBe(5)
    expect(valueOf(body, 'type.themeDay')).toBe(2)
    expect(valueOf(body, 'type.generalMeeting')).toBe(1)
    expect(valueOf(body, 'heartTalk.persons')).toBe(3)
    expect(valueOf(body, 'lecture.secretary')).toBe(1)
    expect(valueOf(body, 'attendance.generalMeeting')).toBe(50)
    const themeDay = body.figures.find((f) => f.key === 'type.themeDay')!
    expect([...themeDay.recordIds].sort()).toEqual([ids.both, ids.theme].sort())
    expect(body.figures.find((f) => f.key === 'heartTalk.persons')!.recordIds.sort()).toEqual([ids.talkSec, ids.talkMember].sort())
    expect(body.text).toContain('全年组织主题党日活动2次，召开支部党员大会1次，开展支部书记讲党课1次。')
    expect(body.text).toContain('开展谈心谈话3人次。')
    expect(body.text).toContain('党员参加组织生活平均参会率50%')
    // figures and text only: no record content leaves with the report
    expect(JSON.stringify(body)).not.toContain('私密内容')
  })

  it('checks the branch’s own rules against the year, with the server’s China date', async () => {
    const body = (await a.secretary.get(`/api/report?year=${Y}`)).body as BranchReportResponse
    const { activities } = await pulledRecords(a.secretary)
    const compliance = body.compliance!
    expect(compliance.today).toMatch(/^\d{4}-\d{2}-\d{2}$/)
    // the earliest record (last year's) starts the ledger: every period of Y is checked
    expect(compliance.since).toBe(`${Y - 1}-12-31`)
    const expected = checkCompliance(activities, RULES, Y, compliance.today, undefined, { since: compliance.since })
    expect(compliance.missedCount).toBe(expected.missedCount)
    expect(compliance.rules.every((r) => r.untracked.length === 0)).toBe(true)
    // the disabled rule is not checked
    expect(compliance.rules.map((r) => r.id)).toEqual(['theme-day-monthly', 'general-quarterly'])
    const [theme, general] = compliance.rules
    expect(theme).toMatchObject({ label: ruleLabel(RULES[0]!), period: 'month', periods: 12, met: 2, dueSoon: null })
    expect(theme!.missed).toEqual(['2月', '3月', '4月', '6月', '7月', '8月', '9月', '10月', '11月', '12月'])
    expect(general).toMatchObject({ period: 'quarter', periods: 4, met: 1, missed: ['第二季度', '第三季度', '第四季度'] })
    expect(compliance.missedCount).toBe(13)
  })

  it('compiles an empty year with the default rules when the branch has no settings', async () => {
    const res = await b.secretary.get(`/api/report?year=${CURRENT_YEAR + 1}`)
    expect(res.status).toBe(200)
    const body = res.body as BranchReportResponse
    expect(body.branch!.id).toBe(b.branchId)
    expect(body.figures.every((f) => f.value === 0)).toBe(true)
    expect(body.text).toBe('')
    expect(body.compliance!.rules.map((r) => r.id)).toEqual(DEFAULT_RULES.map((r) => r.id))
    expect(body.compliance!.missedCount).toBe(0)
  })

  it('checks nothing before a branch started keeping its ledger: its first record, or the settings’ start date', async () => {
    // no record, no start date: the ledger starts today, so a finished year has nothing to miss
    const empty = (await b.secretary.get(`/api/report?year=${Y}`)).body as BranchReportResponse
    expect(empty.compliance!.since).toBe(empty.compliance!.today)
    expect(empty.compliance!.missedCount).toBe(0)
    expect(empty.compliance!.rules.find((r) => r.id === 'committee-monthly')!.untracked).toHaveLength(12)

    const d = new Device(b.secretary)
    d.put('settings', b.branchId, { branchName: '乙支部', defaultPlace: '', groups: [], rules: DEFAULT_RULES, trackingSince: `${Y}-11-10` })
    await pushAll(d)
    const body = (await b.secretary.get(`/api/report?year=${Y}`)).body as BranchReportResponse
    const compliance = body.compliance!
    expect(compliance.since).toBe(`${Y}-11-10`)
    const committee = compliance.rules.find((r) => r.id === 'committee-monthly')!
    // November holds the start date and is judged; January–October are not
    expect(committee.missed).toEqual(['11月', '12月'])
    expect(committee.untracked).toEqual(['1月', '2月', '3月', '4月', '5月', '6月', '7月', '8月', '9月', '10月'])
    expect(compliance.rules.find((r) => r.id === 'general-quarterly')!.missed).toEqual(['第四季度'])
    expect(compliance.rules.find((r) => r.id === 'org-life-yearly')!.missed).toEqual([`${Y}年`])
    const expected = checkCompliance([], DEFAULT_RULES, Y, compliance.today, undefined, { since: `${Y}-11-10` })
    expect(compliance.missedCount).toBe(expected.missedCount)
  })

  it('checks 党小组会 per 党小组 of the branch’s settings; the 党小组会 figure stays the total', async () => {
    const g = await setupBranch(ts)
    const d = new Device(g.secretary)
    const groupRule = DEFAULT_RULES.find((r) => r.id === 'group-monthly')!
    const march = newId()
    d.put('activity', march, activityFields({ types: ['groupMeeting'], date: `${Y}-03-12`, topic: '3月第一党小组党小组会', partyGroup: '第一党小组' }))
    // logged before the branch had groups (since then a 党小组会 must name its group)
    d.put('activity', newId(), activityFields({ types: ['groupMeeting'], date: `${Y}-04-12`, topic: '4月党小组会' }))
    d.put('settings', g.branchId, {
      branchName: '丙支部', defaultPlace: '', groups: ['第一党小组', '第二党小组'], rules: [groupRule], trackingSince: `${Y}-01-01`,
    })
    await pushAll(d)
    let body = (await g.secretary.get(`/api/report?year=${Y}`)).body as BranchReportResponse
    expect(valueOf(body, 'type.groupMeeting')).toBe(2)
    expect(body.compliance!.rules.map((r) => [r.id, r.label])).toEqual([
      ['group-monthly', '第一党小组：党小组会每月至少1次'],
      ['group-monthly', '第二党小组：党小组会每月至少1次'],
    ])
    const [first, second] = body.compliance!.rules
    expect(first!.missed).not.toContain('3月')
    expect(first!.missed).toContain('4月') // a 党小组会 without its group counts for no group
    expect(second!.missed).toContain('3月')
    expect(body.compliance!.missedCount).toBe(23)

    // clearing the group syncs like any optional field: the March meeting (now a 主题党日) no longer counts for 第一党小组
    d.put('activity', march, { types: ['themeDay'], partyGroup: null })
    await pushAll(d)
    body = (await g.secretary.get(`/api/report?year=${Y}`)).body as BranchReportResponse
    expect(body.compliance!.rules[0]!.missed).toContain('3月')
    const { activities } = await pulledRecords(g.secretary)
    expect(activities.find((r) => r.id === march)).not.toHaveProperty('partyGroup')
  })

  it('refuses members with a clear code', async () => {
    const res = await member.get(`/api/report?year=${Y}`)
    expect(res.status).toBe(403)
    expect(res.body.error.code).toBe('report_forbidden')
    expect(res.body.error.message).toMatch(/书记/)
    expect((await member.get(`/api/committee/report?year=${Y}`)).status).toBe(403)
  })

  it('another branch’s secretary learns nothing, not even whether the branch exists', async () => {
    const other = await b.secretary.get(`/api/report?year=${Y}&branchId=${a.branchId}`)
    const missing = await b.secretary.get(`/api/report?year=${Y}&branchId=${newId()}`)
    expect(other.status).toBe(403)
    expect(other.body).toEqual(missing.body)
    expect(Object.keys(other.body)).toEqual(['error'])
    const committee = await a.secretary.get(`/api/committee/report?year=${Y}`)
    expect(committee.status).toBe(403)
    expect(committee.body.error.code).toBe('committee_only')
  })

  it('refuses a request without a session', async () => {
    const res = await ts.api.get(`/api/report?year=${Y}`)
    expect(res.status).toBe(401)
    expect(res.body.error.code).toBe('unauthenticated')
  })

  it('answers a bad year with 400 and the error shape', async () => {
    const bad = ['', 'year=abc', 'year=1999', `year=${CURRENT_YEAR + 2}`, 'year=2024.5', 'year=-2024', 'year=99999999']
    for (const q of bad) {
      for (const path of ['/api/report', '/api/committee/report']) {
        const res = await a.secretary.get(`${path}?${q}`)
        expect(res.status, `${path}?${q}`).toBe(400)
        expect(res.body).toEqual({ error: { code: 'invalid_request', message: expect.stringMatching(/年份/) } })
      }
    }
    expect((await a.secretary.get(`/api/report?year=${Y}&branchId=x`)).status).toBe(400)
    expect((await a.secretary.get('/api/report?year=2000')).status).toBe(200)
    expect((await a.secretary.get(`/api/report?year=${CURRENT_YEAR + 1}`)).status).toBe(200)
  })

  describe('a committee over three branches', () => {
    let committee: Api
    let branches: BranchFixture[]

    beforeAll(async () => {
      branches = [await setupBranch(ts, committeeName), await setupBranch(ts, committeeName), await setupBranch(ts, committeeName)]
      const setup = await createCommittee(ts.db, { name: committeeName, account: '党委账号' })
      const joined = await ts.api.post('/api/auth/join', { code: setup.code, username: uniqueName('c'), password: 'committee-pass' })
      expect(joined.status).toBe(201)
      committee = ts.api.withToken(joined.body.token)

      const [c1, c2, c3] = branches.map((x) => new Device(x.secretary))
      c1!.put('activity', newId(), activityFields({ types: ['themeDay'], date: `${Y}-02-01` }))
      c1!.put('activity', newId(), activityFields({ types: ['themeDay', 'committeeMeeting'], date: `${Y}-03-01` }))
      c1!.put('activity', newId(), activityFields({ types: ['committeeMeeting'], date: `${Y - 1}-03-01` }))
      c2!.put('activity', newId(), activityFields({ types: ['themeDay'], date: `${Y}-12-31` }))
      c2!.put('activity', newId(), activityFields({ types: ['heartTalk'], date: `${Y}-06-01`, topic: '谈心', talk: talk('memberMember', 4) }))
      c3!.put('activity', newId(), activityFields({
        types: ['volunteer'], date: `${Y}-08-01`, topic: '志愿服务', volunteer: { participants: 5, hours: 2.5, beneficiaries: 30 },
      }))
      const gone = newId()
      c3!.put('activity', gone, activityFields({ types: ['themeDay'], date: `${Y}-08-02` }))
      for (const d of [c1!, c2!, c3!]) await pushAll(d)
      c3!.del('activity', gone)
      await pushAll(c3!)
    })

    it('gives one row per branch and totals equal to the sums', async () => {
      const res = await committee.get(`/api/committee/report?year=${Y}`)
      expect(res.status).toBe(200)
      const body = res.body as CommitteeReportResponse
      expect(body.year).toBe(Y)
      expect(body.committee.name).toBe(committeeName)
      expect(body.branches.map((r) => r.branchId).sort()).toEqual(branches.map((x) => x.branchId).sort())

      for (const x of branches) {
        const row = body.branches.find((r) => r.branchId === x.branchId)!
        const { activities, roster } = await pulledRecords(x.secretary)
        const own = snapshotReportFigures(compileYearReport({ records: activities, roster, year: Y }))
        for (const col of body.columns) expect(row.values[col.key] ?? 0, `${row.branchName} ${col.key}`).toBe(own[col.key] ?? 0)
        const today = chinaDateOf()
        // periods before a branch's first record are not checked (the second branch starts in June)
        const since = effectiveTrackingSince(null, activities, today)
        const compliance = checkCompliance(activities, DEFAULT_RULES, Y, today, undefined, { since })
        expect(row.missedCount).toBe(compliance.missedCount)
        // each 缺 opens into its rules and periods
        expect(row.missedRules).toEqual(compliance.rules.filter((r) => r.missed.length > 0)
          .map((r) => ({ label: r.label, missed: r.missed.map((m) => m.label) })))
        expect(row.missedRules.reduce((n, r) => n + r.missed.length, 0)).toBe(row.missedCount)
      }
      for (const col of body.columns) {
        if (col.unit === '%') continue
        const sum = body.branches.reduce((s, r) => s + (r.values[col.key] ?? 0), 0)
        expect(body.totals[col.key], col.key).toBeCloseTo(sum, 6)
      }
      expect(body.totals).toMatchObject({
        records: 5, 'type.themeDay': 3, 'type.committeeMeeting': 1, 'heartTalk.persons': 4,
        'volunteer.participants': 5, 'volunteer.hours': 2.5,
      })
      expect(body.columns.map((c) => c.key)).toEqual(expect.arrayContaining(['type.themeDay', 'heartTalk.persons', 'volunteer.hours']))
      expect(body.columns.map((c) => c.key)).not.toContain('type.generalMeeting')
    })

    it('a table asked for again is the same; after a push to one branch it counts the new record', async () => {
      const table = async () => (await committee.get(`/api/committee/report?year=${Y}`)).body as CommitteeReportResponse
      const before = await table()
      const again = await table()
      expect({ ...again, generatedAt: '' }).toEqual({ ...before, generatedAt: '' })
      const extra = newId()
      const phone = new Device(branches[0]!.secretary)
      phone.put('activity', extra, activityFields({ types: ['themeDay'], date: `${Y}-04-01` }))
      await pushAll(phone)
      const after = await table()
      expect(after.totals['type.themeDay']).toBe((before.totals['type.themeDay'] ?? 0) + 1)
      phone.del('activity', extra)
      await pushAll(phone)
      expect((await table()).totals).toEqual(before.totals)
    })

    it('after a change to one branch, rows are each branch’s own report and totals what all records compile to', async () => {
      const before = (await committee.get(`/api/committee/report?year=${Y}`)).body as CommitteeReportResponse
      const phone = new Device(branches[1]!.secretary)
      const added = newId()
      const [m1, m2, m3] = [newId(), newId(), newId()]
      phone.put('activity', added, activityFields({
        types: ['study'], date: `${Y}-09-01`, topic: '集中学习', study: { creditHours: 1.5 },
        attendance: { expected: [m1, m2, m3], leave: [], absent: [m3], observers: '' },
      }))
      await pushAll(phone)
      const after = (await committee.get(`/api/committee/report?year=${Y}`)).body as CommitteeReportResponse
      const pulled = await Promise.all(branches.map((x) => pulledRecords(x.secretary)))
      const all = listReportFigures(compileYearReport({
        records: pulled.flatMap((p) => p.activities), roster: pulled.flatMap((p) => p.roster), year: Y,
      }))
      expect(after.columns).toEqual(all.filter((f) => (f.unit !== '%' && f.value > 0) || f.key === 'attendance.overall')
        .map((f) => ({ key: f.key, label: f.label, unit: f.unit })))
      for (const col of after.columns) expect(after.totals[col.key], col.key).toBe(all.find((f) => f.key === col.key)!.value)
      expect(after.totals['attendance.overall']).toBe(67)
      expect(after.totals['study.creditHours']).toBe((before.totals['study.creditHours'] ?? 0) + 1.5)
      for (const [i, x] of branches.entries()) {
        const own = (await x.secretary.get(`/api/report?year=${Y}`)).body as BranchReportResponse
        const row = after.branches.find((r) => r.branchId === x.branchId)!
        for (const col of after.columns) expect(row.values[col.key], `${i} ${col.key}`).toBe(valueOf(own, col.key))
        expect(row.missedCount).toBe(own.compliance!.missedCount)
        // rows of the branches that did not change are the ones of the table before
        if (i !== 1) expect(before.branches.find((r) => r.branchId === x.branchId)!.missedRules).toEqual(row.missedRules)
      }
      phone.del('activity', added)
      await pushAll(phone)
      expect((await committee.get(`/api/committee/report?year=${Y}`)).body.totals).toEqual(before.totals)
    })

    it('rolls the branches up on /api/report, and opens one branch the way its secretary sees it', async () => {
      const rollUp = (await committee.get(`/api/report?year=${Y}`)).body as BranchReportResponse
      expect(rollUp.scope).toBe('committee')
      expect(rollUp.branch).toBeNull()
      expect(rollUp.committee!.name).toBe(committeeName)
      expect(rollUp.compliance).toBeNull()
      expect(valueOf(rollUp, 'type.themeDay')).toBe(3)
      expect(valueOf(rollUp, 'heartTalk.persons')).toBe(4)
      // the committee's own register, not one branch's sentence with the sums pasted in
      expect(rollUp.text).toContain(`指导所属3个党支部落实“三会一课”制度，各支部共召开支委会1次。`)
      expect(rollUp.text).toContain('各党支部开展主题党日活动3次，开展谈心谈话4人次，组织党员参加志愿服务5人次。')
      expect(rollUp.text).toMatch(/个党支部尚有未按期召开的会议（.+期.*），已督促其补齐。$/)
      expect(rollUp.text).not.toContain('支部书记讲党课')

      const x = branches[1]!
      const byCommittee = (await committee.get(`/api/report?year=${Y}&branchId=${x.branchId}`)).body as BranchReportResponse
      const bySecretary = (await x.secretary.get(`/api/report?year=${Y}`)).body as BranchReportResponse
      expect(byCommittee.figures).toEqual(bySecretary.figures)
      expect(byCommittee.text).toBe(bySecretary.text)
      expect(byCommittee.compliance).toEqual(bySecretary.compliance)
    })

    it('refuses a branch outside the committee', async () => {
      const res = await committee.get(`/api/report?year=${Y}&branchId=${a.branchId}`)
      expect(res.status).toBe(403)
      expect(JSON.stringify(res.body)).not.toContain('主题党日')
    })
  })
})
