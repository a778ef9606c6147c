// A real branch server on 127.0.0.1 for client sync tests, and signing a simulated phone in to it.
import { afterAll, beforeAll } from 'vitest'
import { saveSession } from '@client/db/session'
import type { ServerClient } from '@client/sync/http'
import type { MeResponse } from '@shared/sync/account'
import { BACKENDS } from '../../server/helpers/backends'
import type { AppDeps } from '../../../src/server/app'
import { startServer, type TestServer } from '../../server/helpers/harness'

/** Starts the server for the calling test file (or describe block); read `.ts` and `.client` inside tests. */
export function useRealServer(deps: Partial<AppDeps> = {}) {
  const handle = { ts: undefined as unknown as TestServer, client: undefined as unknown as ServerClient }
  beforeAll(async () => {
    handle.ts = await startServer(BACKENDS[0]!, deps)
    handle.client = { baseUrl: handle.ts.url, fetch: globalThis.fetch }
  })
  afterAll(async () => { await handle.ts.close() })
  return handle
}

/** Sign the phone whose database is current in, as the account behind `token`. */
export async function signInAs(ts: TestServer, token: string): Promise<void> {
  await saveSession(token, (await ts.api.withToken(token).get('/api/me')).body as MeResponse)
}
