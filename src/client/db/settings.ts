// Branch settings (name, usual place, party groups, frequency rules). One row, created with defaults.
import { branchSettingsSchema, type BranchSettings } from '@shared/model/settings'
import { ValidationError, validateWith } from '@shared/model/validate'
import { defaultSettings } from '@shared/rules'
import { getDb } from './connection'
import { appendToOutbox } from './outbox'
import { plain } from './plain'

export async function readSettings(): Promise<BranchSettings> {
  const row = await getDb().settings.get('branch')
  return row?.value ?? defaultSettings()
}

export async function saveSettings(settings: BranchSettings, now: Date = new Date()): Promise<BranchSettings> {
  const result = validateWith(branchSettingsSchema, plain(settings))
  if (!result.ok) throw new ValidationError(result.issues)
  const db = getDb()
  return db.transaction('rw', [db.settings, db.outbox, db.meta], async () => {
    const existing = await db.settings.get('branch')
    const updatedAt = now.toISOString()
    await db.settings.put({ key: 'branch', value: result.value, updatedAt, serverVersion: existing?.serverVersion ?? null })
    await appendToOutbox('settings', 'put', 'branch-settings', existing?.serverVersion ?? null, { ...result.value })
    return result.value
  })
}
