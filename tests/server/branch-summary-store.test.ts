// Branch year summaries kept in the database (src/server/services/branch-summary-store.ts): a process that starts
// afresh reads them instead of compiling; a push, a new month or another build compiles again; an older
// version never overwrites a newer one. And the two facts the stored summary rests on: a summary is the same on
// every day of a month, and it is stored under a fingerprint of the code that compiled it.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { addDays, type ChinaDate } from '../../src/shared/dates'
import { makeSyntheticRoster, makeSyntheticYear } from '../../src/shared/report/synthetic'
import { DEFAULT_RULES } from '../../src/shared/rules'
import { fingerprintSources, storeSummaries, summarySignature } from '../../src/server/services/branch-summary-store'
import { summarizeBranchYear, type BranchData } from '../../src/server/services/report-branches'
import { BACKENDS } from './helpers/backends'
import { Device, activityFields, newId } from './helpers/device'
import { type BranchFixture, setupBranch, startServer, type TestServer, uniqueName } from './helpers/harness'

const Y = 2025

function syntheticBranch(startMonth: number): BranchData {
  const activities = makeSyntheticYear(120, Y, 11).filter((a) => Number(a.date.slice(5, 7)) >= startMonth)
  return { activities, roster: makeSyntheticRoster(30, 11), rules: DEFAULT_RULES.map((r) => ({ ...r })) }
}

describe('a branch year summary', () => {
  it('is the same on every day of a month (so it is kept by month), and changes between months', () => {
    // a branch that started keeping records in May: the periods before it are not judged
    for (const data of [syntheticBranch(1), syntheticBranch(5)]) {
      const byMonth = new Map<string, string>()
      for (let day: ChinaDate = `${Y}-01-01`; day <= `${Y + 1}-01-31`; day = addDays(day, 1)) {
        const summary = JSON.stringify(summarizeBranchYear(data, Y, day))
        const month = day.slice(0, 7)
        if (!byMonth.has(month)) byMonth.set(month, summary)
        expect(summary, day).toBe(byMonth.get(month))
      }
      expect(new Set(byMonth.values()).size).toBeGreaterThan(1)
    }
  })

  it('is stored under the code that compiled it: any change to a source file gives another signature', () => {
    const dir = mkdtempSync(join(tmpdir(), 'zhibu-fingerprint-'))
    try {
      mkdirSync(join(dir, 'report'))
      writeFileSync(join(dir, 'report', 'compile.ts'), 'export const a = 1\n')
      writeFileSync(join(dir, 'rules.ts'), 'export const b = 2\n')
      const before = fingerprintSources([dir])
      expect(fingerprintSources([dir])).toBe(before)
      writeFileSync(join(dir, 'report', 'compile.ts'), 'export const a = 3\n')
      const edited = fingerprintSources([dir])
      expect(edited).not.toBe(before)
      writeFileSync(join(dir, 'report', 'labels.ts'), 'export const c = 4\n')
      expect(fingerprintSources([dir])).not.toBe(edited)
      writeFileSync(join(dir, 'notes.md'), 'not code')
      expect(fingerprintSources([dir])).toBe(fingerprintSources([dir]))
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
    // this build's signature: the same for the same version and month, another for another version or month
    expect(summarySignature(7, '2025-03-02')).toBe(summarySignature(7, '2025-03-31'))
    expect(summarySignature(7, '2025-03-02')).not.toBe(summarySignature(8, '2025-03-02'))
    expect(summarySignature(7, '2025-03-02')).not.toBe(summarySignature(7, '2025-04-01'))
  })
})

describe.each(BACKENDS)('stored branch summaries on $name', (backend) => {
  let ts: TestServer
  let branches: BranchFixture[]
  const committee = uniqueName('党委')

  /**
   * The summaries as a process that has just started computes them: nothing kept in memory, and tally paths
   * numbered afresh. Returned with the totals they sum to, which the committee's table shows.
   */
  async function inFreshProcess(branchList: { id: string; version: number }[], today: ChinaDate) {
    vi.resetModules()
    const { branchYearSummaries } = await import('../../src/server/services/report-branches')
    const { sumYearTallies } = await import('../../src/shared/report/tally')
    const summaries = await branchYearSummaries(ts.db, branchList, Y, today)
    const shown = (id: string) => {
      const { tally, ...rest } = summaries.get(id)!
      return { ...rest, totals: sumYearTallies(Y, [tally]) }
    }
    return { summaries, shown }
  }

  async function markStored(branchId: string, missedCount: number) {
    const row = await ts.db.one<{ summary: string }>(`SELECT summary FROM branch_year_summaries WHERE branch_id = $1 AND year = $2`, [branchId, Y])
    const marked = { ...JSON.parse(row!.summary), missedCount }
    await ts.db.run(`UPDATE branch_year_summaries SET summary = $1 WHERE branch_id = $2 AND year = $3`, [JSON.stringify(marked), branchId, Y])
  }

  async function versions() {
    return Promise.all(branches.map(async (b) => {
      const row = await ts.db.one<{ version: unknown }>(`SELECT version FROM branches WHERE id = $1`, [b.branchId])
      return { id: b.branchId, version: Number(row!.version) }
    }))
  }

  beforeAll(async () => {
    ts = await startServer(backend)
    branches = [await setupBranch(ts, committee), await setupBranch(ts, committee)]
    for (const [i, b] of branches.entries()) {
      const d = new Device(b.secretary)
      for (let m = 1; m <= 3 + i; m++) d.put('activity', newId(), activityFields({ types: ['themeDay'], date: `${Y}-0${m}-10` }))
      expect((await d.push()).status).toBe(200)
    }
  })
  afterAll(async () => { await ts?.close() })

  it('are read by a new process instead of compiled, and compiled again once the branch changes', async () => {
    const today: ChinaDate = `${Y + 1}-03-02`
    const first = await inFreshProcess(await versions(), today)
    const [one, two] = branches.map((b) => b.branchId) as [string, string]
    expect([first.shown(one).values['type.themeDay'], first.shown(two).values['type.themeDay']]).toEqual([3, 4])
    const rows = await ts.db.all<{ branch_id: string; signature: string }>(
      `SELECT branch_id, signature FROM branch_year_summaries WHERE year = $1`, [Y])
    const v = await versions()
    expect(rows.filter((r) => r.branch_id === one || r.branch_id === two).map((r) => r.signature).sort())
      .toEqual(v.map((b) => summarySignature(b.version, today)).sort())

    // Mark the stored copy: a new process that serves the mark read it rather than compiling; what it read is what
    // was compiled, the totals included (tally paths are stored by name, not by this process's numbers).
    await markStored(one, 99)
    const again = await inFreshProcess(v, `${Y + 1}-03-30`)
    expect(again.shown(one)).toEqual({ ...first.shown(one), missedCount: 99 })
    expect(again.shown(two)).toEqual(first.shown(two))

    // Another month, or a push to the branch: compiled from the records again (the mark is gone).
    const nextMonth = await inFreshProcess(v, `${Y + 1}-04-01`)
    expect(nextMonth.shown(one).missedCount).toBe(first.shown(one).missedCount)
    await markStored(one, 99)
    const d = new Device(branches[0]!.secretary)
    d.put('activity', newId(), activityFields({ types: ['themeDay'], date: `${Y}-05-10` }))
    expect((await d.push()).status).toBe(200)
    const afterPush = await inFreshProcess(await versions(), `${Y + 1}-04-01`)
    expect(afterPush.shown(one).values['type.themeDay']).toBe(4)
    expect(afterPush.shown(one).missedCount).not.toBe(99)
  })

  it('never replaces a newer version with an older one', async () => {
    const [one] = branches.map((b) => b.branchId) as [string]
    const before = await ts.db.one<{ branch_version: unknown; summary: string }>(
      `SELECT branch_version, summary FROM branch_year_summaries WHERE branch_id = $1 AND year = $2`, [one, Y])
    const older = Number(before!.branch_version) - 1
    const stale = { ...JSON.parse(before!.summary), missedCount: 77 }
    await storeSummaries(ts.db, Y, [{ branchId: one, version: older, signature: summarySignature(older, `${Y + 1}-04-01`), summary: stale }], Date.now())
    const after = await ts.db.one<{ branch_version: unknown; summary: string }>(
      `SELECT branch_version, summary FROM branch_year_summaries WHERE branch_id = $1 AND year = $2`, [one, Y])
    expect(Number(after!.branch_version)).toBe(Number(before!.branch_version))
    expect(after!.summary).toBe(before!.summary)
  })
})
