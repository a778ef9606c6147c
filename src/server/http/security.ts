// Security headers on every answer. The built PWA has no inline script (vite-plugin-pwa runs with
// injectRegister: false and registers from the bundle), so script-src is 'self' only. Inline styles stay allowed:
// Vue style bindings and chart libraries set them.
import type { MiddlewareHandler } from 'hono'

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  // blob: for the .xlsx writer (src/client/export/xlsx.ts): its zip library deflates each large sheet in a worker
  // made from a blob: URL, and without it the 台账 export of a real year hangs (tests/e2e/exports.spec.ts)
  "worker-src 'self' blob:",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ')

export function securityHeaders(options: { hsts: boolean }): MiddlewareHandler {
  return async (c, next) => {
    await next()
    const h = c.res.headers
    h.set('Content-Security-Policy', CONTENT_SECURITY_POLICY)
    h.set('X-Content-Type-Options', 'nosniff')
    h.set('X-Frame-Options', 'DENY')
    // Join links carry an invite code: never leak them in a Referer.
    h.set('Referrer-Policy', 'no-referrer')
    h.set('Cross-Origin-Opener-Policy', 'same-origin')
    h.set('Permissions-Policy', 'geolocation=(), microphone=(), payment=()')
    if (options.hsts) h.set('Strict-Transport-Security', 'max-age=31536000')
    if (new URL(c.req.url).pathname.startsWith('/api/') && !h.has('Cache-Control')) h.set('Cache-Control', 'no-store')
  }
}
