// PUT /api/photos/:id?recordId= (raw image bytes) and GET /api/photos/:id?branchId= (the bytes back).
import * as z from 'zod/mini'
import { idSchema } from '../model/fields'
import { queryString, queryText } from './query'

export const photoParamSchema = z.object({ id: idSchema })

/** An upload names the activity record it belongs to: one the uploader may change, already on the server. */
export const photoUploadQuerySchema = z.object({ recordId: z.pipe(queryString, idSchema) })

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

/** Error codes of a refused upload, so the phone can tell "later" from "never". */
export const PHOTO_ERROR_CODES = {
  /** the record has not reached the server yet (it is pushed before its photos): try again after the next push */
  recordNotOnServer: 'record_not_on_server',
  /** the record was deleted on the server: its photos are not needed there */
  recordDeleted: 'record_deleted',
  /** another photo is stored under this id */
  photoExists: 'photo_exists',
  /** the uploader's share of photo space is used up */
  memberQuota: 'photo_quota_member',
  /** the branch's photo space is used up */
  branchQuota: 'photo_quota_branch',
  /** the server's disk (or database) is full */
  storageFull: 'storage_full',
} as const
