// Fonts of the 公文 layout and the font table that tells Word what to use when one is not installed.

export interface FontChoice {
  name: string
  /** used by Word / WPS when `name` is missing */
  fallback: string
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

/** word/fontTable.xml declaring each font as a GB2312 (charset 86) font with its fallback as altName. */
export function fontTableXml(fonts: ReportFonts): string {
  const unique = new Map<string, FontChoice>()
  for (const f of [fonts.title, fonts.body, fonts.heading1, fonts.heading2]) unique.set(f.name, f)
  const entries = [...unique.values()].map((f) => [
    `<w:font w:name="${escapeXml(f.name)}">`,
    f.fallback !== f.name ? `<w:altName w:val="${escapeXml(f.fallback)}"/>` : '',
    '<w:charset w:val="86"/><w:family w:val="auto"/><w:pitch w:val="variable"/>',
    '</w:font>',
  ].join(''))
  return '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    + '<w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    + `${entries.join('')}<w:font w:name="Times New Roman"><w:charset w:val="00"/><w:family w:val="roman"/><w:pitch w:val="variable"/></w:font>`
    + '</w:fonts>'
}
