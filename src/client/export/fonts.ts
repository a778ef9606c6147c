// Fonts of the 公文 layout and the font table that tells Word what to use when one is not installed. Fonts are not
// embedded (docs/domain.md, "公文 layout"): the reader's machine supplies them. Where a 公文 font is missing:
// - Word and WPS take the font table's altName: 方正小标宋简体 → 宋体 (SimSun), 仿宋_GB2312 → 仿宋 (FangSong),
//   黑体 (SimHei), 楷体_GB2312 → 楷体 (KaiTi);
// - LibreOffice asks fontconfig, which gives its default CJK face (often a sans) for every missing one, the family
//   hint notwithstanding; tests/unit/export/render.test.ts aliases them to Noto Serif / Sans CJK SC. The hint is
//   still written (serif 'roman' for 宋 and 仿宋, sans 'swiss' for 黑体) for programs that substitute by it.

export interface FontChoice {
  name: string
  /** used by Word / WPS when `name` is missing */
  fallback: string
  /** the OOXML family hint other programs substitute by; serif ('roman') when not given */
  family?: 'roman' | 'swiss' | 'script' | 'modern'
}

export interface ReportFonts {
  title: FontChoice
  body: FontChoice
  heading1: FontChoice
  heading2: FontChoice
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
}

function fontEntry(f: FontChoice): string {
  return [
    `<w:font w:name="${escapeXml(f.name)}">`,
    f.fallback !== f.name ? `<w:altName w:val="${escapeXml(f.fallback)}"/>` : '',
    `<w:charset w:val="86"/><w:family w:val="${f.family ?? 'roman'}"/><w:pitch w:val="variable"/>`,
    '</w:font>',
  ].join('')
}

/** word/fontTable.xml declaring each font as a GB2312 (charset 86) font with its fallback as altName. */
export function fontTableXml(fonts: ReportFonts): string {
  const unique = new Map<string, FontChoice>()
  for (const f of [fonts.title, fonts.body, fonts.heading1, fonts.heading2, PAGE_NUMBER_FONT]) unique.set(f.name, f)
  return '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    + '<w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    + `${[...unique.values()].map(fontEntry).join('')}<w:font w:name="Times New Roman"><w:charset w:val="00"/><w:family w:val="roman"/><w:pitch w:val="variable"/></w:font>`
    + '</w:fonts>'
}

/** 页码 in 四号半角宋体 (GB/T 9704 7.5) */
export const PAGE_NUMBER_FONT: FontChoice = { name: '宋体', fallback: 'SimSun' }
