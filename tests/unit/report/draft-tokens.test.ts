import { describe, expect, it } from 'vitest'
import {
  applyTextEdit, figureKeysOf, handTypedNumbers, renderTemplate, type TokenValues,
} from '../../../src/shared/report'

const values = (committee: number, opener = '今年以来，'): TokenValues => ({
  figures: { 'type.committeeMeeting': committee, 'type.themeDay': 11 },
  text: { opener, branch: '第一党支部', secretary: '', date: '2026年12月1日' },
})

const TEMPLATE = '{{opener}}组织主题党日活动{{fig:type.themeDay}}次，召开支委会{{fig:type.committeeMeeting}}次。'

describe('figure tokens in a draft paragraph', () => {
  it('renders the current values', () => {
    expect(renderTemplate(TEMPLATE, values(25))).toBe('今年以来，组织主题党日活动11次，召开支委会25次。')
    expect(renderTemplate(TEMPLATE, values(26, '全年'))).toBe('全年组织主题党日活动11次，召开支委会26次。')
  })

  it('keeps numbers bound when the words around them are edited, so a new record updates the edited sentence', () => {
    const edited = applyTextEdit(TEMPLATE, values(25), '今年以来，我们坚持每月组织主题党日活动11次，按时召开支委会共25次，做到了规范。')
    expect(edited).toBe('{{opener}}我们坚持每月组织主题党日活动{{fig:type.themeDay}}次，按时召开支委会共{{fig:type.committeeMeeting}}次，做到了规范。')
    expect(renderTemplate(edited, values(26))).toBe('今年以来，我们坚持每月组织主题党日活动11次，按时召开支委会共26次，做到了规范。')
  })

  it('keeps a number typed right after a token as a separate hand-typed number', () => {
    const edited = applyTextEdit(TEMPLATE, values(25), '今年以来，组织主题党日活动11次，召开支委会252次。')
    expect(figureKeysOf(edited)).toEqual(['type.themeDay', 'type.committeeMeeting'])
    expect(handTypedNumbers(edited, values(25))).toEqual([{ text: '252', context: '，召开支委会252次。' }])
  })

  it('unbinds a number the secretary types over, and flags it', () => {
    const edited = applyTextEdit(TEMPLATE, values(25), '今年以来，组织主题党日活动11次，召开支委会30次。')
    expect(figureKeysOf(edited)).toEqual(['type.themeDay'])
    expect(renderTemplate(edited, values(26))).toBe('今年以来，组织主题党日活动11次，召开支委会30次。')
    expect(handTypedNumbers(edited)).toEqual([{ text: '30', context: '，召开支委会30次。' }])
  })

  it('drops a token whose number is deleted with its words, and a rewritten opener becomes the secretary’s words', () => {
    const edited = applyTextEdit(TEMPLATE, values(25), '2026年，组织主题党日活动11次。')
    expect(edited).toBe('2026年，组织主题党日活动{{fig:type.themeDay}}次。')
    expect(handTypedNumbers(edited)).toEqual([])
  })

  it('does not let typed braces read as a token', () => {
    const edited = applyTextEdit('召开支委会{{fig:type.committeeMeeting}}次。', values(25), '召开支委会25次{{fig:type.themeDay}}。')
    expect(figureKeysOf(edited)).toEqual(['type.committeeMeeting'])
    expect(renderTemplate(edited, values(26))).toBe('召开支委会26次{ {fig:type.themeDay}}。')
  })

  it('ignores years, months and days but flags other typed digits', () => {
    expect(handTypedNumbers('2026年12月1日召开，参加8人').map((n) => n.text)).toEqual(['8'])
  })
})
