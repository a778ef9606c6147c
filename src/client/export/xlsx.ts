// The 台账 as a real .xlsx (src/shared/export/ledgerSheets.ts gives the sheets). Loaded only when the secretary
// taps the button (src/client/report/exportReport.ts imports it dynamically), so the first load is unchanged.
//
// Why write-excel-file: it is maintained, write-only (all we need; nothing parses untrusted files here) and about
// 21 kB gzip in the lazy chunk. The `xlsx` (SheetJS) package on npm is frozen at 0.18.5 with open advisories (the
// fixed builds are not published to npm); exceljs is about 270 kB gzip and has had no release since early 2024.
// The writer has landscape A4 (`orientation`) and frozen rows; print titles (the header row repeated on every
// printed page), fit-to-width and printed grid lines it does not offer, so the `features` hook below adds them.
//
// Speed (10,000 records must export in ≤ 1 s, `npm run bench xlsx`): the writer builds the XML, and we zip it with
// fflate's synchronous deflate at level 1. The writer's own zipper is fflate's asynchronous `zip`, which starts a Web
// Worker for each file over 160 kB (every sheet here) and compresses at level 6: measured in Chromium on the same
// files, 1.4–3.4 s against 0.16–0.34 s (the file is about 30 % larger: 1.0 MB instead of 0.8 MB). The writer's
// `fontFamily` option is not used either: it gives every cell a style lookup of its own (see defaultFontFeature).
import { strToU8, zipSync } from 'fflate'
import type { Cell, Feature, Sheet } from 'write-excel-file/universal'
import generateXlsxFileContents from './xlsxContents'
import { buildLedgerSheets, displayWidth, type LedgerSheet, type LedgerSheetsInput } from '@shared/export/ledgerSheets'

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

/** Rows above the table: title, subtitle; the header row is the third. */
const HEADER_ROW = 3
const FONT = '宋体'
/** deflate level: 1 is several times faster than the usual 6 on this text, for a file about 30 % larger */
const ZIP_LEVEL = 1
const FONT_SIZE = 11
/** The workbook's default font (font 0, which unstyled cells use): 宋体 11, GB2312 charset. */
const DEFAULT_FONT_XML = `<font><sz val="${FONT_SIZE}"/><name val="${FONT}"/><family val="2"/><charset val="134"/></font>`

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;')
}

/** _xlnm.Print_Titles per sheet: row 3 (the header) repeats at the top of every printed page. */
function printTitlesFeature(sheetNames: readonly string[]): Feature<Blob> {
  const names = sheetNames.map((name, i) =>
    `<definedName name="_xlnm.Print_Titles" localSheetId="${i}">'${escapeXml(name.replace(/'/g, "''"))}'!$${HEADER_ROW}:$${HEADER_ROW}</definedName>`).join('')
  return {
    files: {
      transform: {
        'xl/workbook.xml': {
          transform: (xml) => xml.replace(/<definedNames\s*\/>|<definedNames>(.*?)<\/definedNames>/s, (_m, inner: string | undefined) => `<definedNames>${inner ?? ''}${names}</definedNames>`),
        },
        'xl/worksheets/sheet{id}.xml': {
          // print one page wide, as many pages tall as needed, with the grid lines as cell borders
          transform: (xml) => xml
            .replace('<sheetViews', '<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr><sheetViews')
            .replace('<pageMargins', '<printOptions gridLines="1"/><pageMargins')
            .replace(/<pageSetup\b/, '<pageSetup fitToWidth="1" fitToHeight="0"'),
        },
      },
    },
  }
}

/**
 * The default font set in styles.xml rather than through the writer's `fontFamily` option: with that option the
 * writer gives every cell a style of its own (a style lookup per cell), which was most of a 10,000-row export's time.
 * Unstyled cells take style 0, whose font is font 0: the first <font> of styles.xml, replaced here.
 */
const defaultFontFeature: Feature<Blob> = {
  files: {
    transform: {
      'xl/styles.xml': { transform: (xml) => xml.replace(/<font>.*?<\/font>|<font\/>/s, DEFAULT_FONT_XML) },
    },
  },
}

function toSheet(sheet: LedgerSheet): Sheet<Blob> {
  const span = Math.max(sheet.columns.length, 1)
  const pad = (cell: Cell): Cell[] => [cell, ...Array.from({ length: span - 1 }, () => null)]
  const title: Cell[] = pad({ value: sheet.title, fontFamily: FONT, fontWeight: 'bold', fontSize: 16, columnSpan: span, height: 30, alignVertical: 'center' })
  const subtitle: Cell[] = pad({ value: sheet.subtitle, fontFamily: FONT, fontSize: 10, columnSpan: span, textColor: '#555555' })
  const header: Cell[] = sheet.columns.map((c) => ({
    value: c.header, fontFamily: FONT, fontSize: FONT_SIZE, fontWeight: 'bold', align: 'center', alignVertical: 'center', wrap: true,
    backgroundColor: '#F2F2F2', borderStyle: 'thin',
  }))
  // Body cells carry no style of their own except wrapping where text is longer than its column: the writer looks
  // a style up per styled cell, which made 10,000 records take seconds. Lines between cells come from printed
  // grid lines instead (printOptions below). Strings stay strings: Excel does not re-read '2026-01-09' as a date.
  const wrapAt = sheet.columns.map((c) => (c.wrap ? c.width : Infinity))
  const body: Cell[][] = sheet.rows.map((row) => row.map((v, i): Cell => {
    if (v === null || v === '') return null
    if (typeof v === 'number') return v
    return displayWidth(v) > wrapAt[i]! ? { value: v, wrap: true, alignVertical: 'top', fontFamily: FONT, fontSize: FONT_SIZE } : v
  }))
  return {
    sheet: sheet.name,
    data: [title, subtitle, header, ...body],
    columns: sheet.columns.map((c) => ({ width: c.width })),
    orientation: 'landscape',
    stickyRowsCount: HEADER_ROW,
  }
}

/** The workbook as a Blob: one sheet per type group, then 党员个人年度情况 when a roster is given. */
export async function buildLedgerXlsx(input: LedgerSheetsInput): Promise<Blob> {
  return writeLedgerXlsx(buildLedgerSheets(input))
}

/** Write sheets built by buildLedgerSheets() (split out so the benchmark can time the writer alone). */
export async function writeLedgerXlsx(sheets: readonly LedgerSheet[]): Promise<Blob> {
  const contents = generateXlsxFileContents(sheets.map(toSheet), {
    features: [defaultFontFeature, printTitlesFeature(sheets.map((s) => s.name))],
  })
  const files: Record<string, Uint8Array> = {}
  for (const [path, content] of Object.entries(contents)) {
    files[path] = typeof content === 'string' ? strToU8(content) : new Uint8Array(await content.arrayBuffer())
  }
  const zipped = zipSync(files, { level: ZIP_LEVEL })
  return new Blob([zipped as Uint8Array<ArrayBuffer>], { type: XLSX_MIME })
}
