// The unit of sync: one local change, appended to the device's outbox in the same IndexedDB transaction as the
// change itself. clientSeq is strictly increasing per device (clientId); the server applies each exactly once.
import * as z from 'zod/mini'
import { idSchema } from '../model/fields'

export const SYNC_ENTITIES = ['activity', 'member', 'settings'] as const
export type SyncEntity = (typeof SYNC_ENTITIES)[number]

export const mutationSchema = z.object({
  clientId: idSchema,
  clientSeq: z.number().check(z.int(), z.gte(1)),
  entity: z.enum(SYNC_ENTITIES),
  op: z.enum(['put', 'delete']),
  recordId: idSchema,
  /** server version of the record this change was based on; null when created on this device */
  baseVersion: z.nullable(z.number().check(z.int(), z.gte(0))),
  /** changed top-level fields only (per-field merge); empty for delete. Validated per entity by the server. */
  fields: z.record(z.string().check(z.maxLength(40)), z.unknown()),
})

export type Mutation = z.infer<typeof mutationSchema>
