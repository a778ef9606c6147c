// The length limits of the form's free texts, as the shared schemas set them (src/shared/model/activity.ts), so
// the form can say "主题最多200字，现在215字" while typing instead of cutting pasted text.
import type { ActivityFields } from '@shared/model/activity'
import { tooLongMessage } from '@shared/model/textMessages'

const LIMITS: Readonly<Record<string, readonly [max: number, label: string]>> = {
  topic: [200, '主题'], place: [100, '地点'], host: [50, '主持人'], recorder: [50, '记录人'],
  summary: [5000, '内容摘要'], resolution: [2000, '决议及表决情况'],
}

/** The over-limit message for one top-level text of `fields`, or undefined while it is within its limit. */
export function tooLongNote(fields: ActivityFields, path: string): string | undefined {
  const limit = LIMITS[path]
  const value = (fields as unknown as Record<string, unknown>)[path]
  if (!limit || typeof value !== 'string' || value.length <= limit[0]) return undefined
  return tooLongMessage(limit[1], limit[0], value.length)
}
