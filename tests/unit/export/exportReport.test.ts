import { describe, expect, it } from 'vitest'
import {
  exportErrorMessage, exportLedgerCsv, exportLedgerXlsx, exportMeetingMinutesDocx, minutesFileName, NothingToExportError, reportFileName,
} from '../../../src/client/report/exportReport'
import { makeRecord } from '../report/fixtures'

describe('export entry points', () => {
  it('name the files by year or month, kind and branch', () => {
    expect(reportFileName(2026, '红星社区第一党支部', 'xlsx', '活动台账')).toBe('2026年活动台账-红星社区第一党支部.xlsx')
    expect(minutesFileName('2026年3月会议记录', '第一/党支部')).toBe('2026年3月会议记录-第一党支部.docx')
  })

  it('refuse an empty year\'s 台账 with a sentence to show, before loading anything', async () => {
    const records = [makeRecord({ types: ['themeDay'], date: '2025-03-01' }), makeRecord({ types: ['themeDay'], date: '2026-03-01', deleted: true })]
    const xlsx = exportLedgerXlsx({ year: 2026, branchName: '', records })
    await expect(xlsx).rejects.toBeInstanceOf(NothingToExportError)
    await expect(exportLedgerCsv({ year: 2026, branchName: '', records })).rejects.toThrow('2026年还没有活动记录，台账是空的，没有生成文件。')
    expect(exportErrorMessage('导出台账 Excel', await xlsx.catch((e: unknown) => e))).toBe('2026年还没有活动记录，台账是空的，没有生成文件。')
  })

  it('refuse 会议记录 for a month without meetings', async () => {
    const records = [makeRecord({ types: ['heartTalk'], date: '2026-03-05' }), makeRecord({ types: ['committeeMeeting'], date: '2026-04-01' })]
    await expect(exportMeetingMinutesDocx(records, [], '', { year: 2026, month: 3 })).rejects.toThrow('所选时间内没有会议，无需导出会议记录。')
  })
})
