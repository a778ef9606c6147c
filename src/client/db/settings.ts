// Branch settings (name, usual place, party groups, frequency rules). One row, created with defaults.
import type { BranchSettings } from '@shared/model/settings'
import { loadValidation } from './validation'
import { defaultSettings } from '@shared/rules'
import { getDb } from './connection'
import { appendToOutbox } from './outbox'
import { plain } from './plain'

export async function readSettings(): Promise<BranchSettings> {
  const row = await getDb().settings.get('branch')
  return row?.value ?? defaultSettings()
}

export async function saveSettings(settings: BranchSettings, now: Date = new Date()): Promise<BranchSettings> {
  const { validateBranchSettings, orThrow } = await loadValidation()
  const value = orThrow(validateBranchSettings(plain(settings)))
  const db = getDb()
  return db.transaction('rw', [db.settings, db.outbox, db.meta], async () => {
    const existing = await db.settings.get('branch')
    const updatedAt = now.toISOString()
    await db.settings.put({ key: 'branch', value: value, updatedAt, serverVersion: existing?.serverVersion ?? null })
    await appendToOutbox('settings', 'put', 'branch-settings', existing?.serverVersion ?? null, { ...value })
    return value
  })
}
