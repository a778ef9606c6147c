import { describe, expect, it } from 'vitest'
import { ACTIVITY_TYPE_IDS, ACTIVITY_TYPES, fieldGroupsFor, usesAttendance } from '@shared/catalogue'
import { DEFAULT_RULES, defaultSettings } from '@shared/rules'
import { branchSettingsSchema } from '@shared/model/settings'

describe('activity catalogue', () => {
  it('covers every type of docs/domain.md with a Chinese name and units', () => {
    const names = ACTIVITY_TYPE_IDS.map((id) => ACTIVITY_TYPES[id].name)
    for (const n of ['主题党日', '支部党员大会', '支委会', '党小组会', '党课', '组织生活会', '民主评议党员', '谈心谈话', '志愿服务', '集中学习', '警示教育']) {
      expect(names).toContain(n)
    }
    expect(ACTIVITY_TYPES.heartTalk.units).toEqual(['人次'])
    expect(ACTIVITY_TYPES.volunteer.units).toEqual(['次', '人次', '小时'])
    expect(ACTIVITY_TYPES.study.units).toContain('学时')
  })

  it('merges the field groups of an event carrying several types', () => {
    expect([...fieldGroupsFor(['themeDay', 'partyLecture'])].sort()).toEqual(['lecture', 'meeting'])
    expect(usesAttendance(['heartTalk'])).toBe(false)
    expect(usesAttendance(['heartTalk', 'generalMeeting'])).toBe(true)
  })

  it('has default rules from the branch work regulations, as editable data', () => {
    const byId = new Map(DEFAULT_RULES.map((r) => [r.id, r]))
    expect(byId.get('committee-monthly')).toMatchObject({ type: 'committeeMeeting', period: 'month', min: 1 })
    expect(byId.get('general-quarterly')).toMatchObject({ type: 'generalMeeting', period: 'quarter' })
    expect(byId.get('lecture-secretary-yearly')).toMatchObject({ speakerRole: 'secretary', period: 'year' })
    expect(DEFAULT_RULES.filter((r) => r.type === 'heartTalk')).toHaveLength(3)
    const settings = defaultSettings()
    settings.rules[0]!.min = 2
    expect(DEFAULT_RULES[0]!.min).toBe(1)
    expect(branchSettingsSchema.safeParse(settings).success).toBe(true)
  })
})
