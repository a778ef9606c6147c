// The committee's own year-end report draft (党委 / 党总支 level), in the register of a 党委书记's report on guiding
// its branches: title, opening, 一、主要做法和成效 (the roll-up paragraph of committee.ts), 二、述职报告审阅 when the
// review standing is known, 三、各党支部情况 pointing to the table, then the committee's name and the date.
// The Word file (src/client/export/committeeDocx.ts) sets it in 公文 layout with the table as a landscape appendix.
import type { ReviewStatus } from '../api/review'
import { formatChinaDate, type ChinaDate } from '../dates'
import { composeCommitteeText, type CommitteeTable } from './committee'

export interface CommitteeDraftInput {
  table: CommitteeTable
  /** today in China: the date line, and which year is 'this year' */
  today: ChinaDate
  /** each branch's review standing for the year, when the committee page has it */
  reviews?: readonly ReviewStatus[]
}

export interface CommitteeDraft {
  title: string
  opening: string
  sections: { heading: string; paragraphs: string[] }[]
  /** the appendix table's title */
  tableTitle: string
  closing: string[]
}

export function committeeDraftTitle(committeeName: string, year: number): string {
  return `${year}年度${committeeName}抓基层党建工作情况报告`
}

/** '所属3个党支部中，1个党支部书记的述职报告已审阅通过，1个待审阅，1个尚未提交。' */
export function reviewSentence(reviews: readonly ReviewStatus[]): string {
  const n = reviews.length
  const count = (s: ReviewStatus) => reviews.filter((r) => r === s).length
  if (n === 0) return ''
  if (count('approved') === n) return `所属${n}个党支部书记的述职报告均已审阅通过。`
  const parts = [
    count('approved') > 0 ? `${count('approved')}个党支部书记的述职报告已审阅通过` : '',
    count('submitted') > 0 ? `${count('submitted')}个待审阅` : '',
    count('returned') > 0 ? `${count('returned')}个已退回修改` : '',
    count('none') > 0 ? `${count('none')}个尚未提交` : '',
  ].filter((p) => p !== '')
  if (count('approved') === 0) parts[0] = `党支部书记的述职报告${parts[0]}`
  return `所属${n}个党支部中，${parts.join('，')}。`
}

export function committeeDraft(input: CommitteeDraftInput): CommitteeDraft {
  const { table } = input
  const name = table.committee.name
  const n = table.branches.length
  const currentYear = Number(input.today.slice(0, 4))
  const rollUp = composeCommitteeText({
    committeeName: name, year: table.year, currentYear, branches: table.branches, totals: table.totals,
  }).split('\n').filter((p) => p !== '')
  const sections: CommitteeDraft['sections'] = [{ heading: '一、主要做法和成效', paragraphs: rollUp }]
  const review = input.reviews ? reviewSentence(input.reviews) : ''
  if (review) sections.push({ heading: '二、党支部书记述职报告审阅情况', paragraphs: [review] })
  sections.push({
    heading: `${review ? '三' : '二'}、各党支部情况`,
    paragraphs: [n > 0
      ? `所属${n}个党支部${table.year}年的各项活动次数、参会率和未按期召开的会议见附表。`
      : '本党委暂无所属党支部的记录。'],
  })
  return {
    title: committeeDraftTitle(name, table.year),
    opening: `${name}现有所属党支部${n}个。按照上级党组织要求，现将${table.year}年度抓基层党建工作情况报告如下。`,
    sections,
    tableTitle: `附表：${name}${table.year}年各支部情况汇总`,
    closing: [name, formatChinaDate(input.today)],
  }
}
