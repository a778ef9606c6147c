// diffReportFigures: which figures changed between two compilations, for "数据已更新" after the text was edited.
import { ACTIVITY_TYPES, isActivityTypeId } from '../catalogue'
import { listReportFigures, snapshotReportFigures, type FigureUnit, type ReportFigureSnapshot } from './figure-list'
import type { YearReport } from './types'

export interface FigureChange {
  key: string
  label: string
  unit: FigureUnit
  /** 0 when the figure did not exist before */
  old: number
  new: number
}

/**
 * Figures whose value differs, in report order. `old` may be a full report or the snapshot stored with the
 * secretary's edited text; labels come from the new report.
 */
export function diffReportFigures(old: YearReport | ReportFigureSnapshot, next: YearReport): FigureChange[] {
  const before = isReport(old) ? snapshotReportFigures(old) : old
  const changes: FigureChange[] = []
  const seen = new Set<string>()
  for (const f of listReportFigures(next)) {
    seen.add(f.key)
    const was = before[f.key] ?? 0
    if (was !== f.value) changes.push({ key: f.key, label: f.label, unit: f.unit, old: was, new: f.value })
  }
  // a figure that disappeared (an attendance rate with no meetings left)
  for (const [key, was] of Object.entries(before)) {
    if (seen.has(key) || was === 0) continue
    changes.push({ key, label: vanishedLabel(key), unit: key.startsWith('attendance.') ? '%' : '次', old: was, new: 0 })
  }
  return changes
}

function vanishedLabel(key: string): string {
  const type = key.startsWith('attendance.') ? key.slice('attendance.'.length) : ''
  if (key === 'attendance.overall') return '平均参会率'
  return isActivityTypeId(type) ? `${ACTIVITY_TYPES[type].name}参会率` : key
}

function isReport(value: YearReport | ReportFigureSnapshot): value is YearReport {
  return typeof (value as YearReport).byType === 'object'
}
