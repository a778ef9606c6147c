// Wait for a component to reach a state: a deadline rather than a count of tries, since the machine may be busy.
import { flushPromises } from '@vue/test-utils'

export async function until(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (await check()) return
    await flushPromises()
    await new Promise((r) => setTimeout(r, 10))
  }
  throw new Error(`timed out waiting for ${what}`)
}
