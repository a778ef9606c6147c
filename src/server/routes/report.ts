// The 履职情况 report compiled on the server: a branch (secretary, or its committee), a committee's roll-up,
// and the committee's per-branch table. Mounted behind the session (app.ts).
import { Hono } from 'hono'
import { API } from '../../shared/api'
import { chinaDateOf } from '../../shared/dates'
import type { BranchReportResponse, CommitteeReportResponse } from '../../shared/report/api'
import type { AppEnv } from '../http/context'
import { validated } from '../http/validate'
import { branchReport, committeeReport } from '../services/report'
import type { RouteDeps } from './deps'

const chinaYear = (at: number) => Number(chinaDateOf(at).slice(0, 4))

export function reportRoutes(deps: RouteDeps) {
  const { db, now } = deps
  return new Hono<AppEnv>()
    .get(API.report.path, validated('query', () => API.report.query(chinaYear(now()))), async (c) => {
      const body: BranchReportResponse = await branchReport(db, c.get('principal'), c.req.valid('query'), now())
      return c.json(body, 200)
    })
    .get(API.committeeReport.path, validated('query', () => API.committeeReport.query(chinaYear(now()))), async (c) => {
      const body: CommitteeReportResponse = await committeeReport(db, c.get('principal'), c.req.valid('query'), now())
      return c.json(body, 200)
    })
}
