import JSZip from 'jszip'
import { describe, expect, it } from 'vitest'
import { buildReportDocx, chineseNumeral, DOCX_MIME, headingNumber } from '../../../src/shared/export'
import { compileYearReport, composeReportText } from '../../../src/shared/report'
import { makeRecord } from '../report/fixtures'

const records = [
  makeRecord({ id: 'd1', types: ['generalMeeting', 'themeDay'], date: '2025-03-28', topic: '接收预备党员', place: '三楼会议室',
    host: '张书记', backfilled: true, attendance: { expected: ['a', 'b', 'c'], leave: [], absent: ['c'], observers: '' } }),
  makeRecord({ id: 'd2', types: ['committeeMeeting'], date: '2025-01-15', topic: '研究年度计划 & <要点>', host: '张书记' }),
  makeRecord({ id: 'd3', types: ['committeeMeeting'], date: '2025-02-15', topic: '已删除的会议', deleted: true }),
]

async function unzip(bytes: Uint8Array): Promise<{ document: string; footer: string; fonts: string }> {
  const zip = await JSZip.loadAsync(bytes)
  const read = (path: string) => zip.file(path)?.async('string') ?? Promise.resolve('')
  return { document: await read('word/document.xml'), footer: await read('word/footer1.xml'), fonts: await read('word/fontTable.xml') }
}

/** The visible text of each table row, cells joined by '|'. */
function tableRows(xml: string): string[] {
  return [...xml.matchAll(/<w:tr\b.*?<\/w:tr>/gs)].map((m) =>
    [...m[0].matchAll(/<w:tc\b.*?<\/w:tc>/gs)].map((c) => [...c[0].matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((t) => t[1]).join('')).join('|'))
}

describe('buildReportDocx', () => {
  it('writes the title, numbered headings, the composed text and the 台账 rows', async () => {
    const report = compileYearReport({ records, year: 2025 })
    const text = composeReportText(report)
    const bytes = await buildReportDocx({
      title: '2025年度第一党支部书记抓基层党建工作述职报告',
      sections: [
        { heading: '履职情况', subsections: [{ heading: '严格组织生活', paragraphs: text.paragraphs }] },
        { heading: '存在问题', paragraphs: ['待补充。'] },
      ],
      records,
      year: 2025,
    })
    expect(bytes).toBeInstanceOf(Uint8Array)
    const blob = new Blob([bytes], { type: DOCX_MIME })
    expect(blob.size).toBe(bytes.byteLength)
    expect([...bytes.subarray(0, 2)]).toEqual([0x50, 0x4b]) // a zip: 'PK'
    const { document, footer, fonts } = await unzip(bytes)
    expect(document).toContain('2025年度第一党支部书记抓基层党建工作述职报告')
    expect(document).toContain('一、履职情况')
    expect(document).toContain('（一）严格组织生活')
    expect(document).toContain('二、存在问题')
    expect(text.paragraphs[0]).toBe('今年以来，组织主题党日活动1次，召开支部党员大会1次，召开支委会1次。')
    for (const p of text.paragraphs) expect(document).toContain(p)
    expect(document).toContain('附件：2025年度活动台账')
    expect(tableRows(document)).toEqual([
      '序号|日期|类型|主题|地点|主持人|应到/实到|补录',
      '1|2025-01-15|支委会|研究年度计划 &amp; &lt;要点&gt;|党员活动室|张书记||',
      '2|2025-03-28|支部党员大会、主题党日|接收预备党员|三楼会议室|张书记|3/2|是',
    ])
    expect(document).not.toContain('已删除的会议')
    // 公文 layout: title 二号 (44 half-points), body 三号 (32), exact 28 pt lines, 2-character indent
    expect(document).toMatch(/w:eastAsia="方正小标宋简体"[^]*?<w:sz w:val="44"\/>/)
    expect(document).toMatch(/w:eastAsia="仿宋_GB2312"[^]*?<w:sz w:val="32"\/>/)
    expect(document).toContain('w:line="560" w:lineRule="exact"')
    expect(document).toContain('<w:ind w:firstLine="640"/>')
    expect(footer).toContain('— ')
    expect(footer).toContain('PAGE')
    expect(fonts).toContain('<w:font w:name="方正小标宋简体"><w:altName w:val="宋体"/>')
    expect(fonts).toContain('<w:font w:name="仿宋_GB2312"><w:altName w:val="仿宋"/>')
  })

  it('leaves the appendix out when asked', async () => {
    const { document } = await unzip(await buildReportDocx({
      title: '标题', sections: [{ heading: '履职情况', paragraphs: ['正文。'] }], records, year: 2025, appendixTitle: null,
    }))
    expect(document).toContain('正文。')
    expect(document).not.toContain('台账')
    expect(tableRows(document)).toEqual([])
  })
})

describe('公文 heading numbers', () => {
  it('numbers 一、（一）1．', () => {
    expect([1, 2, 10, 11, 20, 35].map(chineseNumeral)).toEqual(['一', '二', '十', '十一', '二十', '三十五'])
    expect([headingNumber(0, 3), headingNumber(1, 12), headingNumber(2, 4)]).toEqual(['三、', '（十二）', '4．'])
  })
})
