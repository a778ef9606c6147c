// Can this page work offline? A service worker exists only in a secure context (https://, or http://localhost),
// and some in-app browsers (WeChat on iOS) have none at all. docs/deploy.md explains how to serve HTTPS.
export type OfflineSupport = 'ready' | 'insecureOrigin' | 'noServiceWorker'

export function offlineSupport(win: Pick<Window, 'isSecureContext' | 'navigator'> = window): OfflineSupport {
  if (!win.isSecureContext) return 'insecureOrigin'
  if (!('serviceWorker' in win.navigator)) return 'noServiceWorker'
  return 'ready'
}
