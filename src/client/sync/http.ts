// The one way the client talks to the branch server: JSON over fetch, `Authorization: Bearer`, one error shape.
import type { ApiErrorBody } from '@shared/sync/protocol'

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

export function browserClient(): ServerClient {
  return { baseUrl: '', fetch: (input, init) => fetch(input, init) }
}

export async function callServer<T>(client: ServerClient, method: string, path: string,
  options: { token?: string; body?: unknown } = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' }
  if (options.token) headers.Authorization = `Bearer ${options.token}`
  if (options.body !== undefined) headers['Content-Type'] = 'application/json'
  let res: Response
  try {
    res = await client.fetch(client.baseUrl + path, {
      method, headers, body: options.body === undefined ? undefined : JSON.stringify(options.body), cache: 'no-store',
    })
  } catch (err) {
    throw new NetworkError(err instanceof Error ? err.message : String(err))
  }
  if (res.status === 204) return undefined as T
  const text = await res.text()
  let parsed: unknown
  try {
    parsed = text ? JSON.parse(text) : null
  } catch {
    throw new NetworkError(`服务器无响应（${res.status}）`)
  }
  if (res.ok) return parsed as T
  const error = (parsed as Partial<ApiErrorBody> | null)?.error
  if (!error || typeof error.code !== 'string') throw new NetworkError(`服务器暂时不可用（${res.status}）`)
  throw new ServerError(res.status, error.code, error.message)
}
