// Photos: PUT raw image bytes to /api/photos/:id?recordId= (idempotent, size-capped, within quota), GET them back.
// Mounted behind the session (app.ts).
import { Hono } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { API } from '../../shared/api'
import type { PhotoInfo } from '../../shared/api/photos'
import { MAX_PHOTO_BYTES } from '../../shared/sync/protocol'
import type { AppEnv } from '../http/context'
import { ApiError } from '../http/errors'
import { validated } from '../http/validate'
import { getPhoto, putPhoto, removeOrphanPhotosNowAndThen } from '../services/photos'
import type { RouteDeps } from './deps'

const photoTooLarge = () => {
  throw new ApiError(413, 'too_large', '图片不能超过5MB')
}

export function photoRoutes(deps: RouteDeps) {
  const { db, now, photoLimits } = deps
  return new Hono<AppEnv>()
    .put(API.putPhoto.path, validated('param', API.putPhoto.param), validated('query', API.putPhoto.query),
      bodyLimit({ maxSize: MAX_PHOTO_BYTES, onError: photoTooLarge }),
      async (c) => {
        const type = (c.req.header('Content-Type') ?? '').split(';')[0]?.trim() ?? ''
        const bytes = Buffer.from(await c.req.arrayBuffer())
        const at = now()
        // Space held by photos nobody needs any more is given back before the quota is checked.
        await removeOrphanPhotosNowAndThen(db, at, photoLimits.orphanGraceMs)
        const upload = { id: c.req.valid('param').id, recordId: c.req.valid('query').recordId, contentType: type, bytes }
        const { created, photo } = await putPhoto(db, c.get('principal'), upload, at, photoLimits)
        const body: PhotoInfo = photo
        return c.json(body, created ? 201 : 200)
      })
    .get(API.getPhoto.path, validated('param', API.getPhoto.param), validated('query', API.getPhoto.query), async (c) => {
      const photo = await getPhoto(db, c.get('principal'), c.req.valid('param').id, c.req.valid('query').branchId)
      c.header('Content-Type', photo.contentType)
      c.header('Cache-Control', 'private, max-age=31536000, immutable')
      c.header('ETag', `"${photo.sha256}"`)
      return c.body(new Uint8Array(photo.data))
    })
}
