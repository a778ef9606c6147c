// The one rule set for records (src/shared/model/rules.ts), and mergeFields which applies it to a pushed change.
import { describe, expect, it } from 'vitest'
import { addDays } from '../../../src/shared/dates'
import { validateActivityFields, validateMemberFields, validateRecordFields } from '../../../src/shared/model/validate'
import { mergeFields } from '../../../src/shared/sync/entities'

const today = '2026-06-15'
const a = 'member-aaaaaaaa'
const b = 'member-bbbbbbbb'
const c = 'member-cccccccc'

function activity(over: Record<string, unknown> = {}): Record<string, unknown> {
  return { types: ['themeDay'], date: '2026-06-01', place: '党员活动室', topic: '6月主题党日', host: '', recorder: '',
    summary: '', resolution: '', photoIds: [], ...over }
}

const messagesOf = (r: { ok: boolean; issues?: { path: string; message: string }[] }) => (r.ok ? [] : r.issues!.map((i) => i.message))

describe('validateRecordFields', () => {
  it('accepts a complete activity and leaves out what the server owns and device metadata', () => {
    const r = validateRecordFields('activity', activity({ id: 'x', createdBy: 'someone', deleted: true, version: 9,
      branchId: 'other', authorUserId: 'u', createdAt: '2026-06-01T00:00:00.000Z', backfilled: false }), { today })
    expect(r.ok).toBe(true)
    if (r.ok) {
      expect(r.value).not.toHaveProperty('createdBy')
      expect(r.value).not.toHaveProperty('createdAt')
      expect(r.value.topic).toBe('6月主题党日')
    }
  })

  it.each([...Object.getOwnPropertyNames(Object.prototype), '__proto__', 'secretField'])('refuses the unknown field %s', (key) => {
    const fields = JSON.parse(`{"topic":"主题",${JSON.stringify(key)}:1}`) as Record<string, unknown>
    const r = validateRecordFields('activity', { ...activity(), ...fields }, { today })
    // spreading drops an own __proto__ key; check the parsed object as sent, too
    const sent = validateRecordFields('activity', fields, { today })
    expect(messagesOf(sent)).toEqual([`未知字段：${key}`])
    if (key !== '__proto__') expect(messagesOf(r)).toEqual([`未知字段：${key}`])
  })

  it.each([
    ['seven characters', 'abcdefg', false], ['eight', 'abcdefgh', true], ['sixty-four', 'a'.repeat(64), true],
    ['sixty-five', 'a'.repeat(65), false], ['a space', 'member aaaaaaa', false], ['a dot', 'member.aaaaaaa', false],
    ['Chinese', '成员成员成员成员', false], ['a newline at the end', 'member-aaaaaaaa\n', false],
  ])('checks a member id on 应到 (%s)', (_what, id, accepted) => {
    const r = validateRecordFields('activity', activity({ types: ['committeeMeeting'],
      attendance: { expected: [a, id], leave: [], absent: [], observers: '' } }), { today })
    expect(r.ok).toBe(accepted)
    if (!r.ok) expect(r.issues).toEqual([{ path: 'attendance.expected.1', message: '编号无效' }])
  })

  it('names the field in Chinese when a value has the wrong type or is missing', () => {
    expect(messagesOf(validateRecordFields('activity', activity({ topic: 42 }), { today }))).toEqual(['主题无效'])
    const { place: _place, ...noPlace } = activity()
    expect(messagesOf(validateRecordFields('activity', noPlace, { today }))).toEqual(['请填写地点'])
    expect(messagesOf(validateRecordFields('activity', activity({ types: ['noSuchType'] }), { today }))).toEqual(['活动类型无效'])
    expect(messagesOf(validateMemberFields({ name: '张三', role: 'king', group: '', active: true, order: 1 }))).toEqual(['党内职务无效'])
  })

  it('keeps the date between 2000 and one year after today (China date)', () => {
    expect(messagesOf(validateRecordFields('activity', activity({ date: '1999-12-31' }), { today }))).toEqual(['日期不能早于2000年'])
    expect(validateRecordFields('activity', activity({ date: addDays(today, 366) }), { today }).ok).toBe(true)
    expect(messagesOf(validateRecordFields('activity', activity({ date: addDays(today, 367) }), { today }))).toEqual(['日期不能晚于一年以后'])
  })

  it('limits text lengths', () => {
    expect(messagesOf(validateRecordFields('activity', activity({ topic: '长'.repeat(201) }), { today }))).toEqual(['主题最多200字，现在201字'])
    expect(validateRecordFields('activity', activity({ topic: '长'.repeat(200) }), { today }).ok).toBe(true)
  })

  it('keeps attendance consistent: 请假 and 缺席 among 应到, nobody both, nobody twice', () => {
    const sheet = (leave: string[], absent: string[], expected = [a, b]) =>
      activity({ attendance: { expected, leave: leave.map((memberId) => ({ memberId, reason: '' })), absent, observers: '' } })
    expect(validateRecordFields('activity', sheet([a], [b]), { today }).ok).toBe(true)
    expect(messagesOf(validateRecordFields('activity', sheet([c], []), { today }))).toEqual(['请假或缺席的人员须在应到名单中'])
    expect(messagesOf(validateRecordFields('activity', sheet([], [c]), { today }))).toEqual(['请假或缺席的人员须在应到名单中'])
    expect(messagesOf(validateRecordFields('activity', sheet([a], [a]), { today }))).toEqual(['同一人不能既请假又缺席'])
    expect(messagesOf(validateRecordFields('activity', sheet([], [], [a, a]), { today }))).toEqual(['应到名单中有重复的人员'])
    // the entry points the phone calls run the same rules
    expect(messagesOf(validateActivityFields(sheet([c], []), today))).toEqual(['请假或缺席的人员须在应到名单中'])
  })

  it('asks for the field group each type needs', () => {
    expect(messagesOf(validateRecordFields('activity', activity({ types: ['partyLecture'] }), { today }))).toEqual(['党课须填写党课信息'])
    expect(validateRecordFields('activity', activity({ types: ['partyLecture'], lecture: { speaker: '张书记', speakerRole: 'secretary' } }), { today }).ok).toBe(true)
    expect(messagesOf(validateRecordFields('activity', activity({ types: ['heartTalk'] }), { today }))).toEqual(['谈心谈话须填写谈心谈话信息'])
    expect(messagesOf(validateRecordFields('activity', activity({ types: ['study', 'volunteer'], study: { creditHours: 2 } }), { today })))
      .toEqual(['志愿服务须填写志愿服务情况'])
    expect(messagesOf(validateRecordFields('activity', activity({ types: ['democraticReview'] }), { today }))).toEqual(['民主评议党员须填写评议结果'])
  })

  it('takes the 警示教育 and 学习 sub-kinds as optional: older records stay valid, bad values are refused', () => {
    const ok = (fields: Record<string, unknown>) => validateRecordFields('activity', activity(fields), { today }).ok
    const messages = (fields: Record<string, unknown>) => messagesOf(validateRecordFields('activity', activity(fields), { today }))
    // records from before the sub-kinds existed
    expect(ok({ types: ['warningEducation'] })).toBe(true)
    expect(ok({ types: ['study'], study: { creditHours: 2 } })).toBe(true)
    // each form and scope
    for (const kind of ['video', 'base', 'lecture', 'bulletin']) expect(ok({ types: ['warningEducation'], warning: { kind } })).toBe(true)
    expect(ok({ types: ['study'], study: { creditHours: 2, scope: 'committee', discussion: true, reflections: 12 } })).toBe(true)
    expect(ok({ types: ['study'], study: { creditHours: 2, scope: 'all', discussion: false, reflections: 0 } })).toBe(true)
    // refused
    expect(messages({ types: ['warningEducation'], warning: { kind: 'movie' } })).toEqual(['警示教育形式无效'])
    expect(messages({ types: ['study'], study: { creditHours: 2, reflections: -1 } })).toEqual(['心得体会篇数不能为负数'])
    expect(messages({ types: ['study'], study: { creditHours: 2, reflections: 1.5 } })).toEqual(['心得体会篇数须为整数'])
    expect(ok({ types: ['study'], study: { creditHours: 2, scope: 'everyone' } })).toBe(false)
    expect(ok({ types: ['study'], study: { creditHours: 2, discussion: 'yes' } })).toBe(false)
  })

  it('志愿服务 may name its members: each once, 参与人次 at least the number named; older records name nobody', () => {
    const ok = (volunteer: Record<string, unknown>) => validateRecordFields('activity', activity({ types: ['volunteer'], volunteer }), { today }).ok
    const messages = (volunteer: Record<string, unknown>) => messagesOf(validateRecordFields('activity', activity({ types: ['volunteer'], volunteer }), { today }))
    const base = { participants: 3, hours: 6, beneficiaries: 10 }
    expect(ok(base)).toBe(true)
    expect(ok({ ...base, memberIds: [] })).toBe(true)
    expect(ok({ ...base, memberIds: [a, b, c] })).toBe(true)
    // two named members and one 群众: 3 人次
    expect(ok({ ...base, memberIds: [a, b] })).toBe(true)
    expect(messages({ ...base, participants: 2, memberIds: [a, b, c] })).toEqual(['参与人次不能少于点名的参加党员人数（3人）'])
    expect(messages({ ...base, memberIds: [a, a] })).toEqual(['参加党员中有重复的人员'])
    expect(validateRecordFields('activity', activity({ types: ['volunteer'], volunteer: { ...base, participants: 1, memberIds: [a, b] } }), { today }))
      .toMatchObject({ ok: false, issues: [{ path: 'volunteer.participants' }] })
    expect(ok({ ...base, memberIds: ['x'] })).toBe(false)
    expect(ok({ ...base, memberIds: a })).toBe(false)
  })

  it('in a branch with 党小组, a 党小组会 names one of them', () => {
    const groups = ['第一党小组', '第二党小组']
    const meeting = (partyGroup?: string) => activity({ types: ['groupMeeting'], ...(partyGroup === undefined ? {} : { partyGroup }) })
    expect(messagesOf(validateRecordFields('activity', meeting(), { today, groups }))).toEqual(['请选择党小组'])
    expect(messagesOf(validateRecordFields('activity', meeting('第三党小组'), { today, groups })))
      .toEqual(['党小组“第三党小组”不在支部设置的党小组中'])
    expect(validateRecordFields('activity', meeting('第二党小组'), { today, groups }).ok).toBe(true)
    // a branch without groups logs a 党小组会 without one
    expect(validateRecordFields('activity', meeting(), { today, groups: [] }).ok).toBe(true)
    expect(validateRecordFields('activity', meeting(), { today }).ok).toBe(true)
    // an edit that leaves the meeting's group as it was is not re-checked (the group may have been renamed)
    expect(validateRecordFields('activity', meeting('旧党小组'), { today, groups, previous: meeting('旧党小组') }).ok).toBe(true)
    expect(validateRecordFields('activity', meeting('旧党小组'), { today, groups, previous: meeting('第一党小组') }).ok).toBe(false)
  })

  it('refuses what is not a record', () => {
    for (const value of [null, [], 'x', 3]) expect(messagesOf(validateRecordFields('activity', value, { today }))).toEqual(['记录内容无效'])
  })
})

describe('mergeFields', () => {
  const stored = activity({ createdAt: '2026-06-01T00:00:00.000Z' })

  it('merges per field, removes a field set to null and reports what changed', () => {
    const r = mergeFields('activity', { ...stored, startTime: '09:00' }, { topic: '新主题', startTime: null, updatedAt: '2026-06-02T00:00:00.000Z' }, today)
    expect(r).toMatchObject({ ok: true, changedFields: ['topic', 'startTime'] })
    if (r.ok) {
      expect(r.data).toMatchObject({ topic: '新主题', place: '党员活动室', createdAt: stored.createdAt, updatedAt: '2026-06-02T00:00:00.000Z' })
      expect(r.data).not.toHaveProperty('startTime')
    }
  })

  it.each([...Object.getOwnPropertyNames(Object.prototype), '__proto__'])('refuses a pushed field named %s as unknown', (key) => {
    const fields = JSON.parse(`{"topic":"新主题",${JSON.stringify(key)}:{"x":1}}`) as Record<string, unknown>
    expect(mergeFields('activity', stored, fields, today)).toEqual({ ok: false, code: 'invalid', message: `未知字段：${key}` })
    const settings = JSON.parse(`{"branchName":"支部",${JSON.stringify(key)}:null}`) as Record<string, unknown>
    expect(mergeFields('settings', null, settings, today)).toMatchObject({ ok: false, message: `未知字段：${key}` })
  })

  it('merges a pushed 警示教育形式 onto a record logged without one, and refuses an unknown form', () => {
    const old = activity({ types: ['warningEducation'], createdAt: '2026-06-01T00:00:00.000Z' })
    const r = mergeFields('activity', old, { warning: { kind: 'bulletin' } }, today)
    expect(r).toMatchObject({ ok: true, changedFields: ['warning'] })
    if (r.ok) expect(r.data.warning).toEqual({ kind: 'bulletin' })
    expect(mergeFields('activity', old, { warning: { kind: 'poster' } }, today)).toMatchObject({ ok: false, message: '警示教育形式无效' })
  })

  it('ignores server-owned fields and checks device metadata', () => {
    const r = mergeFields('activity', stored, { createdBy: 'forged', deleted: true, id: 'other-id', topic: '主题' }, today)
    expect(r).toMatchObject({ ok: true, changedFields: ['topic'] })
    if (r.ok) expect(r.data).not.toHaveProperty('createdBy')
    expect(mergeFields('activity', stored, { updatedAt: 'yesterday' }, today)).toMatchObject({ ok: false, message: '修改时间无效' })
  })

  it('applies the group rule against the context’s groups, not re-checking an unchanged group', () => {
    const context = { today, groups: ['第一党小组'] }
    expect(mergeFields('activity', null, activity({ types: ['groupMeeting'] }), context)).toMatchObject({ ok: false, message: '请选择党小组' })
    const old = activity({ types: ['groupMeeting'], partyGroup: '改名前的小组' })
    expect(mergeFields('activity', old, { summary: '补充摘要' }, context)).toMatchObject({ ok: true })
    expect(mergeFields('activity', old, { partyGroup: '不存在的小组' }, context)).toMatchObject({ ok: false })
  })

  it('refuses deep or oddly typed values for that change only, without throwing', () => {
    let deep: unknown = 1
    for (let i = 0; i < 100_000; i++) deep = [deep]
    expect(mergeFields('activity', stored, { topic: deep }, today)).toMatchObject({ ok: false, message: '主题无效' })
    expect(mergeFields('activity', stored, { attendance: deep }, today)).toMatchObject({ ok: false, message: '出席情况无效' })
    expect(mergeFields('activity', stored, [] as unknown as Record<string, unknown>, today)).toMatchObject({ ok: false })
  })
})

describe('branch settings', () => {
  it('refuses two 党小组 of one name', () => {
    const settings = (groups: string[]) => ({ branchName: '甲支部', defaultPlace: '', groups, rules: [] })
    expect(validateRecordFields('settings', settings(['第一党小组', '第二党小组']), { today }).ok).toBe(true)
    expect(messagesOf(validateRecordFields('settings', settings(['第一党小组', ' 第一党小组']), { today }))).toEqual(['党小组“第一党小组”重复'])
  })
})
