// Body and query parsing against the shared zod schemas.
import type { Context } from 'hono'
import type * as z from 'zod/mini'
import { badRequest } from './errors'

export async function readJson(c: Context): Promise<unknown> {
  try {
    return await c.req.json()
  } catch {
    throw badRequest('请求内容不是有效的 JSON', 'invalid_json')
  }
}

export function parseWith<S extends z.ZodMiniType>(schema: S, value: unknown): z.infer<S> {
  const parsed = schema.safeParse(value)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    const where = issue && issue.path.length > 0 ? `（${issue.path.join('.')}）` : ''
    throw badRequest(`${issue?.message ?? '请求内容无效'}${where}`)
  }
  return parsed.data as z.infer<S>
}

export async function parseBody<S extends z.ZodMiniType>(c: Context, schema: S): Promise<z.infer<S>> {
  return parseWith(schema, await readJson(c))
}
