// The 台账 table's body rows written straight as WordprocessingML. The docx library builds every cell as an object
// tree and serialises it, about 1 ms a row: a 10,000-record year took ~9 s on a quiet machine. Here a row is one
// string over two paragraph styles the document declares (ledgerCellStyles), a cell is one paragraph whose lines
// are separated by line breaks, and the column widths come from the table grid, so a row is under a kilobyte
// instead of about eight. The rows are spliced into the table the library wrote (spliceLedgerRows): the library
// still writes everything else (page setup, header row, styles, fonts, footers).
import { AlignmentType, LineRuleType, type IParagraphStyleOptions } from 'docx'
import { fontOf } from './gongwen'

/** Text of the placeholder row the library writes where the body rows go. */
export const LEDGER_ROWS_MARKER = 'ZHIBU-LEDGER-ROWS-PLACEHOLDER'

// short ids: they are repeated in every cell; Word and WPS show the styles' names
export const LEDGER_CELL_STYLE = 'LC'
export const LEDGER_CELL_LEFT_STYLE = 'LL'

/** 小五 on an exact 12 pt line: fonts with tall ascenders (Noto CJK) would otherwise space lines 1.5× */
export function ledgerCellStyles(fontName: string, size: number, lineTwips: number): IParagraphStyleOptions[] {
  return [
    {
      id: LEDGER_CELL_STYLE, name: '台账单元格', quickFormat: false,
      run: { font: fontOf(fontName), size, snapToGrid: false },
      paragraph: { alignment: AlignmentType.CENTER, spacing: { line: lineTwips, lineRule: LineRuleType.EXACT, before: 0, after: 0 } },
    },
    {
      id: LEDGER_CELL_LEFT_STYLE, name: '台账单元格（左对齐）', basedOn: LEDGER_CELL_STYLE, quickFormat: false,
      paragraph: { alignment: AlignmentType.LEFT },
    },
  ]
}

/** One cell: its lines (each its own paragraph) and how they sit. */
export interface LedgerCellText {
  lines: readonly string[]
  align: 'center' | 'left'
}

// characters XML 1.0 does not allow, and the three that must be escaped in element text
/* eslint-disable no-control-regex -- matching the control characters XML forbids is the point */
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g
const NEEDS_WORK = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF&<>]/
/* eslint-enable no-control-regex */
const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' }

export function xmlText(text: string): string {
  if (!NEEDS_WORK.test(text)) return text
  return text.replace(NOT_XML, '').replace(/[&<>]/g, (c) => ESCAPES[c]!)
}

/** A cell's lines, each trimmed, blank ones dropped; '—' when nothing is left. */
function shownLines(lines: readonly string[], empty: string): string[] {
  const shown: string[] = []
  for (const line of lines) {
    for (const part of line.includes('\n') ? line.split(/\r?\n/) : [line]) {
      const t = part.trim()
      if (t !== '') shown.push(t)
    }
  }
  return shown.length > 0 ? shown : [empty]
}

function cellXml(cell: LedgerCellText, empty: string): string {
  const style = cell.align === 'left' ? LEDGER_CELL_LEFT_STYLE : LEDGER_CELL_STYLE
  // lines are trimmed, so no xml:space="preserve" is needed
  const text = shownLines(cell.lines, empty).map(xmlText).join('</w:t><w:br/><w:t>')
  return `<w:tc><w:p><w:pPr><w:pStyle w:val="${style}"/></w:pPr><w:r><w:t>${text}</w:t></w:r></w:p></w:tc>`
}

/** The body rows: a row never splits across pages; an empty cell reads `empty` ('—'). Widths are the grid's. */
export function ledgerRowsXml(rows: readonly (readonly LedgerCellText[])[], empty: string): string {
  const out: string[] = []
  for (const row of rows) {
    out.push('<w:tr><w:trPr><w:cantSplit/></w:trPr>')
    for (const cell of row) out.push(cellXml(cell, empty))
    out.push('</w:tr>')
  }
  return out.join('')
}

/** document.xml with the placeholder row replaced by `rowsXml`; unchanged when there is no placeholder. */
export function spliceLedgerRows(documentXml: string, rowsXml: string): string {
  const at = documentXml.indexOf(LEDGER_ROWS_MARKER)
  if (at < 0) return documentXml
  const start = documentXml.lastIndexOf('<w:tr>', at)
  const endTag = '</w:tr>'
  const end = documentXml.indexOf(endTag, at)
  if (start < 0 || end < 0) throw new Error('台账表格的占位行不完整')
  return documentXml.slice(0, start) + rowsXml + documentXml.slice(end + endTag.length)
}
