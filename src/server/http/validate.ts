// Request validation against the shared schemas (src/shared/api/index.ts), as Hono validator middleware:
// a route declares `validated('json' | 'query' | 'param', schema)` and reads `c.req.valid(target)`.
// A failure answers 400 in the one error shape, in Chinese.
import type { Context, MiddlewareHandler } from 'hono'
import { validator } from 'hono/validator'
import * as z from 'zod/mini'
import { badRequest } from './errors'

/** Chinese wording for the checks whose schema gives no message of its own. */
const chineseIssues = z.locales.zhCN().localeError

export type ValidationTarget = 'json' | 'query' | 'param'

/** What a route gains from the middleware: the client's input type (for `hc`) and the parsed value. */
type Validated<T extends ValidationTarget, S extends z.ZodMiniType> = {
  in: { [K in T]: z.input<S> }
  out: { [K in T]: z.output<S> }
}

export function parseWith<S extends z.ZodMiniType>(schema: S, value: unknown): z.output<S> {
  const parsed = schema.safeParse(value, { error: chineseIssues })
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    const where = issue && issue.path.length > 0 ? `（${issue.path.join('.')}）` : ''
    throw badRequest(`${issue?.message ?? '请求内容无效'}${where}`)
  }
  return parsed.data
}

const JSON_MEDIA_TYPE = /^application\/([\w.-]+\+)?json$/i

/** The body must be JSON, and say so: Hono's own validator would read any other body as {}. */
async function requireJsonBody(c: Context): Promise<unknown> {
  const mediaType = (c.req.header('Content-Type') ?? '').split(';')[0]?.trim() ?? ''
  if (!JSON_MEDIA_TYPE.test(mediaType)) throw badRequest('请求内容应为 JSON（Content-Type: application/json）', 'invalid_content_type')
  try {
    return await c.req.json() // cached: the validator below reads the same parse
  } catch {
    throw badRequest('请求内容不是有效的 JSON', 'invalid_json')
  }
}

export interface ValidateOptions {
  /** runs on the raw value before the schema, e.g. to answer an old client by its protocol version */
  before?: (raw: unknown) => void
}

/**
 * Validator middleware for one part of the request. `schema` may be made per request (a bound that depends on
 * the server's clock).
 */
export function validated<T extends ValidationTarget, S extends z.ZodMiniType>(
  target: T,
  schema: S | ((c: Context) => S),
  options: ValidateOptions = {},
): MiddlewareHandler<object, string, Validated<T, S>> {
  const check: MiddlewareHandler = validator(target, (value, c): unknown => {
    options.before?.(value)
    return parseWith(typeof schema === 'function' ? schema(c) : schema, value)
  })
  return async (c, next) => {
    if (target === 'json') await requireJsonBody(c)
    return check(c, next)
  }
}
