// Query strings arrive as text. These read one parameter into the value a route's schema then checks.
import * as z from 'zod/mini'

/** A non-negative whole number written in a query string; absent or empty → undefined. */
export const queryCount = z.pipe(
  z.optional(z.string().check(z.regex(/^\d{0,15}$/, '参数必须是非负整数'))),
  z.transform((value: string | undefined) => (value === undefined || value === '' ? undefined : Number(value))),
)

/** Optional text in a query string; empty → undefined. */
export const queryText = z.pipe(
  z.optional(z.string()),
  z.transform((value: string | undefined) => (value === '' ? undefined : value)),
)

/** Text in a query string; absent → '' (so the field's own schema words the error). */
export const queryString = z.pipe(
  z.optional(z.string()),
  z.transform((value: string | undefined) => value ?? ''),
)
