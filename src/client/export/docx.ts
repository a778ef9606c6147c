// The report section as a Word file in 公文 layout (GB/T 9704 style): A4, title in 小标宋 二号, body in 仿宋 三号
// with a 2-character first-line indent and 28 pt lines, headings 一、（一）1．, "— 1 —" page numbers, and the
// year's 台账 as an appendix table. Built on the phone (the only side that writes Word files); the UI loads this module lazily.
import {
  AlignmentType, BorderStyle, Document, Footer, HeightRule, LineRuleType, Packer, PageBreak, PageNumber, Paragraph,
  Table, TableCell, TableRow, TextRun, VerticalAlign, WidthType,
} from 'docx'
import type { ActivityRecord } from '@shared/model/activity'
import {
  absentText, attendanceCell, buildLedgerRows, creditHoursText, evaluationText, lectureText, leaveText, talkText, volunteerText,
  type LedgerMember, type LedgerRow,
} from '@shared/export/ledger'
import { headingNumber } from '@shared/export/numbering'
import { fontTableXml, type ReportFonts } from './fonts'

export interface DocxSection {
  /** without its number: '履职情况' */
  heading: string
  paragraphs?: readonly string[]
  subsections?: readonly DocxSection[]
}

/** The usual single section: 一、履职情况 with the composed (or edited) paragraphs. */
export function performanceSections(paragraphs: readonly string[]): DocxSection[] {
  return [{ heading: '履职情况', paragraphs }]
}

export interface ReportDocxInput {
  /** '2025年度第一党支部书记抓基层党建工作述职报告' */
  title: string
  /** numbered 一、（一）1． by depth */
  sections: readonly DocxSection[]
  /** the branch's records; the appendix lists the non-deleted ones dated in `year` */
  records: readonly ActivityRecord[]
  year: number
  /** the branch roster, so the appendix names who was on leave or absent; an id not on it reads （已移除） */
  roster?: readonly LedgerMember[]
  /** '附件：2025年度活动台账' by default; null leaves the appendix out */
  appendixTitle?: string | null
  fonts?: Partial<ReportFonts>
}

export const DEFAULT_FONTS: ReportFonts = {
  title: { name: '方正小标宋简体', fallback: '宋体' },
  body: { name: '仿宋_GB2312', fallback: '仿宋' },
  heading1: { name: '黑体', fallback: '黑体' },
  heading2: { name: '楷体_GB2312', fallback: '楷体' },
}

// sizes in half-points: 二号 22 pt, 三号 16 pt, 四号 14 pt, 五号 10.5 pt
const TITLE_SIZE = 44
const BODY_SIZE = 32
const TABLE_SIZE = 21
const LINE_TWIPS = 560 // 28 pt, exact
const FIRST_LINE_INDENT_TWIPS = 640 // 2 characters of 16 pt
const MM = 56.7 // twips per millimetre

function run(text: string, font: string, size: number, bold = false): TextRun {
  return new TextRun({ text, size, bold, font: { ascii: font, eastAsia: font, hAnsi: font, hint: 'eastAsia' } })
}

function bodyParagraph(children: TextRun[], indent = true): Paragraph {
  return new Paragraph({
    children,
    alignment: AlignmentType.JUSTIFIED,
    spacing: { line: LINE_TWIPS, lineRule: LineRuleType.EXACT, before: 0, after: 0 },
    indent: indent ? { firstLine: FIRST_LINE_INDENT_TWIPS } : undefined,
  })
}

function sectionParagraphs(sections: readonly DocxSection[], fonts: ReportFonts, level = 0): Paragraph[] {
  const out: Paragraph[] = []
  sections.forEach((section, i) => {
    const heading = `${headingNumber(level, i + 1)}${section.heading}`
    const font = level === 0 ? fonts.heading1.name : level === 1 ? fonts.heading2.name : fonts.body.name
    out.push(bodyParagraph([run(heading, font, BODY_SIZE, level >= 2)]))
    for (const text of section.paragraphs ?? []) out.push(bodyParagraph([run(text, fonts.body.name, BODY_SIZE)]))
    if (section.subsections) out.push(...sectionParagraphs(section.subsections, fonts, level + 1))
  })
  return out
}

/**
 * Six wide columns so the table stays readable on A4 portrait: the details of each kind of record are composed
 * into 参会情况 and 其他, one line per item, and no cell of a row is left empty.
 */
export const LEDGER_TABLE_HEADER = ['日期', '类型', '主题/地点', '参会情况', '其他', '补录'] as const
// millimetres over the 156 mm text width; 日期 fits 'YYYY-MM-DD' on one line in 五号, 补录 fits its header
const LEDGER_COLUMN_MM = [23, 20, 34, 36, 31, 12]
const NOT_APPLICABLE = '—'

function cell(lines: readonly string[], font: string, align: 'center' | 'left' = 'center'): TableCell {
  const shown = lines.flatMap((l) => l.split(/\r?\n/)).map((l) => l.trim()).filter((l) => l !== '')
  return new TableCell({
    verticalAlign: VerticalAlign.CENTER,
    margins: { left: 85, right: 85 },
    children: (shown.length > 0 ? shown : [NOT_APPLICABLE]).map((text) => new Paragraph({
      alignment: align === 'center' ? AlignmentType.CENTER : AlignmentType.LEFT,
      children: [run(text, font, TABLE_SIZE)],
    })),
  })
}

function labelled(label: string, text: string): string {
  return text ? `${label}：${text}` : ''
}

/** 应到4人，实到2人 / 请假1人：王芳（出差） / 缺席1人：李四 / 列席：… */
export function ledgerAttendanceLines(r: LedgerRow): string[] {
  const lines = r.expected === null
    ? [r.takesAttendance ? '未点名' : '']
    : [attendanceCell(r), leaveText(r), absentText(r)]
  return [...lines, labelled('列席', r.observers)].filter((l) => l !== '')
}

/** 讲课人 / 谈话 / 志愿服务 / 学时 / 民主评议, one line each */
export function ledgerOtherLines(r: LedgerRow): string[] {
  return [
    labelled('讲课人', lectureText(r)),
    labelled('谈心谈话', talkText(r)),
    labelled('志愿服务', volunteerText(r)),
    labelled('学时', creditHoursText(r)),
    labelled('民主评议', evaluationText(r)),
  ].filter((l) => l !== '')
}

function ledgerTable(rows: readonly LedgerRow[], fonts: ReportFonts): Table {
  const border = { style: BorderStyle.SINGLE, size: 4, color: '000000' }
  const header = new TableRow({
    tableHeader: true,
    height: { value: 454, rule: HeightRule.ATLEAST },
    children: LEDGER_TABLE_HEADER.map((h) => cell([h], fonts.heading1.name)),
  })
  const body = rows.map((r) => new TableRow({
    cantSplit: true,
    children: [
      cell([r.date, r.startTime], fonts.body.name),
      cell([r.types], fonts.body.name),
      cell([r.topic, labelled('党小组', r.partyGroup), labelled('地点', r.place), labelled('主持人', r.host), labelled('记录人', r.recorder)], fonts.body.name, 'left'),
      cell(ledgerAttendanceLines(r), fonts.body.name, 'left'),
      cell(ledgerOtherLines(r), fonts.body.name, 'left'),
      cell([r.backfilled ? '是' : '否'], fonts.body.name),
    ],
  }))
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    columnWidths: LEDGER_COLUMN_MM.map((mm) => Math.round(mm * MM)),
    borders: { top: border, bottom: border, left: border, right: border, insideHorizontal: border, insideVertical: border },
    rows: [header, ...body],
  })
}

function pageNumberFooter(fonts: ReportFonts): Footer {
  const font = { ascii: fonts.body.name, eastAsia: fonts.body.name, hAnsi: fonts.body.name }
  return new Footer({
    children: [new Paragraph({
      alignment: AlignmentType.CENTER,
      children: [new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'], size: 28, font })],
    })],
  })
}

export function createReportDocument(input: ReportDocxInput): Document {
  const fonts: ReportFonts = { ...DEFAULT_FONTS, ...input.fonts }
  const children: (Paragraph | Table)[] = [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { line: 700, lineRule: LineRuleType.EXACT, after: LINE_TWIPS },
      children: [run(input.title, fonts.title.name, TITLE_SIZE)],
    }),
    ...sectionParagraphs(input.sections, fonts),
  ]
  const appendixTitle = input.appendixTitle === undefined ? `附件：${input.year}年度活动台账` : input.appendixTitle
  if (appendixTitle !== null) {
    const rows = buildLedgerRows(input.records, input.year, input.roster)
    children.push(
      new Paragraph({ children: [new PageBreak()] }),
      bodyParagraph([run(appendixTitle, fonts.heading1.name, BODY_SIZE)], false),
      bodyParagraph([run(`共${rows.length}项活动（“补录”指活动结束7天后录入的记录）`, fonts.body.name, 24)], false),
      ledgerTable(rows, fonts),
    )
  }
  return new Document({
    creator: '支部纪实',
    title: input.title,
    styles: { default: { document: { run: { font: fonts.body.name, size: BODY_SIZE } } } },
    sections: [{
      properties: {
        page: {
          size: { width: Math.round(210 * MM), height: Math.round(297 * MM) },
          margin: { top: Math.round(37 * MM), bottom: Math.round(35 * MM), left: Math.round(28 * MM), right: Math.round(26 * MM), footer: Math.round(25 * MM) },
        },
      },
      footers: { default: pageNumberFooter(fonts) },
      children,
    }],
  })
}

/** The .docx bytes. In the browser wrap them: new Blob([bytes], { type: DOCX_MIME }). */
export async function buildReportDocx(input: ReportDocxInput): Promise<Uint8Array<ArrayBuffer>> {
  const fonts: ReportFonts = { ...DEFAULT_FONTS, ...input.fonts }
  // Word substitutes a missing font by the altName in the font table: 小标宋 → 宋体, 仿宋_GB2312 → 仿宋.
  const packed = await Packer.pack(createReportDocument(input), 'uint8array', false,
    [{ path: 'word/fontTable.xml', data: fontTableXml(fonts) }])
  // a copy over a plain ArrayBuffer, which Blob and fetch accept under TypeScript's DOM types
  return new Uint8Array(packed)
}

export const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'
