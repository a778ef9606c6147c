// The unit of sync: one local change, appended to the device's outbox in the same IndexedDB transaction as the
// change itself. clientSeq is strictly increasing per device (clientId); the server applies each exactly once.
import * as z from 'zod/mini'
import { idSchema } from '../model/fields'

function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

export const SYNC_ENTITIES = ['activity', 'member', 'settings'] as const
export type SyncEntity = (typeof SYNC_ENTITIES)[number]

export const mutationSchema = z.object({
  clientId: idSchema,
  clientSeq: z.number().check(z.int(), z.gte(1)),
  entity: z.enum(SYNC_ENTITIES),
  /**
   * 'restore' undoes a delete the server already has (回收站): `fields` carry the whole record, which comes back
   * under its own id, with its author kept; allowed to whoever may delete that record (shared/permissions.ts).
   */
  op: z.enum(['put', 'delete', 'restore']),
  recordId: idSchema,
  /** server version of the record this change was based on; null when created on this device */
  baseVersion: z.nullable(z.number().check(z.int(), z.gte(0))),
  /**
   * changed top-level fields only (per-field merge); empty for delete. Any keys and values are taken as sent (own
   * keys, `__proto__` included): the server checks them per mutation (sync/entities.ts mergeFields) and refuses
   * that mutation alone, so nothing inside `fields` can fail the whole batch.
   */
  fields: z.custom<Record<string, unknown>>(isJsonObject, '修改内容必须是对象'),
})

export type Mutation = z.infer<typeof mutationSchema>

/**
 * What a push batch must hold for each mutation before the server looks inside: who sent it and its place in the
 * device's sequence. Everything else is checked per mutation with `mutationSchema`, so one malformed mutation
 * (an unknown entity, a bad record id) is refused alone and the batch goes on.
 */
export const mutationEnvelopeSchema = z.looseObject({
  clientId: idSchema,
  clientSeq: z.number().check(z.int(), z.gte(1)),
})
export type MutationEnvelope = z.infer<typeof mutationEnvelopeSchema>
