// Photos: PUT raw image bytes to /api/photos/:id (idempotent, size-capped), GET them back.
import { Hono } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { idSchema } from '../../shared/model/fields'
import { MAX_PHOTO_BYTES } from '../../shared/sync/protocol'
import { type AppEnv, requireSession } from '../http/context'
import { ApiError } from '../http/errors'
import { parseWith } from '../http/validate'
import { getPhoto, putPhoto } from '../services/photos'
import type { RouteDeps } from './deps'

export function photoRoutes(deps: RouteDeps) {
  const { db, now } = deps
  const app = new Hono<AppEnv>()
  app.use('/api/photos/*', requireSession(db, now))
  app.put('/api/photos/:id',
    bodyLimit({ maxSize: MAX_PHOTO_BYTES, onError: () => { throw new ApiError(413, 'too_large', '图片不能超过5MB') } }),
    async (c) => {
      const id = parseWith(idSchema, c.req.param('id'))
      const type = (c.req.header('Content-Type') ?? '').split(';')[0]?.trim() ?? ''
      const bytes = Buffer.from(await c.req.arrayBuffer())
      const { created, photo } = await putPhoto(db, c.get('principal'), id, type, bytes, now())
      return c.json(photo, created ? 201 : 200)
    })
  app.get('/api/photos/:id', async (c) => {
    const id = parseWith(idSchema, c.req.param('id'))
    const photo = await getPhoto(db, c.get('principal'), id, c.req.query('branchId') || undefined)
    c.header('Content-Type', photo.contentType)
    c.header('Cache-Control', 'private, max-age=31536000, immutable')
    c.header('ETag', `"${photo.sha256}"`)
    return c.body(new Uint8Array(photo.data))
  })
  return app
}
