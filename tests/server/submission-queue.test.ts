// The secretary's offline 提交, from the phone's side: the draft as it stands on the device (the secretary's edits
// included) waits in the device's queue while there is no connection, reaches the real server once there is,
// is never stored twice when an answer is lost, and a refusal is kept for the secretary to read, not retried.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { useDatabase } from '@client/db'
import { saveSession } from '@client/db/session'
import { writeSavedReportDraft } from '@client/report/savedReportDraft'
import { buildSubmission } from '@client/report/submissionDraft'
import {
  dismissRefused, onSubmissionEvent, queuedSubmission, queueSubmission, sendQueuedSubmissions, type SubmissionEvent,
} from '@client/report/submissionQueue'
import type { ServerClient } from '@client/sync/http'
import { REVIEW_MESSAGES } from '../../src/server/services/report-review'
import type { ReviewState } from '../../src/shared/api/review'
import { chinaDateOf } from '../../src/shared/dates'
import { compileYearReport, DEFAULT_DRAFT_OPTIONS } from '../../src/shared/report'
import { BACKENDS } from './helpers/backends'
import { type BranchFixture, setupBranch, startServer, type TestServer } from './helpers/harness'
import { makeRecord } from '../unit/report/fixtures'

const TODAY = chinaDateOf()
const YEAR = Number(TODAY.slice(0, 4))
const CONTEXT = { branchName: '青松社区第一党支部', secretaryName: '张书记', today: TODAY }
const EDITED = '一是我们自己写的问题：理论学习还不够深。'
const report = compileYearReport({ year: YEAR, records: [makeRecord({ types: ['committeeMeeting'], date: `${YEAR}-01-10` })] })

describe.each(BACKENDS)('the offline submission queue against $name', (backend) => {
  let ts: TestServer
  let branch: BranchFixture
  let online: ServerClient
  /** no connection at all: every request fails before reaching the server */
  const offline: ServerClient = { baseUrl: 'http://127.0.0.1:9', fetch: () => Promise.reject(new TypeError('Failed to fetch')) }
  const events: SubmissionEvent[] = []
  let dbCounter = 0

  beforeAll(async () => {
    ts = await startServer(backend)
    branch = await setupBranch(ts)
    online = { baseUrl: ts.url, fetch: globalThis.fetch }
    onSubmissionEvent((e) => events.push(e))
  })
  afterAll(async () => ts.close())

  beforeEach(async () => {
    events.length = 0
    useDatabase(`submission-queue-${process.pid}-${backend.name}-${++dbCounter}`)
    const me = await branch.secretary.get('/api/me')
    await saveSession(branch.secretary.token!, me.body)
  })

  async function serverState(): Promise<ReviewState> {
    return (await branch.secretary.get(`/api/review?year=${YEAR}`)).body as ReviewState
  }

  it('keeps the draft as edited on the device, waits offline, and sends it once online', async () => {
    await writeSavedReportDraft(YEAR, { version: 1, edits: { 'problems.1': EDITED }, options: DEFAULT_DRAFT_OPTIONS, seen: {}, savedAt: '' })
    const request = await buildSubmission(branch.branchId, report, CONTEXT)
    expect(request.document.title).toBe(`${YEAR}年度青松社区第一党支部书记抓基层党建工作述职报告`)
    expect(request.document.sections.find((s) => s.heading === '二、存在问题')!.paragraphs[0]).toBe(EDITED)
    expect(request.document.closing).toContain('述职人：张书记')
    expect(request.figures).toContainEqual({ key: 'type.committeeMeeting', label: '支委会', unit: '次', value: 1 })

    await queueSubmission(request, offline)
    await sendQueuedSubmissions(offline)
    expect((await queuedSubmission(YEAR))?.request.id).toBe(request.id)
    expect(events.map((e) => e.kind)).toContain('waiting')
    expect((await serverState()).status).toBe('none')

    await sendQueuedSubmissions(online)
    expect(await queuedSubmission(YEAR)).toBeUndefined()
    const state = await serverState()
    expect(state.status).toBe('submitted')
    expect(state.versions.map((v) => v.id)).toEqual([request.id])
    expect(state.versions[0]!.document).toEqual(request.document)
    expect(events.at(-1)).toMatchObject({ kind: 'sent', year: YEAR })
  })

  it('sends a submission whose answer was lost again without making a second version', async () => {
    const before = (await serverState()).versions.length
    const request = await buildSubmission(branch.branchId, report, CONTEXT)
    // the request reaches the server, the answer never reaches the phone
    const lostAnswer: ServerClient = { baseUrl: ts.url, fetch: async (input, init) => { await fetch(input, init); throw new TypeError('network changed') } }
    await queueSubmission(request, lostAnswer)
    await sendQueuedSubmissions(lostAnswer)
    expect((await queuedSubmission(YEAR))?.request.id).toBe(request.id)
    await sendQueuedSubmissions(online)
    expect(await queuedSubmission(YEAR)).toBeUndefined()
    const state = await serverState()
    expect(state.versions).toHaveLength(before + 1)
    expect(state.history.at(-1)).toMatchObject({ kind: 'resubmit', version: before + 1 })
  })

  it('keeps a refusal for the secretary to read and does not send it again', async () => {
    const before = await serverState()
    const other = await setupBranch(ts)
    const request = { ...(await buildSubmission(branch.branchId, report, CONTEXT)), branchId: other.branchId }
    await queueSubmission(request, online)
    await sendQueuedSubmissions(online)
    const kept = await queuedSubmission(YEAR)
    expect(kept?.refused).toBe(REVIEW_MESSAGES.submitOtherBranch)
    expect(events).toContainEqual({ kind: 'refused', year: YEAR, message: REVIEW_MESSAGES.submitOtherBranch })
    events.length = 0
    await sendQueuedSubmissions(online)
    expect(events).toEqual([])
    expect((await serverState()).history).toHaveLength(before.history.length)
    await dismissRefused(YEAR)
    expect(await queuedSubmission(YEAR)).toBeUndefined()
  })
})
