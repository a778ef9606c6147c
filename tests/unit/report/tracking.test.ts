import { describe, expect, it } from 'vitest'
import { effectiveTrackingSince, earliestLiveDate } from '../../../src/shared/report'
import { effectiveTrackingSince as fromModule } from '../../../src/shared/report/tracking'
import { branchSettingsSchema } from '../../../src/shared/model/settings'
import { BACKUP_FORMAT, BACKUP_VERSION, parseBackup } from '../../../src/shared/backup'
import { defaultSettings } from '../../../src/shared/rules'
import { makeRecord } from './fixtures'

const records = [
  makeRecord({ types: ['committeeMeeting'], date: '2026-11-12' }),
  makeRecord({ types: ['committeeMeeting'], date: '2026-03-01', deleted: true }),
  makeRecord({ types: ['themeDay'], date: '2026-11-10' }),
]

describe('effectiveTrackingSince', () => {
  it('takes the settings’ start date when set', () => {
    expect(effectiveTrackingSince({ trackingSince: '2026-09-01' }, records, '2026-11-23')).toBe('2026-09-01')
    expect(fromModule).toBe(effectiveTrackingSince)
  })

  it('else the earliest live record, deleted ones left out', () => {
    expect(earliestLiveDate(records)).toBe('2026-11-10')
    expect(effectiveTrackingSince(defaultSettings(), records, '2026-11-23')).toBe('2026-11-10')
    expect(effectiveTrackingSince(null, records, '2026-11-23')).toBe('2026-11-10')
    expect(effectiveTrackingSince({ trackingSince: undefined }, records, '2026-11-23')).toBe('2026-11-10')
  })

  it('else today, also when every record lies ahead', () => {
    expect(earliestLiveDate([])).toBeNull()
    expect(effectiveTrackingSince(defaultSettings(), [], '2026-11-23')).toBe('2026-11-23')
    expect(effectiveTrackingSince(undefined, [makeRecord({ types: ['themeDay'], date: '2026-12-01' })], '2026-11-23')).toBe('2026-11-23')
  })
})

describe('branchSettingsSchema.trackingSince', () => {
  it('is optional: settings and backups from before it stay valid', () => {
    const old = defaultSettings()
    expect('trackingSince' in old).toBe(false)
    expect(branchSettingsSchema.safeParse(old).success).toBe(true)
    const parsed = branchSettingsSchema.parse({ ...old, trackingSince: '2026-11-10' })
    expect(parsed.trackingSince).toBe('2026-11-10')
  })

  it('is a date', () => {
    expect(branchSettingsSchema.safeParse({ ...defaultSettings(), trackingSince: '2026-11-31' }).success).toBe(false)
    expect(branchSettingsSchema.safeParse({ ...defaultSettings(), trackingSince: '' }).success).toBe(false)
    expect(branchSettingsSchema.safeParse({ ...defaultSettings(), trackingSince: '1999-12-31' }).success).toBe(false)
  })

  it('reads from a backup, and a backup without it still reads', () => {
    const backup = (settings: object) => JSON.stringify({
      format: BACKUP_FORMAT, version: BACKUP_VERSION, exportedAt: '2026-11-23T00:00:00.000Z',
      settings, members: [], activities: [], photos: [],
    })
    const old = parseBackup(backup(defaultSettings()))
    expect(old.ok && old.backup.settings?.trackingSince).toBeUndefined()
    const withStart = parseBackup(backup({ ...defaultSettings(), trackingSince: '2026-11-10' }))
    expect(withStart.ok && withStart.backup.settings?.trackingSince).toBe('2026-11-10')
  })
})
