// 学时 per member (《党员教育管理工作条例》 counts 学时 per member, not per branch): from the study sessions'
// attendance sheets, each present member earns the session's 学时.
import type { ActivityRecord } from '../model/activity'
import { addToFigure, emptyFigure, roundAmount, type Figure } from './figure'

/** What 学时 per member is made of; tallies of several branches add up (tally.ts). */
export interface StudyHoursParts {
  personHours: number
  memberIds: string[]
  /** some session with 学时 had no attendance sheet */
  unsheeted: boolean
}

export class StudyHoursTally {
  private personHours = 0
  private readonly members = new Set<string>()
  private readonly figure: Figure = emptyFigure()
  private unsheeted = false

  add(record: ActivityRecord): void {
    const hours = record.study?.creditHours ?? 0
    if (hours <= 0) return
    const sheet = record.attendance
    if (!sheet || sheet.expected.length === 0) {
      this.unsheeted = true
      return
    }
    const away = new Set([...sheet.leave.map((l) => l.memberId), ...sheet.absent])
    let present = 0
    for (const id of new Set(sheet.expected)) {
      this.members.add(id)
      if (!away.has(id)) present++
    }
    this.personHours += present * hours
    addToFigure(this.figure, record.id, 0)
  }

  parts(): StudyHoursParts {
    return { personHours: this.personHours, memberIds: [...this.members], unsheeted: this.unsheeted }
  }

  /** Null when some session with 学时 has no sheet, or none was logged. */
  perMember(): Figure | null {
    if (this.unsheeted || this.members.size === 0) return null
    return { value: roundAmount(this.personHours / this.members.size), recordIds: this.figure.recordIds }
  }
}
