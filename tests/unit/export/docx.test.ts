import JSZip from 'jszip'
import { describe, expect, it } from 'vitest'
import { buildReportDocx, DOCX_MIME, LEDGER_SUMMARY_CHARS, LEDGER_TABLE_HEADER } from '../../../src/client/export/docx'
import { LEDGER_ROWS_MARKER } from '../../../src/client/export/ledgerRowsXml'
import { chineseNumeral, headingNumber } from '../../../src/shared/export'
import { compileYearReport, composeReportText } from '../../../src/shared/report'
import { makeMember, makeRecord } from '../report/fixtures'

const records = [
  makeRecord({ id: 'd1', types: ['generalMeeting', 'themeDay'], date: '2025-03-28', topic: '接收预备党员', place: '三楼会议室',
    host: '张书记', backfilled: true, attendance: { expected: ['a', 'b', 'c'], leave: [], absent: ['c'], observers: '' } }),
  makeRecord({ id: 'd2', types: ['committeeMeeting'], date: '2025-01-15', topic: '研究年度计划 & <要点>', host: '张书记' }),
  makeRecord({ id: 'd3', types: ['committeeMeeting'], date: '2025-02-15', topic: '已删除的会议', deleted: true }),
]

const roster = [makeMember('a', '张三', 'secretary', 1), makeMember('b', '王芳', 'member', 2), makeMember('c', '李四', 'member', 3)]

/** One of each kind of record, for the appendix's detail cells. */
const detailed = [
  makeRecord({ id: 'm1', types: ['themeDay'], date: '2025-02-20', startTime: '14:30', topic: '主题党日', place: '三楼会议室',
    host: '张书记', recorder: '李委员', attendance: {
      expected: ['a', 'b', 'c', 'gone'], leave: [{ memberId: 'b', reason: '出差' }], absent: ['gone'], observers: '社区书记刘某' } }),
  makeRecord({ id: 't1', types: ['heartTalk'], date: '2025-03-03', topic: '谈心谈话', place: '书记办公室',
    talk: { talker: '张书记', target: '王芳', pair: 'committeeMember', mode: '当面', personCount: 1 } }),
  makeRecord({ id: 't2', types: ['heartTalk'], date: '2025-03-04', topic: '批量谈心', place: '' }),
  makeRecord({ id: 'v1', types: ['volunteer'], date: '2025-04-05', topic: '社区义诊', place: '幸福社区',
    volunteer: { participants: 12, hours: 30.5, beneficiaries: 200 } }),
  makeRecord({ id: 'v2', types: ['volunteer'], date: '2025-04-06', topic: '清扫楼道', place: '' }),
  makeRecord({ id: 'l1', types: ['partyLecture', 'study'], date: '2025-05-06', topic: '新时代的党建', backfilled: true,
    lecture: { speaker: '张三', speakerRole: 'secretary' }, study: { creditHours: 2 } }),
  makeRecord({ id: 'e1', types: ['democraticReview'], date: '2025-12-20', topic: '民主评议党员',
    evaluation: { excellent: 3, qualified: 10, basicallyQualified: 1, unqualified: 0 } }),
]

const MEMBER_TABLE_HEADER = '姓名|职务|参会情况|参会率|学时|学时情况|志愿服务'

/** The 台账 table's rows; with `table: 'members'`, those of 党员个人年度情况 after it (header first). */
async function appendixRows(input: readonly ReturnType<typeof makeRecord>[], withRoster = true, table: 'ledger' | 'members' = 'ledger'): Promise<string[][]> {
  const { document } = await unzip(await buildReportDocx({
    title: '标题', sections: [{ heading: '履职情况', paragraphs: ['正文。'] }], records: input, year: 2025,
    roster: withRoster ? roster : undefined,
  }))
  const rows = tableRows(document)
  const split = rows.indexOf(MEMBER_TABLE_HEADER)
  const picked = table === 'ledger' ? (split < 0 ? rows : rows.slice(0, split)) : (split < 0 ? [] : rows.slice(split))
  return picked.map((r) => r.split('|'))
}

async function unzip(bytes: Uint8Array): Promise<{ document: string; footer: string; fonts: string }> {
  const zip = await JSZip.loadAsync(bytes)
  const read = (path: string) => zip.file(path)?.async('string') ?? Promise.resolve('')
  return { document: await read('word/document.xml'), footer: await read('word/footer1.xml'), fonts: await read('word/fontTable.xml') }
}

/** The visible text of each table row, cells joined by '|', the lines of a cell (paragraphs or line breaks) by '/'. */
function tableRows(xml: string): string[] {
  const texts = (x: string) => [...x.replaceAll('<w:br/>', '<w:t>/</w:t>').matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((t) => t[1]).join('')
  const paragraphs = (x: string) => [...x.matchAll(/<w:p\b.*?<\/w:p>/gs)].map((p) => texts(p[0])).join('/')
  return [...xml.matchAll(/<w:tr\b.*?<\/w:tr>/gs)].map((m) => [...m[0].matchAll(/<w:tc\b.*?<\/w:tc>/gs)].map((c) => paragraphs(c[0])).join('|'))
}

describe('buildReportDocx', () => {
  it('splices every 台账 row into the table, each with a cell per column, and leaves no placeholder', async () => {
    const rows = await appendixRows(detailed)
    expect(rows).toHaveLength(detailed.length + 1) // the header row, then one row per record
    for (const row of rows) expect(row).toHaveLength(LEDGER_TABLE_HEADER.length)
    const { document } = await unzip(await buildReportDocx({ title: '标题', sections: [], records: detailed, year: 2025 }))
    expect(document).not.toContain(LEDGER_ROWS_MARKER)
    expect(document).toContain('<w:pStyle w:val="LL"/>')
  })

  it('writes the title, numbered headings, the composed text and the 台账 rows', async () => {
    const report = compileYearReport({ records, year: 2025 })
    const text = composeReportText(report, { currentYear: 2025, attendanceRates: [] })
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
    // the title, broken between words into two even lines (exportReport passes the break after the branch name)
    expect(document).toContain('<w:t xml:space="preserve">2025年度第一党支部书记</w:t>')
    expect(document).toMatch(/<w:br\/><w:t xml:space="preserve">抓基层党建工作述职报告<\/w:t>/)
    expect(document).toContain('一、履职情况')
    expect(document).toContain('（一）严格组织生活')
    expect(document).toContain('二、存在问题')
    expect(text.paragraphs[0]).toBe('今年以来，组织主题党日活动1次，召开支部党员大会1次，召开支委会1次。')
    for (const p of text.paragraphs) expect(document).toContain(p)
    expect(document).toContain('附件：2025年度活动台账')
    expect(tableRows(document)).toEqual([
      '日期|类型|主题/地点|参会情况|内容摘要|决议及表决情况|其他|补录',
      '2025-01-15|支委会|研究年度计划 &amp; &lt;要点&gt;/地点：党员活动室；主持人：张书记；记录人：李委员|未点名|—|—|—|否',
      '2025-03-28|支部党员大会/主题党日|接收预备党员/地点：三楼会议室；主持人：张书记；记录人：李委员|应到3人，实到2人/缺席1人|—|—|—|是',
    ])
    expect(document).not.toContain('已删除的会议')
    // 公文 layout: title 二号 (44 half-points), body 三号 (32) with −0.25 pt spacing (28 a line), lines at
    // 225 mm / 22 = 579 twips, 2-character indent, headings 黑体 / 楷体
    expect(document).toMatch(/w:eastAsia="方正小标宋简体"[^]*?<w:sz w:val="44"\/>/)
    expect(document).toMatch(/w:eastAsia="仿宋_GB2312"[^]*?<w:spacing w:val="-5"\/>[^]*?<w:sz w:val="32"\/>/)
    const runWith = (font: string, text: string) => new RegExp(`<w:r>(?:(?!</w:r>).)*w:eastAsia="${font}"(?:(?!</w:r>).)*${text}</w:t></w:r>`, 's')
    expect(document).toMatch(runWith('黑体', '一、履职情况'))
    expect(document).toMatch(runWith('楷体_GB2312', '（一）严格组织生活'))
    expect(document).not.toMatch(runWith('黑体', '（一）严格组织生活'))
    expect(document).toContain('w:line="579" w:lineRule="exact"')
    expect(document).toContain('<w:ind w:firstLine="640"/>')
    expect(document).toMatch(/<w:docGrid w:type="lines" w:linePitch="579" w:charSpace="-8\d\d"\/>/)
    // the body portrait, the 台账 its own landscape section
    expect(document).toMatch(/<w:pgSz w:w="11907" w:h="16840" w:orient="portrait"\/>/)
    expect(document).toMatch(/<w:pgSz w:w="16840" w:h="11907" w:orient="landscape"\/>/)
    expect(footer).toContain('— ')
    expect(footer).toContain('PAGE')
    expect(fonts).toContain('<w:font w:name="方正小标宋简体"><w:altName w:val="宋体"/>')
    expect(fonts).toContain('<w:font w:name="仿宋_GB2312"><w:altName w:val="仿宋"/>')
  })

  it('writes 应到/实到 in words and names who was on leave (with reasons) and absent', async () => {
    const [header, meeting] = await appendixRows(detailed)
    expect(header).toEqual(['日期', '类型', '主题/地点', '参会情况', '内容摘要', '决议及表决情况', '其他', '补录'])
    expect(meeting).toEqual(['2025-02-20/14:30', '主题党日', '主题党日/地点：三楼会议室；主持人：张书记；记录人：李委员',
      '应到4人，实到2人/请假1人：王芳（出差）/缺席1人：（已移除）/列席：社区书记刘某', '—', '—', '—', '否'])
  })

  it('gives 谈心谈话 and 志愿服务 rows their details, and leaves no cell empty', async () => {
    const rows = await appendixRows(detailed)
    const byTopic = new Map(rows.slice(1).map((r) => [r[2]!.split('/')[0], r]))
    expect(byTopic.get('谈心谈话')).toEqual(['2025-03-03', '谈心谈话', '谈心谈话/地点：书记办公室；主持人：张书记；记录人：李委员', '—', '—', '—',
      '谈心谈话：张书记→王芳，支委与党员，当面，1人次', '否'])
    expect(byTopic.get('批量谈心')?.[6]).toBe('谈心谈话：1人次（未填写谈话详情）')
    expect(byTopic.get('社区义诊')).toEqual(['2025-04-05', '志愿服务', '社区义诊/地点：幸福社区；主持人：张书记；记录人：李委员', '—', '—', '—',
      '志愿服务：12人次，30.5小时，惠及200人次', '否'])
    expect(byTopic.get('清扫楼道')?.[6]).toBe('志愿服务：未填写人次和时长')
    expect(byTopic.get('新时代的党建')?.slice(1)).toEqual(['党课/集中学习', '新时代的党建/地点：党员活动室；主持人：张书记；记录人：李委员',
      '未点名', '—', '—', '讲课人：张三（支部书记）/学时：2学时', '是'])
    expect(byTopic.get('民主评议党员')?.[6]).toBe('民主评议：优秀3名、合格10名、基本合格1名、不合格0名')
    for (const row of rows) for (const text of row) expect(text).not.toBe('')
  })

  it('adds who served in a 志愿服务 and the 学习 / 警示教育 sub-kinds to the 其他 cell', async () => {
    const rows = await appendixRows([
      makeRecord({ id: 'v3', types: ['volunteer'], date: '2025-04-07', topic: '义诊', volunteer: { participants: 3, hours: 6, beneficiaries: 20, memberIds: ['a', 'b'] } }),
      makeRecord({ id: 's2', types: ['study'], date: '2025-04-08', topic: '班子学习', study: { creditHours: 2, scope: 'committee', discussion: true, reflections: 5 } }),
      makeRecord({ id: 'w2', types: ['warningEducation'], date: '2025-04-09', topic: '警示片', warning: { kind: 'video' } }),
    ])
    expect(rows.slice(1).map((r) => r[6])).toEqual([
      '志愿服务：3人次，6小时，惠及20人次；参加党员：张三、王芳',
      '学时：2学时/学习形式：支委班子学习，含交流研讨，心得体会5篇',
      '警示教育：观看警示教育视频',
    ])
  })

  it('ends the 台账 with 党员个人年度情况 when the roster gives 职务 and order; names only, it is left out', async () => {
    const year = [
      makeRecord({ id: 'y1', types: ['study'], date: '2025-03-01', topic: '学习', study: { creditHours: 40 }, attendance: { expected: ['a', 'b', 'c'], leave: [], absent: ['c'], observers: '' } }),
      makeRecord({ id: 'y2', types: ['volunteer'], date: '2025-04-01', topic: '义诊', volunteer: { participants: 4, hours: 10, beneficiaries: 0, memberIds: ['b', 'c'] } }),
    ]
    const rows = await appendixRows(year, true, 'members')
    expect(rows[0]!.join('|')).toBe(MEMBER_TABLE_HEADER)
    expect(rows.slice(1)).toEqual([
      ['张三', '书记', '应到1次，出席1次，请假0次，缺席0次', '100%', '40/56学时', '差16学时', '—'],
      ['王芳', '党员', '应到1次，出席1次，请假0次，缺席0次', '100%', '40/32学时', '已达到', '1次，2.5小时'],
      ['李四', '党员', '应到1次，出席0次，请假0次，缺席1次', '0%', '0/32学时', '差32学时', '1次，2.5小时'],
    ])
    const namesOnly = await buildReportDocx({ title: '标题', sections: [], records: year, year: 2025, roster: roster.map(({ id, name }) => ({ id, name })) })
    expect((await unzip(namesOnly)).document).not.toContain('党员个人年度情况')
  })

  it('puts 内容摘要 (cut when long) and 决议 in their own columns', async () => {
    const long = '发言要点'.repeat(30)
    const rows = await appendixRows([makeRecord({ id: 's1', types: ['committeeMeeting'], date: '2025-06-01', topic: '研究', summary: `一、传达精神。\n${long}`, resolution: '同意，5票赞成。' })])
    expect(rows[1]![4]).toBe(`一、传达精神。 ${long}`.slice(0, LEDGER_SUMMARY_CHARS) + '…')
    expect(rows[1]![5]).toBe('同意，5票赞成。')
  })

  it('writes the opening, the signature right-aligned and odd and even page numbers', async () => {
    const zip = await JSZip.loadAsync(await buildReportDocx({
      title: '2025年度第一党支部书记抓基层党建工作述职报告', opening: ['2025年，本人述职如下：'], sections: [{ heading: '主要做法和成效', paragraphs: ['正文。'] }],
      signature: ['述职人：张三', '2025年12月20日'], records, year: 2025,
    }))
    const document = await zip.file('word/document.xml')!.async('string')
    expect(document.indexOf('2025年，本人述职如下：')).toBeLessThan(document.indexOf('一、主要做法和成效'))
    expect(document).toMatch(/<w:jc w:val="right"\/>[^]*?述职人：张三[^]*?2025年12月20日/)
    const settings = await zip.file('word/settings.xml')!.async('string')
    expect(settings).toContain('<w:evenAndOddHeaders/>')
    const footers = await Promise.all(['word/footer1.xml', 'word/footer2.xml'].map((p) => zip.file(p)!.async('string')))
    expect(footers.join('')).toContain('<w:jc w:val="right"/>')
    expect(footers.join('')).toContain('<w:jc w:val="left"/>')
  })

  it('shows counts without names when no roster is given', async () => {
    const [, meeting] = await appendixRows(detailed, false)
    expect(meeting?.[3]).toBe('应到4人，实到2人/请假1人/缺席1人/列席：社区书记刘某')
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
