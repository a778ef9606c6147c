// The committee's reports, compiled on the branch server from every branch's records (online only).
import type { BranchReportResponse, CommitteeReportResponse } from '@shared/report/api'
import { readSession } from '@client/db/session'
import { browserClient, callServer, ServerError, type ServerClient } from './http'

async function sessionToken(): Promise<string> {
  const session = await readSession()
  if (!session || session.expired) throw new ServerError(401, 'unauthenticated', '请先登录')
  return session.token
}

export async function fetchCommitteeReport(year: number, client: ServerClient = browserClient()): Promise<CommitteeReportResponse> {
  return callServer<CommitteeReportResponse>(client, 'GET', `/api/committee/report?year=${year}`, { token: await sessionToken() })
}

export async function fetchRollUpReport(year: number, client: ServerClient = browserClient()): Promise<BranchReportResponse> {
  return callServer<BranchReportResponse>(client, 'GET', `/api/report?year=${year}`, { token: await sessionToken() })
}
