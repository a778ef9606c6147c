// The start of compliance checking this device remembered (when the branch settings name no 开始记录日期), so
// that a record back-dated later does not silently move it (src/shared/report/tracking.ts decides; the report asks).
import type { RememberedTrackingStart } from '@shared/report/tracking'
import { getDb } from './connection'
import { readMeta } from './meta'
import { META_KEYS } from './metaKeys'

export async function readRememberedTrackingStart(): Promise<RememberedTrackingStart | null> {
  const value = await readMeta<Partial<RememberedTrackingStart>>(META_KEYS.trackingStartAuto)
  return typeof value?.since === 'string' ? { ...value, since: value.since } : null
}

export async function rememberTrackingStart(value: RememberedTrackingStart): Promise<void> {
  await getDb().meta.put({ key: META_KEYS.trackingStartAuto, value: { ...value } })
}
