// The 履职情况 report compiled on the server: a branch (secretary, or its committee), a committee's roll-up,
// and the committee's per-branch table.
import { Hono } from 'hono'
import { chinaDateOf } from '../../shared/dates'
import { committeeReportQuerySchema, reportQuerySchema, yearFromQuery } from '../../shared/report/api'
import { type AppEnv, requireSession } from '../http/context'
import { parseWith } from '../http/validate'
import { branchReport, committeeReport } from '../services/report'
import type { RouteDeps } from './deps'

const chinaYear = (at: number) => Number(chinaDateOf(at).slice(0, 4))

export function reportRoutes(deps: RouteDeps) {
  const { db, now } = deps
  const app = new Hono<AppEnv>()
  app.use('/api/report', requireSession(db, now))
  app.use('/api/committee/report', requireSession(db, now))
  app.get('/api/report', async (c) => {
    const at = now()
    const query = parseWith(reportQuerySchema(chinaYear(at)), {
      year: yearFromQuery(c.req.query('year')),
      branchId: c.req.query('branchId') || undefined,
    })
    return c.json(await branchReport(db, c.get('principal'), query, at))
  })
  app.get('/api/committee/report', async (c) => {
    const at = now()
    const query = parseWith(committeeReportQuerySchema(chinaYear(at)), { year: yearFromQuery(c.req.query('year')) })
    return c.json(await committeeReport(db, c.get('principal'), query, at))
  })
  return app
}
