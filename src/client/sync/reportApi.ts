// The committee's reports, compiled on the branch server from every branch's records (online only).
import { API } from '@shared/api'
import type { BranchReportResponse, CommitteeReportResponse } from '@shared/report/api'
import { readSession } from '@client/db/session'
import { browserClient, receive, serverApi, ServerError, type ServerClient } from './http'

async function signedIn(client: ServerClient) {
  const session = await readSession()
  if (!session || session.expired) throw new ServerError(401, 'unauthenticated', '请先登录')
  return serverApi(client, session.token).api
}

export async function fetchCommitteeReport(year: number, client: ServerClient = browserClient()): Promise<CommitteeReportResponse> {
  const api = await signedIn(client)
  return receive(api.committee.report.$get({ query: { year: String(year) } }), API.committeeReport.response)
}

export async function fetchRollUpReport(year: number, client: ServerClient = browserClient()): Promise<BranchReportResponse> {
  const api = await signedIn(client)
  return receive(api.report.$get({ query: { year: String(year) } }), API.report.response)
}
