// The one way the client talks to the branch server: Hono's typed client over the server's own route types
// (paths, parameters and bodies cannot drift from the server), `Authorization: Bearer`, no HTTP caching, one
// error shape, and every answer checked against the route's response schema in src/shared/api/index.ts.
// The server is imported for its types only: nothing of it reaches the client bundle.
import { hc, type ClientResponse } from 'hono/client'
import type * as z from 'zod/mini'
import { apiErrorSchema } from '@shared/sync/protocol'
import type { AppType } from '../../server/app'

export interface ServerClient {
  /** '' in the browser (the server serves the app); an absolute origin in tests */
  baseUrl: string
  fetch: typeof fetch
}

/** The server answered with an error status. `code` is the server's error code. */
export class ServerError extends Error {
  constructor(readonly status: number, readonly code: string, message: string) {
    super(message)
  }
}

/** No answer at all: offline, DNS, connection refused, or a proxy's non-JSON page. Retried with backoff. */
export class NetworkError extends Error {}

/** The server answered, but not in the shape this version of the app expects. Never read as if it were. */
export class UnexpectedResponseError extends Error {
  constructor(readonly path: string, readonly problem: string) {
    super(`服务器的回复格式不对（${path}：${problem}），请稍后重试或更新应用`)
  }
}

export function browserClient(): ServerClient {
  return { baseUrl: '', fetch: (input, init) => fetch(input, init) }
}

/** The server's API as one caller: signed in when `token` is given. */
export function serverApi(client: ServerClient, token?: string) {
  return hc<AppType>(client.baseUrl, {
    fetch: (input: RequestInfo | URL, init?: RequestInit) => client.fetch(input, init),
    headers: token ? { Accept: 'application/json', Authorization: `Bearer ${token}` } : { Accept: 'application/json' },
    init: { cache: 'no-store' },
  })
}

function pathOf(res: { url: string }): string {
  try {
    return new URL(res.url).pathname
  } catch {
    return res.url || '（未知地址）'
  }
}

/** Waits for the answer; a 2xx gives its JSON body (undefined for 204), anything else throws. */
async function settle(request: Promise<ClientResponse<unknown>>): Promise<{ body: unknown; path: string }> {
  let res: ClientResponse<unknown>
  let text: string
  try {
    res = await request
    text = res.status === 204 ? '' : await res.text()
  } catch (err) {
    throw new NetworkError(err instanceof Error ? err.message : String(err))
  }
  const path = pathOf(res)
  if (res.status === 204) return { body: undefined, path }
  let parsed: unknown
  try {
    parsed = text ? JSON.parse(text) : null
  } catch {
    throw new NetworkError(`服务器无响应（${res.status}）`)
  }
  if (res.status >= 200 && res.status < 300) return { body: parsed, path }
  const failure = apiErrorSchema.safeParse(parsed)
  if (!failure.success) throw new NetworkError(`服务器暂时不可用（${res.status}）`)
  throw new ServerError(res.status, failure.data.error.code, failure.data.error.message)
}

/**
 * Fails to compile when what the server's route declares it answers (T, from AppType) is not something the
 * response schema accepts: the two are written separately and must not drift.
 */
type AcceptsServerAnswer<T, S extends z.ZodMiniType> = [T] extends [z.input<S>] ? [] : [never]

/** Sends the request and reads the answer with the route's response schema. */
export async function receive<T, S extends z.ZodMiniType>(
  request: Promise<ClientResponse<T>>,
  schema: S,
  ..._matches: AcceptsServerAnswer<Exclude<T, null>, S>
): Promise<z.output<S>> {
  const { body, path } = await settle(request)
  const parsed = schema.safeParse(body)
  if (parsed.success) return parsed.data
  const issue = deepestIssue(parsed.error.issues)
  const where = issue && issue.path.length > 0 ? issue.path.join('.') : '回复内容'
  throw new UnexpectedResponseError(path, `${where} 不符合约定`)
}

/** The issue furthest into the answer: inside a union, the field of the branch that came closest to matching. */
function deepestIssue(issues: readonly z.core.$ZodIssue[]): { path: PropertyKey[] } | undefined {
  let best: { path: PropertyKey[] } | undefined
  for (const issue of issues) {
    const nested = issue.code === 'invalid_union'
      ? issue.errors.map((branch) => deepestIssue(branch)).map((found) => found && { path: [...issue.path, ...found.path] })
      : [issue]
    for (const candidate of nested) if (candidate && (!best || candidate.path.length > best.path.length)) best = candidate
  }
  return best
}

/** Sends a request whose success is an empty 204 answer. */
export async function receiveNothing(request: Promise<ClientResponse<unknown>>): Promise<void> {
  const { body, path } = await settle(request)
  if (body !== undefined) throw new UnexpectedResponseError(path, '应为空回复')
}
