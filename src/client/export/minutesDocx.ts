// 会议记录 as a Word file: each meeting on its own page in the form of a 三会一课记录本 (the fields from
// src/shared/export/meetingMinutes.ts), on the 公文 page (src/client/export/gongwen.ts). One meeting, or all of a
// month or a year, in one file. Loaded lazily, like the report's Word file.
import {
  AlignmentType, BorderStyle, Document, LineRuleType, Paragraph, Table, TableCell, TableRow, TextRun, VerticalAlign, WidthType,
} from 'docx'
import { MINUTES_LABELS, type MeetingMinutes } from '@shared/export/meetingMinutes'
import type { ReportFonts } from './fonts'
import { BODY_SIZE, DEFAULT_FONTS, FOOTERS, fontOf, MM, portraitPage, titleParagraph } from './gongwen'
import { packDocx } from './docx'

export interface MinutesDocxInput {
  /** '红星社区第一党支部' */
  branchName: string
  minutes: readonly MeetingMinutes[]
  fonts?: Partial<ReportFonts>
}

const SIGNATURE_LABELS = { hostSignature: '主持人签字', recorderSignature: '记录人签字' } as const
const FORM_SIZE = 24 // 小四: a meeting of 30 with its names still fits one page
const FORM_LINE = 400 // 20 pt exact
const LABEL_MM = 34 // '缺席人员及原因' and '决议及表决情况' on one line in 小四
const TEXT_WIDTH_MM = 156
const VALUE_MM = (TEXT_WIDTH_MM - 2 * LABEL_MM) / 2

function formCell(lines: readonly string[], font: string, options: { span?: number; widthMm: number; label?: boolean; minHeightLines?: number }): TableCell {
  const paragraphs = lines.length > 0 ? lines : ['']
  const extra = Math.max(0, (options.minHeightLines ?? 1) - paragraphs.length)
  return new TableCell({
    columnSpan: options.span,
    width: { size: Math.round(options.widthMm * MM), type: WidthType.DXA },
    verticalAlign: options.label ? VerticalAlign.CENTER : VerticalAlign.TOP,
    margins: { left: 100, right: 100, top: 30, bottom: 30 },
    children: [...paragraphs, ...Array.from({ length: extra }, () => '')].map((text) => new Paragraph({
      alignment: options.label ? AlignmentType.CENTER : AlignmentType.LEFT,
      spacing: { line: FORM_LINE, lineRule: LineRuleType.EXACT },
      children: [new TextRun({ text, size: FORM_SIZE, font: fontOf(font), snapToGrid: false })],
    })),
  })
}

function minutesTable(m: MeetingMinutes, fonts: ReportFonts): Table {
  const label = (key: keyof typeof MINUTES_LABELS | keyof typeof SIGNATURE_LABELS) =>
    formCell([key in SIGNATURE_LABELS ? SIGNATURE_LABELS[key as keyof typeof SIGNATURE_LABELS] : MINUTES_LABELS[key as keyof typeof MINUTES_LABELS]], fonts.heading1.name, { widthMm: LABEL_MM, label: true })
  const value = (lines: readonly string[], span = 1, minHeightLines = 1) =>
    formCell(lines, fonts.body.name, { widthMm: span === 1 ? VALUE_MM : TEXT_WIDTH_MM - LABEL_MM, span: span === 1 ? undefined : 3, minHeightLines })
  const f = m.fields
  const wide = (key: keyof typeof MINUTES_LABELS, lines: readonly string[], minHeightLines = 1) =>
    new TableRow({ cantSplit: minHeightLines <= 2, children: [label(key), value(lines, 3, minHeightLines)] })
  const pair = (a: keyof typeof MINUTES_LABELS, b: keyof typeof MINUTES_LABELS) =>
    new TableRow({ cantSplit: true, children: [label(a), value([f[a]]), label(b), value([f[b]])] })
  const border = { style: BorderStyle.SINGLE, size: 6, color: '000000' }
  return new Table({
    width: { size: Math.round(TEXT_WIDTH_MM * MM), type: WidthType.DXA },
    columnWidths: [LABEL_MM, VALUE_MM, LABEL_MM, VALUE_MM].map((mm) => Math.round(mm * MM)),
    layout: 'fixed',
    borders: { top: border, bottom: border, left: border, right: border, insideHorizontal: border, insideVertical: border },
    rows: [
      wide('name', [f.name]),
      pair('time', 'place'),
      pair('host', 'recorder'),
      pair('expected', 'present'),
      wide('presentNames', [f.presentNames]),
      wide('away', [f.away]),
      wide('observers', [f.observers]),
      wide('topic', f.topic.split('\n')),
      wide('summary', m.summaryParagraphs, 8),
      wide('resolution', m.resolutionParagraphs, 3),
      new TableRow({ cantSplit: true, children: [label('hostSignature'), value(['']), label('recorderSignature'), value([''])] }),
    ],
  })
}

export function createMinutesDocument(input: MinutesDocxInput): Document {
  const fonts: ReportFonts = { ...DEFAULT_FONTS, ...input.fonts }
  const branch = input.branchName.trim()
  const children: (Paragraph | Table)[] = []
  if (input.minutes.length === 0) {
    children.push(titleParagraph('会议记录', fonts), new Paragraph({ children: [new TextRun({ text: '所选时间内没有会议记录。', size: BODY_SIZE, font: fontOf(fonts.body.name) })] }))
  }
  input.minutes.forEach((m, i) => {
    // one record per page: the title of each record starts a page
    children.push(
      titleParagraph(`${branch}会议记录`, fonts, branch.length || undefined, i > 0),
      minutesTable(m, fonts),
    )
  })
  return new Document({
    creator: '支部纪实',
    title: `${branch}会议记录`,
    evenAndOddHeaderAndFooters: true,
    styles: { default: { document: { run: { font: fontOf(fonts.body.name), size: BODY_SIZE } } } },
    sections: [{ properties: portraitPage(false), footers: FOOTERS, children }],
  })
}

export async function buildMinutesDocx(input: MinutesDocxInput): Promise<Uint8Array<ArrayBuffer>> {
  return packDocx(createMinutesDocument(input), { ...DEFAULT_FONTS, ...input.fonts })
}
