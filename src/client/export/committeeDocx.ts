// The committee's roll-up as a Word file in 公文 layout (gongwen.ts): the committee-level draft
// (src/shared/report/committee-draft.ts) on portrait pages, then the per-branch table as a landscape appendix.
// Loaded only when the committee taps its download button.
import {
  AlignmentType, BorderStyle, Document, LineRuleType, Paragraph, Table, TableCell, TableRow, TextRun, VerticalAlign, WidthType,
} from 'docx'
import type { CommitteeDraft } from '@shared/report/committee-draft'
import { committeeTableRows, type CommitteeTable } from '@shared/report/committee'
import type { ReportFonts } from './fonts'
import { packDocx } from './docx'
import {
  BODY_SIZE, bodyParagraph, DEFAULT_FONTS, FOOTERS, fontOf, LANDSCAPE_TEXT_WIDTH_MM, landscapePage, MM, portraitPage, run,
  titleParagraph,
} from './gongwen'

const CELL_SIZE = 18 // 小五
const HEADER_SIZE = 18
const CELL_LINE_TWIPS = 240
/** millimetres: 支部, 未按期召开（期）, 未按期召开的会议; the figure columns share what is left */
const FIXED_COLUMNS_MM = [34, 16, 48]

function cell(text: string, font: string, size: number, align: 'left' | 'center'): TableCell {
  return new TableCell({
    verticalAlign: VerticalAlign.CENTER,
    margins: { left: 50, right: 50, top: 20, bottom: 20 },
    children: text.split('\n').map((line) => new Paragraph({
      alignment: align === 'center' ? AlignmentType.CENTER : AlignmentType.LEFT,
      spacing: { line: CELL_LINE_TWIPS, lineRule: LineRuleType.EXACT },
      children: [new TextRun({ text: line === '' ? '—' : line, size, font: fontOf(font), snapToGrid: false })],
    })),
  })
}

/** Column widths in twips: the fixed three, then equal shares of the landscape text width. */
export function committeeColumnWidths(columnCount: number): number[] {
  const rest = Math.max(1, columnCount - FIXED_COLUMNS_MM.length)
  const fixed = FIXED_COLUMNS_MM.reduce((a, b) => a + b, 0)
  const share = (LANDSCAPE_TEXT_WIDTH_MM - fixed) / rest
  return Array.from({ length: columnCount }, (_, i) => Math.round((FIXED_COLUMNS_MM[i] ?? share) * MM))
}

function committeeTable(table: CommitteeTable, fonts: ReportFonts): Table {
  const [header = [], ...rows] = committeeTableRows(table)
  const border = { style: BorderStyle.SINGLE, size: 4, color: '000000' }
  const widths = committeeColumnWidths(header.length)
  const headerRow = new TableRow({
    tableHeader: true,
    cantSplit: true,
    children: header.map((h) => cell(h, fonts.heading1.name, HEADER_SIZE, 'center')),
  })
  const bodyRows = rows.map((r, ri) => new TableRow({
    cantSplit: true,
    children: r.map((text, i) => {
      // the missed meetings one rule a line; the totals row in 黑体
      const shown = i === 2 ? text.split('；').join('\n') : text
      return cell(shown, ri === rows.length - 1 ? fonts.heading1.name : fonts.body.name, CELL_SIZE, i === 0 || i === 2 ? 'left' : 'center')
    }),
  }))
  return new Table({
    width: { size: Math.round(LANDSCAPE_TEXT_WIDTH_MM * MM), type: WidthType.DXA },
    columnWidths: widths,
    layout: 'fixed',
    borders: { top: border, bottom: border, left: border, right: border, insideHorizontal: border, insideVertical: border },
    rows: [headerRow, ...bodyRows],
  })
}

export function createCommitteeDocument(draft: CommitteeDraft, table: CommitteeTable, fonts: ReportFonts = DEFAULT_FONTS): Document {
  const body = fonts.body.name
  const text: Paragraph[] = [
    titleParagraph(draft.title, fonts, draft.title.indexOf(table.committee.name) + table.committee.name.length),
    bodyParagraph([run(draft.opening, body, BODY_SIZE)]),
  ]
  for (const section of draft.sections) {
    text.push(bodyParagraph([run(section.heading, fonts.heading1.name, BODY_SIZE)]))
    for (const p of section.paragraphs) text.push(bodyParagraph([run(p, body, BODY_SIZE)]))
  }
  // GB/T 9704 7.3.5: one empty line, then 署名 and 日期 right-aligned two characters in
  text.push(bodyParagraph([], { indent: false }))
  for (const line of draft.closing) text.push(bodyParagraph([run(line, body, BODY_SIZE)], { indent: false, align: 'right', rightIndentChars: 2 }))
  return new Document({
    creator: '支部纪实',
    title: draft.title,
    evenAndOddHeaderAndFooters: true,
    styles: { default: { document: { run: { font: fontOf(body), size: BODY_SIZE } } } },
    sections: [
      { properties: portraitPage(), footers: FOOTERS, children: text },
      {
        properties: landscapePage(),
        footers: FOOTERS,
        children: [
          new Paragraph({ children: [run(draft.tableTitle, fonts.heading1.name, BODY_SIZE)] }),
          new Paragraph({
            spacing: { after: 120 },
            children: [run(`共${table.branches.length}个党支部（“未按期召开”为按本支部规定尚未按期召开的期数；参会率按全部点名的会议计算）`, body, CELL_SIZE)],
          }),
          committeeTable(table, fonts),
        ],
      },
    ],
  })
}

/** The .docx bytes; in the browser wrap them: new Blob([bytes], { type: DOCX_MIME }). */
export function buildCommitteeDocx(draft: CommitteeDraft, table: CommitteeTable): Promise<Uint8Array<ArrayBuffer>> {
  return packDocx(createCommitteeDocument(draft, table), DEFAULT_FONTS)
}
