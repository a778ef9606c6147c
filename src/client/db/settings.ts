// Branch settings (name, usual place, party groups, frequency rules). One row, created with defaults.
import type { BranchSettings } from '@shared/model/settings'
import { checkSettings } from './validation'
import { defaultSettings } from '@shared/rules'
import { getDb } from './connection'
import { appendToOutbox, LOCAL_SETTINGS_RECORD_ID } from './outbox'
import { requirePermission } from './permission'

export async function readSettings(): Promise<BranchSettings> {
  const row = await getDb().settings.get('branch')
  return row?.value ?? defaultSettings()
}

export async function saveSettings(settings: BranchSettings, now: Date = new Date()): Promise<BranchSettings> {
  const value = await checkSettings(settings)
  const db = getDb()
  return db.transaction('rw', [db.settings, db.outbox, db.meta], async () => {
    await requirePermission('settings', 'edit')
    const existing = await db.settings.get('branch')
    const updatedAt = now.toISOString()
    await db.settings.put({ key: 'branch', value: value, updatedAt, serverVersion: existing?.serverVersion ?? null })
    await appendToOutbox('settings', 'put', LOCAL_SETTINGS_RECORD_ID, existing?.serverVersion ?? null, { ...value })
    return value
  })
}
