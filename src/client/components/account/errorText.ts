import { NetworkError } from '@client/sync/http'

/** A Chinese sentence for a failed account request. */
export function errorText(e: unknown): string {
  if (e instanceof NetworkError) return '连不上支部服务器，请联网后再试'
  return e instanceof Error && e.message ? e.message : '出错了，请稍后再试'
}
