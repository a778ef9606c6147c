import { describe, expect, it } from 'vitest'
import { LEDGER_ROWS_MARKER, ledgerRowsXml, spliceLedgerRows, xmlText } from '../../../src/client/export/ledgerRowsXml'

describe('the 台账 rows written as WordprocessingML', () => {
  it('escapes markup and drops characters XML cannot hold', () => {
    expect(xmlText('研究 & <要点> "引号"')).toBe('研究 &amp; &lt;要点&gt; "引号"')
    expect(xmlText('a\u0001b\u000Bc\tok')).toBe('abc\tok')
    expect(xmlText('普通文字')).toBe('普通文字')
  })

  it('writes one paragraph per cell, its lines split by line breaks, and — for an empty cell', () => {
    const xml = ledgerRowsXml([[
      { lines: ['2026-03-01', ''], align: 'center' },
      { lines: ['第一行\n 第二行 ', '第三行'], align: 'left' },
      { lines: ['  '], align: 'left' },
    ]], '—')
    const cells = [...xml.matchAll(/<w:tc>(.*?)<\/w:tc>/g)].map((m) => m[1]!)
    expect(cells).toHaveLength(3)
    expect(cells.map((c) => (c.match(/<w:p>/g) ?? []).length)).toEqual([1, 1, 1])
    expect(cells[0]).toContain('<w:pStyle w:val="LC"/>')
    expect(cells[1]).toContain('<w:pStyle w:val="LL"/>')
    expect(cells[1]).toContain('<w:t>第一行</w:t><w:br/><w:t>第二行</w:t><w:br/><w:t>第三行</w:t>')
    expect(cells[2]).toContain('<w:t>—</w:t>')
    expect(xml.startsWith('<w:tr><w:trPr><w:cantSplit/></w:trPr>')).toBe(true)
  })

  it('replaces exactly the placeholder row and leaves a document without one alone', () => {
    const doc = `<w:tbl><w:tr><w:tc><w:p><w:r><w:t>日期</w:t></w:r></w:p></w:tc></w:tr><w:tr><w:tc><w:p><w:r><w:t>${LEDGER_ROWS_MARKER}</w:t></w:r></w:p></w:tc></w:tr></w:tbl>`
    const rows = '<w:tr><w:tc><w:p><w:r><w:t>行</w:t></w:r></w:p></w:tc></w:tr>'
    expect(spliceLedgerRows(doc, rows)).toBe(`<w:tbl><w:tr><w:tc><w:p><w:r><w:t>日期</w:t></w:r></w:p></w:tc></w:tr>${rows}</w:tbl>`)
    expect(spliceLedgerRows('<w:body/>', rows)).toBe('<w:body/>')
  })
})
