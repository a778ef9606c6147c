import JSZip from 'jszip'
import { describe, expect, it } from 'vitest'
import { buildMinutesDocx } from '../../../src/client/export/minutesDocx'
import { buildMeetingMinutes, meetingName, meetingsIn, MINUTES_LABELS, NOT_RECORDED } from '../../../src/shared/export/meetingMinutes'
import { makeMember, makeRecord } from '../report/fixtures'

const roster = [makeMember('a', '张三', 'secretary', 1), makeMember('b', '王芳', 'member', 2), makeMember('c', '李四', 'member', 3)]

const committee = makeRecord({
  id: 'm-committee', types: ['committeeMeeting'], date: '2026-03-02', startTime: '09:00', topic: '研究发展党员工作', place: '三楼会议室',
  host: '张三', recorder: '王芳', summary: '书记传达上级精神。\n委员逐一发言，讨论入党积极分子培养。', resolution: '同意确定2名发展对象，表决5票同意。',
  attendance: { expected: ['a', 'b', 'c', 'gone'], leave: [{ memberId: 'c', reason: '出差' }], absent: ['gone'], observers: '社区书记刘某' },
})
const combined = makeRecord({ id: 'm-combined', types: ['themeDay', 'generalMeeting'], date: '2026-03-20', topic: '主题党日暨党员大会', attendance: { expected: ['a', 'b'], leave: [], absent: [], observers: '' } })
const talk = makeRecord({ id: 'talk', types: ['heartTalk'], date: '2026-03-05', topic: '谈心' })
const april = makeRecord({ id: 'm-april', types: ['partyLecture'], date: '2026-04-10', topic: '书记讲党课', lecture: { speaker: '张三', speakerRole: 'secretary' } })
const deleted = makeRecord({ id: 'm-deleted', types: ['committeeMeeting'], date: '2026-03-09', topic: '已删除', deleted: true })
const all = [april, combined, talk, committee, deleted]

describe('buildMeetingMinutes', () => {
  it('chooses the meetings of a month or a year, in date order, without talks or deleted records', () => {
    expect(meetingsIn(all, { year: 2026, month: 3 }).map((r) => r.id)).toEqual(['m-committee', 'm-combined'])
    expect(meetingsIn(all, { year: 2026 }).map((r) => r.id)).toEqual(['m-committee', 'm-combined', 'm-april'])
    expect(meetingsIn(all, { year: 2025 })).toEqual([])
  })

  it('fills every field of the 三会一课记录本 form with names, reasons and counts', () => {
    const [m] = buildMeetingMinutes([committee], roster)
    expect(m!.fields).toEqual({
      name: '支委会',
      time: '2026年3月2日 09:00',
      place: '三楼会议室',
      host: '张三',
      recorder: '王芳',
      expected: '4人',
      present: '2人',
      presentNames: '张三、王芳',
      away: '请假1人：李四（出差）；缺席1人：（已移除）',
      observers: '社区书记刘某',
      topic: '研究发展党员工作',
      summary: '书记传达上级精神。\n委员逐一发言，讨论入党积极分子培养。',
      resolution: '同意确定2名发展对象，表决5票同意。',
    })
    expect(m!.summaryParagraphs).toEqual(['书记传达上级精神。', '委员逐一发言，讨论入党积极分子培养。'])
  })

  it('lets people on leave for the same reason share it', () => {
    const [m] = buildMeetingMinutes([makeRecord({ types: ['committeeMeeting'], date: '2026-05-01', attendance: {
      expected: ['a', 'b', 'c'], leave: [{ memberId: 'a', reason: '出差' }, { memberId: 'b', reason: '病假' }, { memberId: 'c', reason: '出差' }], absent: [], observers: '' } })], roster)
    expect(m!.fields.away).toBe('请假3人：张三、李四（出差）、王芳（病假）')
    expect(m!.fields.presentNames).toBe('无')
  })

  it('names a combined meeting once, says what was not recorded and gives counts without a roster', () => {
    expect(meetingName(combined)).toBe('主题党日暨支部党员大会')
    const [c, l] = buildMeetingMinutes([committee, april])
    expect(c!.fields.present).toBe('2人')
    expect(c!.fields.presentNames).toBe('（未填写名单）')
    expect(c!.fields.away).toBe('请假1人；缺席1人')
    expect(l!.fields.expected).toBe('未点名')
    expect(l!.fields.topic).toBe('书记讲党课\n讲课人：张三（支部书记）')
    expect(l!.fields.summary).toBe(NOT_RECORDED)
    expect(l!.resolutionParagraphs).toEqual([NOT_RECORDED])
  })
})

function paragraphTexts(xml: string): string[] {
  return [...xml.matchAll(/<w:p\b.*?<\/w:p>/gs)].map((p) => [...p[0].matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((t) => t[1]).join(''))
}

describe('buildMinutesDocx', () => {
  it('writes one form a page with every label and value', async () => {
    const minutes = buildMeetingMinutes(meetingsIn(all, { year: 2026 }), roster)
    const zip = await JSZip.loadAsync(await buildMinutesDocx({ branchName: '红星社区第一党支部', minutes }))
    const document = await zip.file('word/document.xml')!.async('string')
    const texts = paragraphTexts(document)
    for (const label of Object.values(MINUTES_LABELS)) expect(texts.filter((t) => t === label)).toHaveLength(3)
    for (const value of ['支委会', '2026年3月2日 09:00', '三楼会议室', '4人', '2人', '张三、王芳', '请假1人：李四（出差）；缺席1人：（已移除）',
      '社区书记刘某', '研究发展党员工作', '书记传达上级精神。', '委员逐一发言，讨论入党积极分子培养。', '同意确定2名发展对象，表决5票同意。',
      '主题党日暨支部党员大会', '讲课人：张三（支部书记）']) {
      expect(texts).toContain(value)
    }
    expect(texts.filter((t) => t === '红星社区第一党支部会议记录')).toHaveLength(3)
    // each record after the first starts a page
    expect(document.match(/<w:pageBreakBefore\/>/g)).toHaveLength(2)
    // the 公文 page: A4, margins 37/35/28/26 mm
    expect(document).toMatch(/<w:pgSz w:w="11907" w:h="16840"/)
    expect(document).toContain('w:top="2098" w:right="1474" w:bottom="1985" w:left="1588"')
    const footer = await zip.file('word/footer1.xml')!.async('string')
    expect(footer).toContain('— ')
  })
})
