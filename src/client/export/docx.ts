// The 述职报告 as a Word file in 公文 layout (src/client/export/gongwen.ts: A4, 37/35/28/26 mm, 22 × 28 grid,
// title 小标宋 二号 broken between words, body 仿宋 三号, headings 黑体 一、 / 楷体 （一）, "— 1 —" page numbers),
// with the year's 台账 as a landscape appendix in its own section. Built on the phone (the only side that writes
// Word files); the UI loads this module lazily.
import {
  AlignmentType, BorderStyle, Document, HeightRule, LineRuleType, Packer, Paragraph, Table, TableCell, TableRow, TextRun,
  VerticalAlign, WidthType,
} from 'docx'
import type { ActivityRecord } from '@shared/model/activity'
import { activityTypeName } from '@shared/catalogue'
import {
  absentText, attendanceCell, buildLedgerRows, creditHoursText, evaluationText, lectureText, leaveText, studyKindText, talkText, volunteerText,
  type LedgerMember, type LedgerRow,
} from '@shared/export/ledger'
import { headingNumber } from '@shared/export/numbering'
import { memberYearLines, type MemberYearLine } from '@shared/export/ledgerSheets'
import type { Member } from '@shared/model/member'
import { strFromU8, unzipSync, zipSync } from 'fflate'
import { fontTableXml, type ReportFonts } from './fonts'
import { LEDGER_ROWS_MARKER, ledgerCellStyles, ledgerRowsXml, spliceLedgerRows, type LedgerCellText } from './ledgerRowsXml'
import {
  BODY_SIZE, bodyParagraph, DEFAULT_FONTS, FOOTERS, fontOf, LANDSCAPE_TEXT_WIDTH_MM, landscapePage, MM, portraitPage, run,
  titleParagraph,
} from './gongwen'

export { DEFAULT_FONTS } from './gongwen'

export interface DocxSection {
  /** without its number: '主要做法和成效' */
  heading: string
  paragraphs?: readonly string[]
  subsections?: readonly DocxSection[]
}

/** The usual single section: 一、履职情况 with the composed (or edited) paragraphs. */
export function performanceSections(paragraphs: readonly string[]): DocxSection[] {
  return [{ heading: '履职情况', paragraphs }]
}

/** A roster entry as the report takes it: a name for every id; the rest for 党员个人年度情况. */
export type ReportRosterEntry = LedgerMember & Partial<Pick<Member, 'role' | 'group' | 'active' | 'deleted' | 'order'>>

export interface ReportDocxInput {
  /** '2025年度第一党支部书记抓基层党建工作述职报告' */
  title: string
  /**
   * Where the title may best break, as a character offset: after the branch name ('2025年度第一党支部' /
   * '书记抓基层党建工作述职报告'). Without it the title breaks at the most even word boundary.
   */
  titleBreakAt?: number
  /** paragraphs before the first heading: '2025年，在…领导下，本人…现将本年度履职尽责情况述职如下：' */
  opening?: readonly string[]
  /** numbered 一、（一）1． by depth */
  sections: readonly DocxSection[]
  /** lines at the end, right-aligned two characters in: ['述职人：张三', '2025年12月20日'] */
  signature?: readonly string[]
  /** the branch's records; the appendix lists the non-deleted ones dated in `year` */
  records: readonly ActivityRecord[]
  year: number
  /**
   * the branch roster, so the appendix names who was on leave or absent (an id not on it reads （已移除））; with
   * each member's 职务, 在册 and order as well, the appendix ends with 党员个人年度情况
   */
  roster?: readonly ReportRosterEntry[]
  /** '附件：2025年度活动台账' by default; null leaves the appendix out */
  appendixTitle?: string | null
  fonts?: Partial<ReportFonts>
}

const TABLE_SIZE = 18 // 小五: a landscape row then holds a meeting's details in two or three lines
const TABLE_HEADER_SIZE = 21 // 五号
const TABLE_LINE_TWIPS = 240 // 12 pt exact: fonts with tall ascenders (Noto CJK) would otherwise space lines 1.5×

function sectionParagraphs(sections: readonly DocxSection[], fonts: ReportFonts, level = 0): Paragraph[] {
  const out: Paragraph[] = []
  sections.forEach((section, i) => {
    const heading = `${headingNumber(level, i + 1)}${section.heading}`
    // 一、 in 黑体, （一） in 楷体, 1． in 仿宋 (GB/T 9704 7.3.3)
    const font = level === 0 ? fonts.heading1.name : level === 1 ? fonts.heading2.name : fonts.body.name
    out.push(bodyParagraph([run(heading, font, BODY_SIZE)]))
    for (const text of section.paragraphs ?? []) out.push(bodyParagraph([run(text, fonts.body.name, BODY_SIZE)]))
    if (section.subsections) out.push(...sectionParagraphs(section.subsections, fonts, level + 1))
  })
  return out
}

/**
 * The landscape 台账 table: one type per line in 类型, and 内容摘要 and 决议 in their own columns. Every cell has
 * text ('—' where nothing applies).
 */
export const LEDGER_TABLE_HEADER = ['日期', '类型', '主题/地点', '参会情况', '内容摘要', '决议及表决情况', '其他', '补录'] as const
// millimetres over the 225 mm landscape text width; 日期 holds 'YYYY-MM-DD' in 小五 on one line (10 digits of 9 pt ≈ 19 mm plus the cell margins; 20 mm wrapped in LibreOffice)
const LEDGER_COLUMN_MM = [23, 16, 44, 46, 44, 24, 18, 10]
const NOT_APPLICABLE = '—'
/** 内容摘要 is cut after this many characters in the 台账; the whole text is in the 会议记录 */
export const LEDGER_SUMMARY_CHARS = 60

const CELL_MARGINS = { left: 60, right: 60, top: 15, bottom: 15 }

function cell(lines: readonly string[], font: string, align: 'center' | 'left' = 'center', size = TABLE_SIZE): TableCell {
  const shown = lines.flatMap((l) => l.split(/\r?\n/)).map((l) => l.trim()).filter((l) => l !== '')
  return new TableCell({
    verticalAlign: VerticalAlign.CENTER,
    margins: CELL_MARGINS,
    children: (shown.length > 0 ? shown : [NOT_APPLICABLE]).map((text) => new Paragraph({
      alignment: align === 'center' ? AlignmentType.CENTER : AlignmentType.LEFT,
      spacing: { line: size === TABLE_SIZE ? TABLE_LINE_TWIPS : 300, lineRule: LineRuleType.EXACT },
      children: [new TextRun({ text, size, font: fontOf(font), snapToGrid: false })],
    })),
  })
}

function labelled(label: string, text: string): string {
  return text ? `${label}：${text}` : ''
}

/** '党小组：一组；地点：三楼会议室；主持人：张书记；记录人：李委员' in one line (it wraps in the cell) */
export function meetingFactsLine(r: LedgerRow): string {
  return [labelled('党小组', r.partyGroup), labelled('地点', r.place), labelled('主持人', r.host), labelled('记录人', r.recorder)]
    .filter((p) => p !== '').join('；')
}

/** 应到4人，实到2人 / 请假1人：王芳（出差） / 缺席1人：李四 / 列席：… */
export function ledgerAttendanceLines(r: LedgerRow): string[] {
  const lines = r.expected === null
    ? [r.takesAttendance ? '未点名' : '']
    : [attendanceCell(r), leaveText(r), absentText(r)]
  return [...lines, labelled('列席', r.observers)].filter((l) => l !== '')
}

/** 讲课人 / 谈话 / 志愿服务 (with who served) / 学时 / 学习 and 警示教育 sub-kinds / 民主评议, one line each */
export function ledgerOtherLines(r: LedgerRow): string[] {
  return [
    labelled('讲课人', lectureText(r)),
    labelled('谈心谈话', talkText(r)),
    labelled('志愿服务', volunteerText(r)),
    labelled('学时', creditHoursText(r)),
    labelled('学习形式', studyKindText(r)),
    labelled('警示教育', r.warningKind),
    labelled('民主评议', evaluationText(r)),
  ].filter((l) => l !== '')
}

/** The summary for the 台账: whole when short, else cut at LEDGER_SUMMARY_CHARS with an ellipsis. */
export function ledgerSummary(text: string): string {
  const flat = text.replace(/\s*\r?\n\s*/g, ' ').trim()
  const chars = [...flat]
  return chars.length <= LEDGER_SUMMARY_CHARS ? flat : `${chars.slice(0, LEDGER_SUMMARY_CHARS).join('')}…`
}

/** The eight cells of a record's 台账 row, in LEDGER_TABLE_HEADER's order. */
export function ledgerCells(r: LedgerRow): LedgerCellText[] {
  return [
    { lines: [r.date, r.startTime], align: 'center' },
    { lines: r.typeIds.map(activityTypeName), align: 'center' },
    { lines: [r.topic, meetingFactsLine(r)], align: 'left' },
    { lines: ledgerAttendanceLines(r), align: 'left' },
    { lines: [ledgerSummary(r.summary)], align: 'left' },
    { lines: [ledgerSummary(r.resolution)], align: 'left' },
    { lines: ledgerOtherLines(r), align: 'left' },
    { lines: [r.backfilled ? '是' : '否'], align: 'center' },
  ]
}

const LEDGER_COLUMN_TWIPS = LEDGER_COLUMN_MM.map((mm) => Math.round(mm * MM))

/**
 * The landscape 台账 table as the library writes it: the repeated header row and a placeholder row that
 * packDocx replaces with the body rows (ledgerRowsXml.ts). Every cell has text ('—' where nothing applies).
 */
function ledgerTable(fonts: ReportFonts): Table {
  const border = { style: BorderStyle.SINGLE, size: 4, color: '000000' }
  const header = new TableRow({
    tableHeader: true,
    cantSplit: true,
    height: { value: 400, rule: HeightRule.ATLEAST },
    children: LEDGER_TABLE_HEADER.map((h) => cell([h], fonts.heading1.name, 'center', TABLE_HEADER_SIZE)),
  })
  const placeholder = new TableRow({ children: [cell([LEDGER_ROWS_MARKER], fonts.body.name)] })
  return new Table({
    width: { size: Math.round(LANDSCAPE_TEXT_WIDTH_MM * MM), type: WidthType.DXA },
    columnWidths: LEDGER_COLUMN_TWIPS,
    layout: 'fixed',
    margins: CELL_MARGINS,
    borders: { top: border, bottom: border, left: border, right: border, insideHorizontal: border, insideVertical: border },
    rows: [header, placeholder],
  })
}

export const MEMBER_YEAR_TABLE_HEADER = ['姓名', '职务', '参会情况', '参会率', '学时', '学时情况', '志愿服务'] as const
const MEMBER_YEAR_COLUMN_MM = [22, 20, 70, 18, 30, 25, 40]

/** 党员个人年度情况 as a table: one row per member (src/shared/report/memberYear.ts). */
function memberYearTable(lines: readonly MemberYearLine[], fonts: ReportFonts): Table {
  const border = { style: BorderStyle.SINGLE, size: 4, color: '000000' }
  const body = fonts.body.name
  const header = new TableRow({
    tableHeader: true,
    cantSplit: true,
    children: MEMBER_YEAR_TABLE_HEADER.map((h) => cell([h], fonts.heading1.name, 'center', TABLE_HEADER_SIZE)),
  })
  const rows = lines.map((l) => new TableRow({
    cantSplit: true,
    children: [cell([l.name], body), cell([l.role], body), cell([l.attendance], body, 'left'), cell([l.rate], body),
      cell([l.creditHours], body), cell([l.creditState], body), cell([l.volunteer], body)],
  }))
  return new Table({
    width: { size: Math.round(LANDSCAPE_TEXT_WIDTH_MM * MM), type: WidthType.DXA },
    columnWidths: MEMBER_YEAR_COLUMN_MM.map((mm) => Math.round(mm * MM)),
    layout: 'fixed',
    margins: CELL_MARGINS,
    borders: { top: border, bottom: border, left: border, right: border, insideHorizontal: border, insideVertical: border },
    rows: [header, ...rows],
  })
}

/** The roster when it carries what 党员个人年度情况 needs (职务 and order of every entry), else null. */
function fullRoster(roster: readonly ReportRosterEntry[] | undefined) {
  if (!roster || roster.length === 0) return null
  const full = roster.flatMap((m) => (m.role === undefined || m.order === undefined ? [] : [{
    id: m.id, name: m.name, role: m.role, group: m.group ?? '', active: m.active ?? true, deleted: m.deleted ?? false, order: m.order,
  }]))
  return full.length === roster.length ? full : null
}

/** A document ready to pack, and the 台账 body rows packDocx splices in. */
export interface ReportDocument {
  document: Document
  ledgerRowsXml: string | null
}

/** 党员个人年度情况 after the 台账, when the roster says who is who; nothing otherwise. */
function memberYearPart(input: ReportDocxInput, fonts: ReportFonts): (Paragraph | Table)[] {
  const roster = fullRoster(input.roster)
  if (!roster) return []
  const lines = memberYearLines(input.records, input.year, roster)
  if (lines.length === 0) return []
  return [
    new Paragraph({ spacing: { before: 240 }, children: [run(`${input.year}年度党员个人年度情况`, fonts.heading1.name, BODY_SIZE)] }),
    new Paragraph({
      spacing: { after: 120 },
      children: [run('学时按参加（实到）的集中学习累计，党员每年不少于32学时，书记和支委不少于56学时；志愿服务按点名参加的记录计，时长按参与人次平均', fonts.body.name, TABLE_SIZE)],
    }),
    memberYearTable(lines, fonts),
  ]
}

export function createReportDocument(input: ReportDocxInput): ReportDocument {
  const fonts: ReportFonts = { ...DEFAULT_FONTS, ...input.fonts }
  const body = fonts.body.name
  const children: (Paragraph | Table)[] = [
    titleParagraph(input.title, fonts, input.titleBreakAt),
    ...(input.opening ?? []).map((text) => bodyParagraph([run(text, body, BODY_SIZE)])),
    ...sectionParagraphs(input.sections, fonts),
  ]
  if (input.signature && input.signature.length > 0) {
    // GB/T 9704 7.3.5: one empty line below the text, then 署名 and 日期 right-aligned two characters in
    children.push(bodyParagraph([], { indent: false }))
    for (const line of input.signature) children.push(bodyParagraph([run(line, body, BODY_SIZE)], { indent: false, align: 'right', rightIndentChars: 2 }))
  }
  const sections: { properties: ReturnType<typeof portraitPage>; footers: typeof FOOTERS; children: (Paragraph | Table)[] }[] = [
    { properties: portraitPage(), footers: FOOTERS, children },
  ]
  const appendixTitle = input.appendixTitle === undefined ? `附件：${input.year}年度活动台账` : input.appendixTitle
  let ledgerRows: string | null = null
  if (appendixTitle !== null) {
    const rows = buildLedgerRows(input.records, input.year, input.roster)
    ledgerRows = ledgerRowsXml(rows.map(ledgerCells), NOT_APPLICABLE)
    sections.push({
      properties: landscapePage(),
      footers: FOOTERS,
      children: [
        new Paragraph({ children: [run(appendixTitle, fonts.heading1.name, BODY_SIZE)] }),
        new Paragraph({
          spacing: { after: 120 },
          children: [run(`共${rows.length}项活动（“补录”指活动结束7天后录入的记录；内容摘要较长的，全文见会议记录）`, body, TABLE_SIZE)],
        }),
        ledgerTable(fonts),
        ...memberYearPart(input, fonts),
      ],
    })
  }
  const document = new Document({
    creator: '支部纪实',
    title: input.title,
    evenAndOddHeaderAndFooters: true,
    styles: {
      default: { document: { run: { font: fontOf(body), size: BODY_SIZE } } },
      paragraphStyles: ledgerCellStyles(body, TABLE_SIZE, TABLE_LINE_TWIPS),
    },
    sections,
  })
  return { document, ledgerRowsXml: ledgerRows }
}

/**
 * Pack a document with the font table naming each 公文 font's fallback, and the 台账 body rows spliced into
 * word/document.xml when there are any.
 */
export async function packDocx(document: Document, fonts: ReportFonts, ledgerRows: string | null = null): Promise<Uint8Array<ArrayBuffer>> {
  // Word substitutes a missing font by the altName in the font table: 小标宋 → 宋体, 仿宋_GB2312 → 仿宋.
  const packed = await Packer.pack(document, 'uint8array', false,
    [{ path: 'word/fontTable.xml', data: fontTableXml(fonts) }])
  if (ledgerRows === null) return new Uint8Array(packed) // a copy over a plain ArrayBuffer, as Blob and fetch take it
  const files = unzipSync(packed)
  const documentXml = files['word/document.xml']
  if (!documentXml) throw new Error('Word 文件缺少正文部分')
  files['word/document.xml'] = new TextEncoder().encode(spliceLedgerRows(strFromU8(documentXml), ledgerRows))
  // level 1: the rows repeat the same few tags, so the fastest level already compresses them about 20×
  return new Uint8Array(zipSync(files, { level: 1 }))
}

/** The .docx bytes. In the browser wrap them: new Blob([bytes], { type: DOCX_MIME }). */
export async function buildReportDocx(input: ReportDocxInput): Promise<Uint8Array<ArrayBuffer>> {
  const { document, ledgerRowsXml: rows } = createReportDocument(input)
  return packDocx(document, { ...DEFAULT_FONTS, ...input.fonts }, rows)
}

export const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'
