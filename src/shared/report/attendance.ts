// Attendance tallies: per meeting type, overall, per month and per member.
import type { Attendance } from '../model/activity'
import type { Member } from '../model/member'
import { addToFigure, emptyFigure } from './figure'
import type { AttendanceFigures, MemberAttendance } from './types'
import { memberLabel } from '../model/memberLabel'

export function emptyAttendance(): AttendanceFigures {
  return { meetings: emptyFigure(), expected: 0, present: 0, leave: 0, absent: 0, rate: null }
}

/** How one sheet splits 应到: every expected member is present, on leave (请假 wins over 缺席) or absent. */
export interface SheetTally {
  expected: number
  present: number
  leave: number
  absent: number
}

export function addSheet(target: AttendanceFigures, recordId: string, tally: SheetTally): void {
  addToFigure(target.meetings, recordId)
  target.expected += tally.expected
  target.present += tally.present
  target.leave += tally.leave
  target.absent += tally.absent
}

export function finishAttendance(target: AttendanceFigures): AttendanceFigures {
  target.rate = target.expected > 0 ? target.present / target.expected : null
  return target
}

interface MemberRow extends MemberAttendance {
  /** the last record this member was counted for, so a name listed twice on one sheet counts once */
  lastRecordId: string
}

function isListed(ids: readonly string[], id: string): boolean {
  for (let i = 0; i < ids.length; i++) if (ids[i] === id) return true
  return false
}

/**
 * Walks each attendance sheet once, tallying the sheet and every member on it together.
 * Leave and absent lists are short, so they are scanned rather than hashed.
 */
export class AttendanceTally {
  private readonly byId = new Map<string, MemberRow>()

  sheet(recordId: string, sheet: Attendance): SheetTally {
    const leaveIds = sheet.leave.length === 0 ? [] : sheet.leave.map((l) => l.memberId)
    const absentIds = sheet.absent
    const tally: SheetTally = { expected: 0, present: 0, leave: 0, absent: 0 }
    for (const memberId of sheet.expected) {
      const row = this.row(memberId)
      if (row.lastRecordId === recordId) continue
      row.lastRecordId = recordId
      tally.expected++
      addToFigure(row.expected, recordId)
      if (leaveIds.length > 0 && isListed(leaveIds, memberId)) {
        tally.leave++
        addToFigure(row.leave, recordId)
      } else if (absentIds.length > 0 && isListed(absentIds, memberId)) {
        tally.absent++
        addToFigure(row.absent, recordId)
      } else {
        tally.present++
        row.present++
      }
    }
    return tally
  }

  /** Roster members first (active ones even with no meetings), in roster order; then ids not on the roster. */
  members(roster: readonly Member[]): MemberAttendance[] {
    const ordered = [...roster].sort((a, b) => a.order - b.order || a.name.localeCompare(b.name, 'zh-CN'))
    const rows: MemberRow[] = []
    const placed = new Set<string>()
    for (const member of ordered) {
      if (placed.has(member.id)) continue
      const seen = this.byId.get(member.id)
      if (!seen && (member.deleted || !member.active)) continue
      const row = seen ?? this.row(member.id)
      row.name = memberLabel(member)
      row.role = member.role
      row.group = member.group
      rows.push(row)
      placed.add(member.id)
    }
    for (const [id, row] of this.byId) if (!placed.has(id)) rows.push(row)
    return rows.map(({ lastRecordId: _, ...row }) => ({
      ...row, rate: row.expected.value > 0 ? row.present / row.expected.value : null,
    }))
  }

  private row(memberId: string): MemberRow {
    let row = this.byId.get(memberId)
    if (!row) {
      row = {
        memberId, name: memberId, role: null, group: '',
        expected: emptyFigure(), present: 0, leave: emptyFigure(), absent: emptyFigure(), rate: null, lastRecordId: '',
      }
      this.byId.set(memberId, row)
    }
    return row
  }
}
