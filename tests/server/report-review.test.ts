// Submit and review of the year's 述职报告 over HTTP on a real server and database: the whole round
// (提交 → 退回 → 再次提交 → 通过), every step kept, and every refusal answered in Chinese with nothing changed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createCommittee } from '../../src/server/services/accounts'
import { REVIEW_MESSAGES } from '../../src/server/services/report-review'
import type { CommitteeReviewList, ReviewState, SubmittedDocument } from '../../src/shared/api/review'
import { chinaDateOf } from '../../src/shared/dates'
import { BACKENDS } from './helpers/backends'
import { newId } from './helpers/device'
import { type Api, type BranchFixture, setupBranch, startServer, type TestServer, uniqueName } from './helpers/harness'

const YEAR = Number(chinaDateOf().slice(0, 4))

function documentSaying(body: string): SubmittedDocument {
  return {
    title: `${YEAR}年度甲党支部书记抓基层党建工作述职报告`,
    sections: [
      { heading: null, paragraphs: [`${YEAR}年，本人认真履行第一责任人职责。`] },
      { heading: '一、主要做法和成效', paragraphs: [body] },
    ],
    closing: ['述职人：张书记'],
  }
}

const figures = (committeeMeetings: number) => [
  { key: 'type.committeeMeeting', label: '支委会', unit: '次', value: committeeMeetings },
]

function submission(branchId: string, body = '全年召开支委会12次。', extra: Record<string, unknown> = {}) {
  return { id: newId(), branchId, year: YEAR, document: documentSaying(body), figures: figures(12), ...extra }
}

async function joinCommittee(ts: TestServer, name: string): Promise<Api> {
  const setup = await createCommittee(ts.db, { name, account: `${name}账号` })
  const joined = await ts.api.post('/api/auth/join', { code: setup.code, username: uniqueName('c'), password: 'committee-pass' })
  expect(joined.status).toBe(201)
  return ts.api.withToken(joined.body.token)
}

describe.each(BACKENDS)('report review on $name', (backend) => {
  let ts: TestServer
  let a: BranchFixture
  let b: BranchFixture
  let committee: Api
  let otherCommittee: Api
  let member: Api
  const committeeName = uniqueName('党委')

  beforeAll(async () => {
    ts = await startServer(backend)
    a = await setupBranch(ts, committeeName)
    b = await setupBranch(ts, committeeName)
    committee = await joinCommittee(ts, committeeName)
    await setupBranch(ts, uniqueName('别的党委'))
    otherCommittee = await joinCommittee(ts, uniqueName('又一党委'))
    member = (await a.addMember()).api
  })
  afterAll(async () => ts.close())

  async function stateOfA(): Promise<ReviewState> {
    const res = await a.secretary.get(`/api/review?year=${YEAR}`)
    expect(res.status).toBe(200)
    return res.body as ReviewState
  }

  async function expectRefused(res: { status: number; body: { error: { message: string } } }, status: number, message: string) {
    expect(res.status).toBe(status)
    expect(res.body.error.message).toBe(message)
  }

  it('starts as 未提交 for every branch of the committee', async () => {
    expect((await stateOfA()).status).toBe('none')
    const list = (await committee.get(`/api/committee/reviews?year=${YEAR}`)).body as CommitteeReviewList
    expect(list.committee.name).toBe(committeeName)
    expect(list.branches.map((r) => [r.branchId, r.status, r.version])).toEqual(
      expect.arrayContaining([[a.branchId, 'none', null], [b.branchId, 'none', null]]))
    expect(list.branches).toHaveLength(2)
  })

  it('refuses bad submissions in Chinese and stores nothing', async () => {
    await expectRefused(await member.post('/api/review/submit', submission(a.branchId)), 403, REVIEW_MESSAGES.submitSecretaryOnly)
    await expectRefused(await a.secretary.post('/api/review/submit', submission(b.branchId)), 403, REVIEW_MESSAGES.submitOtherBranch)
    await expectRefused(await committee.post('/api/review/submit', submission(a.branchId)), 403, REVIEW_MESSAGES.submitNotCommittee)
    const empty = { ...submission(a.branchId), document: { title: '标题', sections: [{ heading: null, paragraphs: ['  '] }], closing: [] } }
    await expectRefused(await a.secretary.post('/api/review/submit', empty), 400, '述职报告没有正文，不能提交（document.sections）')
    const future = submission(a.branchId, '正文', { year: YEAR + 2 })
    await expectRefused(await a.secretary.post('/api/review/submit', future), 400, `年份不能晚于${YEAR + 1}年（year）`)
    const state = await stateOfA()
    expect(state.status).toBe('none')
    expect(state.versions).toEqual([])
    expect(state.history).toEqual([])
  })

  it('goes 提交 → 退回 → 再次提交 → 通过, keeping every version and step', async () => {
    const first = submission(a.branchId, '全年召开支委会12次。')
    const submitted = await a.secretary.post('/api/review/submit', first)
    expect(submitted.status).toBe(200)
    expect(submitted.body.status).toBe('submitted')
    // the phone missed the answer and sends the same submission again: still one version
    const again = await a.secretary.post('/api/review/submit', first)
    expect(again.status).toBe(200)
    expect((again.body as ReviewState).versions).toHaveLength(1)
    expect((again.body as ReviewState).history.map((e) => e.kind)).toEqual(['submit'])

    // the committee lists it as 待审阅 and reads it
    const list = (await committee.get(`/api/committee/reviews?year=${YEAR}`)).body as CommitteeReviewList
    expect(list.branches.find((r) => r.branchId === a.branchId)).toMatchObject({ status: 'submitted', version: 1 })
    const read = (await committee.get(`/api/review?year=${YEAR}&branchId=${a.branchId}`)).body as ReviewState
    expect(read.versions[0]!.document).toEqual(first.document)
    expect(read.versions[0]!.figures).toEqual(first.figures)
    expect(read.versions[0]!.submittedBy).toBe('张书记')

    // a return needs an opinion
    const noOpinion = await committee.post('/api/committee/reviews/decide',
      { branchId: a.branchId, year: YEAR, version: 1, decision: 'return', opinion: '   ' })
    await expectRefused(noOpinion, 400, '退回时请填写审阅意见')
    expect((await stateOfA()).status).toBe('submitted')

    const opinion = '请补充谈心谈话的对象，并写明存在问题的整改时限。'
    const returned = await committee.post('/api/committee/reviews/decide',
      { branchId: a.branchId, year: YEAR, version: 1, decision: 'return', opinion })
    expect(returned.status).toBe(200)
    expect(returned.body.status).toBe('returned')

    // the secretary sees the status and the opinion
    const seen = await stateOfA()
    expect(seen.status).toBe('returned')
    expect(seen.history.at(-1)).toMatchObject({ kind: 'return', version: 1, by: `${committeeName}账号`, opinion })
    // nothing to decide while it is back with the branch
    await expectRefused(await committee.post('/api/committee/reviews/decide',
      { branchId: a.branchId, year: YEAR, version: 1, decision: 'approve' }), 409, REVIEW_MESSAGES.decideReturned)

    const second = submission(a.branchId, '全年召开支委会12次，与班子成员谈心谈话8人次。')
    const resubmitted = await a.secretary.post('/api/review/submit', second)
    expect(resubmitted.body.status).toBe('submitted')
    expect((resubmitted.body as ReviewState).versions.map((v) => v.version)).toEqual([1, 2])

    // approving the version read before the resubmission is refused: the new one must be read first
    await expectRefused(await committee.post('/api/committee/reviews/decide',
      { branchId: a.branchId, year: YEAR, version: 1, decision: 'approve' }), 409, '支部已提交第2版，请先阅读最新版本再审阅')
    const approved = await committee.post('/api/committee/reviews/decide',
      { branchId: a.branchId, year: YEAR, version: 2, decision: 'approve', opinion: '同意。' })
    expect(approved.status).toBe(200)

    const final = await stateOfA()
    expect(final.status).toBe('approved')
    expect(final.history.map((e) => [e.kind, e.version, e.opinion])).toEqual([
      ['submit', 1, null], ['return', 1, opinion], ['resubmit', 2, null], ['approve', 2, '同意。'],
    ])
    const times = final.history.map((e) => Date.parse(e.at))
    expect(times.every((t, i) => Number.isFinite(t) && (i === 0 || t >= times[i - 1]!))).toBe(true)
    expect(final.versions[1]!.document.sections[1]!.paragraphs).toEqual(['全年召开支委会12次，与班子成员谈心谈话8人次。'])

    // once approved: no more submissions, no more decisions
    await expectRefused(await a.secretary.post('/api/review/submit', submission(a.branchId)), 409, REVIEW_MESSAGES.submitApproved)
    await expectRefused(await committee.post('/api/committee/reviews/decide',
      { branchId: a.branchId, year: YEAR, version: 2, decision: 'return', opinion: '再改改' }), 409, REVIEW_MESSAGES.decideApproved)
    expect((await stateOfA()).versions).toHaveLength(2)
    const listed = (await committee.get(`/api/committee/reviews?year=${YEAR}`)).body as CommitteeReviewList
    expect(listed.branches.find((r) => r.branchId === a.branchId)).toMatchObject({ status: 'approved', version: 2 })
    expect(listed.branches.find((r) => r.branchId === b.branchId)).toMatchObject({ status: 'none', version: null })
  })

  it('keeps each branch to its own secretary and its own committee', async () => {
    await b.secretary.post('/api/review/submit', submission(b.branchId))
    // a committee not over branch b
    await expectRefused(await otherCommittee.post('/api/committee/reviews/decide',
      { branchId: b.branchId, year: YEAR, version: 1, decision: 'return', opinion: '不行' }), 403, REVIEW_MESSAGES.decideNotOurs)
    await expectRefused(await otherCommittee.get(`/api/review?year=${YEAR}&branchId=${b.branchId}`), 403, REVIEW_MESSAGES.readNotOurs)
    expect(((await otherCommittee.get(`/api/committee/reviews?year=${YEAR}`)).body as CommitteeReviewList).branches).toEqual([])
    // a secretary cannot decide, nor read another branch; a member reads nothing
    await expectRefused(await a.secretary.post('/api/committee/reviews/decide',
      { branchId: a.branchId, year: YEAR, version: 2, decision: 'approve' }), 403, REVIEW_MESSAGES.decideCommitteeOnly)
    await expectRefused(await a.secretary.get(`/api/review?year=${YEAR}&branchId=${b.branchId}`), 403, REVIEW_MESSAGES.readOtherBranch)
    await expectRefused(await member.get(`/api/review?year=${YEAR}`), 403, REVIEW_MESSAGES.readForbidden)
    await expectRefused(await committee.get(`/api/review?year=${YEAR}`), 403, REVIEW_MESSAGES.readWhichBranch)
    // the same submission id cannot be taken over by another branch
    const state = (await b.secretary.get(`/api/review?year=${YEAR}`)).body as ReviewState
    expect(state.status).toBe('submitted')
    const reused = await a.secretary.post('/api/review/submit', { ...submission(a.branchId), id: state.versions[0]!.id })
    expect(reused.status).toBe(409)
    expect(((await b.secretary.get(`/api/review?year=${YEAR}`)).body as ReviewState).history).toHaveLength(1)
  })
})
