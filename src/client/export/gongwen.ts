// The 公文 page (GB/T 9704-2012, summarised in docs/domain.md "公文 layout") shared by every Word file the app
// writes: A4, margins top 37 / bottom 35 / left 28 / right 26 mm (a 156 × 225 mm text block), a grid of 22 lines
// of 28 characters, body 仿宋_GB2312 三号, title 方正小标宋简体 二号, page numbers "— 1 —" in 四号 宋体 (odd pages
// right, even pages left, one character in from the edge).
import {
  AlignmentType, DocumentGridType, Footer, LineRuleType, PageNumber, PageOrientation, Paragraph, TextRun,
  type ISectionOptions,
} from 'docx'
import { breakTitle } from '@shared/export/titleLines'
import { PAGE_NUMBER_FONT, type ReportFonts } from './fonts'

export const DEFAULT_FONTS: ReportFonts = {
  title: { name: '方正小标宋简体', fallback: '宋体', family: 'roman' },
  body: { name: '仿宋_GB2312', fallback: '仿宋', family: 'roman' },
  heading1: { name: '黑体', fallback: 'SimHei', family: 'swiss' },
  heading2: { name: '楷体_GB2312', fallback: '楷体', family: 'script' },
}

/** twips per millimetre */
export const MM = 56.7
// sizes in half-points: 二号 22 pt, 三号 16 pt, 四号 14 pt, 五号 10.5 pt, 小五 9 pt
export const TITLE_SIZE = 44
export const BODY_SIZE = 32
export const PAGE_NUMBER_SIZE = 28
export const FIRST_LINE_INDENT_TWIPS = 640 // 2 characters of 16 pt

const TEXT_WIDTH_MM = 156
const TEXT_HEIGHT_MM = 225
export const LINES_PER_PAGE = 22
export const CHARS_PER_LINE = 28
/** 225 mm / 22 lines = 579 twips (28.95 pt); exact line spacing at this pitch gives 22 lines whatever the grid does */
export const LINE_PITCH_TWIPS = Math.floor((TEXT_HEIGHT_MM * MM) / LINES_PER_PAGE)
/**
 * docGrid charSpace: the character pitch minus the 16 pt body size, in 1/4096 pt. 156 mm / 28 = 15.79 pt, so
 * about −848. Written for the record, on a grid of type "lines": LibreOffice lays a "linesAndChars" grid out with
 * about 19 characters a line (measured here with soffice 7.4), so the 28 characters come from BODY_CHAR_SPACING
 * instead, which Word, WPS and LibreOffice all honour the same way.
 */
export const CHAR_SPACE = Math.round(((TEXT_WIDTH_MM / CHARS_PER_LINE) * (72 / 25.4) - BODY_SIZE / 2) * 4096)
/** −0.25 pt between characters (in 1/20 pt): 28 × 15.75 pt = 441 pt fits the 442 pt (156 mm) line exactly 28 times */
export const BODY_CHAR_SPACING = -5

export const PAGE_MARGINS = { top: 37, bottom: 35, left: 28, right: 26 } as const

export function fontOf(name: string) {
  return { ascii: name, eastAsia: name, hAnsi: name, hint: 'eastAsia' as const }
}

/** A run of text; body-size text gets BODY_CHAR_SPACING so a line holds 28 characters. */
export function run(text: string, font: string, size: number, bold = false): TextRun {
  return new TextRun({ text, size, bold, font: fontOf(font), characterSpacing: size === BODY_SIZE ? BODY_CHAR_SPACING : undefined })
}

/** A body paragraph on the grid: justified, exact line pitch, 2-character first-line indent. */
export function bodyParagraph(children: TextRun[], options: { indent?: boolean; align?: 'justified' | 'right' | 'center' | 'left'; rightIndentChars?: number; pageBreakBefore?: boolean } = {}): Paragraph {
  const align = options.align ?? 'justified'
  return new Paragraph({
    children,
    alignment: align === 'right' ? AlignmentType.RIGHT : align === 'center' ? AlignmentType.CENTER : align === 'left' ? AlignmentType.LEFT : AlignmentType.JUSTIFIED,
    spacing: { line: LINE_PITCH_TWIPS, lineRule: LineRuleType.EXACT, before: 0, after: 0 },
    indent: {
      ...(options.indent ?? true ? { firstLine: FIRST_LINE_INDENT_TWIPS } : {}),
      ...(options.rightIndentChars ? { right: options.rightIndentChars * FIRST_LINE_INDENT_TWIPS / 2 } : {}),
    },
    pageBreakBefore: options.pageBreakBefore,
  })
}

/** The title in 小标宋 二号, centred, broken between words (src/shared/export/titleLines.ts), then one empty line. */
export function titleParagraph(title: string, fonts: ReportFonts, afterBranchAt?: number, pageBreakBefore = false): Paragraph {
  const lines = breakTitle(title, { afterBranchAt })
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: { line: 700, lineRule: LineRuleType.EXACT, after: LINE_PITCH_TWIPS },
    pageBreakBefore,
    children: lines.map((line, i) => new TextRun({ text: line, size: TITLE_SIZE, font: fontOf(fonts.title.name), break: i > 0 ? 1 : undefined })),
  })
}

function pageNumberFooter(side: 'odd' | 'even'): Footer {
  // GB/T 9704: 四号半角宋体阿拉伯数字, a dash each side; odd pages right, even pages left, one character in
  return new Footer({
    children: [new Paragraph({
      alignment: side === 'odd' ? AlignmentType.RIGHT : AlignmentType.LEFT,
      indent: side === 'odd' ? { right: 280 } : { left: 280 },
      children: [new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'], size: PAGE_NUMBER_SIZE, font: fontOf(PAGE_NUMBER_FONT.name) })],
    })],
  })
}

export const FOOTERS = { default: pageNumberFooter('odd'), even: pageNumberFooter('even') }

type SectionProperties = NonNullable<ISectionOptions['properties']>

/**
 * A4 portrait with the 公文 margins and the 22-line grid (28 characters a line come from BODY_CHAR_SPACING).
 * `lineGrid: false` for a form: LibreOffice snaps every line of a table cell to the 29 pt grid even at exact line
 * spacing, which made a 会议记录 run over two pages.
 */
export function portraitPage(lineGrid = true): SectionProperties {
  return {
    page: {
      size: { width: Math.round(210 * MM), height: Math.round(297 * MM), orientation: PageOrientation.PORTRAIT },
      margin: {
        top: Math.round(PAGE_MARGINS.top * MM), bottom: Math.round(PAGE_MARGINS.bottom * MM),
        left: Math.round(PAGE_MARGINS.left * MM), right: Math.round(PAGE_MARGINS.right * MM),
        header: Math.round(15 * MM), footer: Math.round(24 * MM),
      },
    },
    grid: lineGrid ? { type: DocumentGridType.LINES, linePitch: LINE_PITCH_TWIPS, charSpace: CHAR_SPACE } : { type: DocumentGridType.DEFAULT },
  }
}

/**
 * A4 landscape for a wide table (the 台账 appendix): the portrait margins turned with the page, so the binding
 * edge stays where it was; no character grid, so a date in a narrow column is never spread over two lines.
 */
export function landscapePage(): SectionProperties {
  return {
    page: {
      size: { width: Math.round(210 * MM), height: Math.round(297 * MM), orientation: PageOrientation.LANDSCAPE },
      margin: {
        top: Math.round(PAGE_MARGINS.right * MM), bottom: Math.round(PAGE_MARGINS.left * MM),
        left: Math.round(PAGE_MARGINS.top * MM), right: Math.round(PAGE_MARGINS.bottom * MM),
        header: Math.round(12 * MM), footer: Math.round(14 * MM),
      },
    },
    grid: { type: DocumentGridType.DEFAULT },
  }
}

/** Text width of a landscape page, mm */
export const LANDSCAPE_TEXT_WIDTH_MM = 297 - PAGE_MARGINS.top - PAGE_MARGINS.bottom
