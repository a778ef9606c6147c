// PUT /api/photos/:id (raw image bytes) and GET /api/photos/:id?branchId= (the bytes back).
import * as z from 'zod/mini'
import { idSchema } from '../model/fields'
import { queryText } from './query'

export const photoParamSchema = z.object({ id: idSchema })

/** committee accounts name the branch the photo belongs to */
export const photoQuerySchema = z.object({ branchId: z.pipe(queryText, z.optional(idSchema)) })

/** The answer to a PUT: what the server stored under the id. */
export const photoInfoSchema = z.object({
  id: z.string(),
  size: z.number(),
  sha256: z.string(),
  contentType: z.string(),
})
export type PhotoInfo = z.infer<typeof photoInfoSchema>
