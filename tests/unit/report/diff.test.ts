import { describe, expect, it } from 'vitest'
import { compileYearReport, diffReportFigures, listReportFigures, snapshotReportFigures } from '../../../src/shared/report'
import { makeRecord } from './fixtures'

const sheet = (expected: string[], absent: string[] = []) => ({ expected, leave: [], absent, observers: '' })

describe('diffReportFigures', () => {
  const before = [
    makeRecord({ id: 'cm1', types: ['committeeMeeting'], date: '2025-01-05', attendance: sheet(['a', 'b']) }),
    makeRecord({ id: 'talk', types: ['heartTalk'], date: '2025-01-06' }),
  ]
  const old = compileYearReport({ records: before, year: 2025 })

  it('lists nothing when nothing changed', () => {
    expect(diffReportFigures(old, compileYearReport({ records: before, year: 2025 }))).toEqual([])
  })

  it('lists changed figures with label, old and new, from a report or a stored snapshot', () => {
    const after = [
      ...before,
      makeRecord({ id: 'cm2', types: ['committeeMeeting'], date: '2025-02-05', attendance: sheet(['a', 'b'], ['b']) }),
    ]
    const next = compileYearReport({ records: after, year: 2025 })
    const expected = [
      { key: 'records', label: '活动总数', unit: '次', old: 2, new: 3 },
      { key: 'type.committeeMeeting', label: '支委会', unit: '次', old: 1, new: 2 },
      { key: 'attendance.overall', label: '平均参会率', unit: '%', old: 100, new: 75 },
      { key: 'attendance.committeeMeeting', label: '支委会参会率', unit: '%', old: 100, new: 75 },
    ]
    expect(diffReportFigures(old, next)).toEqual(expected)
    const stored = JSON.parse(JSON.stringify(snapshotReportFigures(old))) as Record<string, number>
    expect(diffReportFigures(stored, next)).toEqual(expected)
  })

  it('lists a figure that disappeared', () => {
    const next = compileYearReport({ records: [before[1]!], year: 2025 })
    expect(diffReportFigures(old, next)).toEqual([
      { key: 'records', label: '活动总数', unit: '次', old: 2, new: 1 },
      { key: 'type.committeeMeeting', label: '支委会', unit: '次', old: 1, new: 0 },
      { key: 'attendance.overall', label: '平均参会率', unit: '%', old: 100, new: 0 },
      { key: 'attendance.committeeMeeting', label: '支委会参会率', unit: '%', old: 100, new: 0 },
    ])
  })

  it('gives every figure its record ids', () => {
    const figures = listReportFigures(old)
    expect(figures.find((f) => f.key === 'heartTalk.persons')).toMatchObject({ value: 1, recordIds: ['talk'], unit: '人次' })
    expect(figures.find((f) => f.key === 'attendance.committeeMeeting')?.recordIds).toEqual(['cm1'])
  })
})
