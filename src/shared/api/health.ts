// GET /api/health: the server is up and its database answers.
import * as z from 'zod/mini'

export const healthResponseSchema = z.object({
  status: z.literal('ok'),
  protocolVersion: z.number(),
  storage: z.enum(['sqlite', 'postgres']),
})
export type HealthResponse = z.infer<typeof healthResponseSchema>
