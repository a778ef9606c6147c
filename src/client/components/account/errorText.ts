import { NetworkError } from '@client/sync/http'

/** A Chinese sentence for a failed account request. */
export function errorText(e: unknown): string {
  if (e instanceof NetworkError) return '连不上支部服务器。请确认已联网，并且是从支部服务器的网址打开的本应用；支部还没有服务器时，不登录也能照常使用。'
  return e instanceof Error && e.message ? e.message : '出错了，请稍后再试'
}
