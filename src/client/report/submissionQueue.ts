// The secretary's 提交 while offline: a small queue of its own in the device's drafts table (one entry per year,
// under one key), sent when the phone is online again. Not the sync outbox: the outbox carries field-level
// changes of synced records (activities, roster, settings) that the server merges; a submission is a one-off
// request the server may refuse as a whole (已通过, not the secretary any more), and its answer is the review
// state, not a record version. Each entry keeps the id made when 提交 was pressed, so sending it again after a
// lost answer never makes a second version (src/server/services/report-review.ts).
import type { ReviewState, SubmitReviewRequest } from '@shared/api/review'
import { readDraft, saveDraft } from '@client/db'
import { browserClient, NetworkError, ServerError, type ServerClient } from '@client/sync/http'
import { sendSubmission } from '@client/sync/reviewApi'

export const SUBMISSION_QUEUE_KEY = 'report-submission-queue'

export interface QueuedSubmission {
  request: SubmitReviewRequest
  /** ISO instant 提交 was pressed */
  queuedAt: string
  /** the server refused it (in Chinese); it is not sent again until the secretary submits anew */
  refused?: string
}

type Queue = Record<string, QueuedSubmission>

export type SubmissionEvent =
  | { kind: 'sent'; year: number; state: ReviewState }
  | { kind: 'refused'; year: number; message: string }
  | { kind: 'waiting'; year: number }

const listeners = new Set<(event: SubmissionEvent) => void>()

/** Tell `fn` about every send attempt's outcome; returns the unsubscribe. */
export function onSubmissionEvent(fn: (event: SubmissionEvent) => void): () => void {
  listeners.add(fn)
  return () => listeners.delete(fn)
}

function emit(event: SubmissionEvent) {
  for (const fn of listeners) fn(event)
}

/** Every change of the queue runs after the one before, so two taps never lose an entry. */
let changes: Promise<unknown> = Promise.resolve()
function change<T>(fn: (queue: Queue) => T | Promise<T>): Promise<T> {
  const next = changes.then(async () => {
    const queue = { ...((await readDraft<Queue>(SUBMISSION_QUEUE_KEY)) ?? {}) }
    const out = await fn(queue)
    await saveDraft(SUBMISSION_QUEUE_KEY, queue)
    return out
  })
  changes = next.catch(() => undefined)
  return next
}

export async function queuedSubmission(year: number): Promise<QueuedSubmission | undefined> {
  await changes
  return (await readDraft<Queue>(SUBMISSION_QUEUE_KEY))?.[String(year)]
}

/** Keep the submission on the device (it replaces one of the same year still waiting); then try to send it. */
export async function queueSubmission(request: SubmitReviewRequest, client: ServerClient = browserClient()): Promise<void> {
  await change((queue) => {
    queue[String(request.year)] = { request, queuedAt: new Date().toISOString() }
  })
  void sendQueuedSubmissions(client)
}

/** Forget a refused submission once the secretary has read why. */
export function dismissRefused(year: number): Promise<void> {
  return change((queue) => {
    if (queue[String(year)]?.refused) delete queue[String(year)]
  })
}

let sending: Promise<void> | null = null

/** Send every waiting submission; offline or unreachable, they stay for the next time. */
export function sendQueuedSubmissions(client: ServerClient = browserClient()): Promise<void> {
  if (sending) return sending.then(() => sendQueuedSubmissions(client))
  sending = sendAll(client).finally(() => { sending = null })
  return sending
}

async function sendAll(client: ServerClient): Promise<void> {
  await changes
  const queue = (await readDraft<Queue>(SUBMISSION_QUEUE_KEY)) ?? {}
  for (const entry of Object.values(queue)) {
    if (entry.refused) continue
    const year = entry.request.year
    try {
      const state = await sendSubmission(entry.request, client)
      await change((q) => {
        if (q[String(year)]?.request.id === entry.request.id) delete q[String(year)]
      })
      emit({ kind: 'sent', year, state })
    } catch (err) {
      // refused for good: a 4xx other than "sign in again"; anything else (offline, 5xx, sign-in) waits
      if (err instanceof ServerError && err.status >= 400 && err.status < 500 && err.status !== 401) {
        await change((q) => {
          const e = q[String(year)]
          if (e?.request.id === entry.request.id) q[String(year)] = { ...e, refused: err.message }
        })
        emit({ kind: 'refused', year, message: err.message })
      } else {
        emit({ kind: 'waiting', year })
        if (err instanceof NetworkError) return
      }
    }
  }
}

let started = false

/** Send what waits now and whenever the phone comes back online (once per page). */
export function startSubmissionQueue(): void {
  if (started || typeof window === 'undefined') return
  started = true
  window.addEventListener('online', () => void sendQueuedSubmissions())
  void sendQueuedSubmissions()
}
