// Serves the built PWA from dist/: hashed assets cached for a year, the entry points never stale, and an SPA
// fallback to index.html for other GETs outside /api.
import { badRequest } from './errors'
import { readFile, stat } from 'node:fs/promises'
import { extname, join, normalize, sep } from 'node:path'
import type { Hono } from 'hono'

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
}

const IMMUTABLE = 'public, max-age=31536000, immutable'
const NO_CACHE = 'no-cache'

async function fileIfExists(path: string): Promise<string | null> {
  try {
    return (await stat(path)).isFile() ? path : null
  } catch {
    return null
  }
}

function cacheControlFor(urlPath: string): string {
  return urlPath.startsWith('/assets/') ? IMMUTABLE : NO_CACHE
}

export function mountStatic(app: Hono, distDir: string): void {
  const root = normalize(distDir)
  app.get('*', async (c, next) => {
    let urlPath: string
    try {
      urlPath = decodeURIComponent(new URL(c.req.url).pathname)
    } catch {
      throw badRequest('网址无效', 'bad_path') // a malformed %-escape
    }
    if (urlPath.startsWith('/api/') || urlPath === '/api') return next()
    const candidate = normalize(join(root, urlPath))
    const inside = candidate === root || candidate.startsWith(root + sep)
    let file = inside && urlPath !== '/' ? await fileIfExists(candidate) : null
    let cache = cacheControlFor(urlPath)
    if (!file) {
      // A missing hashed asset must 404, never return index.html as JavaScript.
      if (urlPath.startsWith('/assets/') || extname(urlPath) !== '') return next()
      file = await fileIfExists(join(root, 'index.html'))
      cache = NO_CACHE
      if (!file) return next()
    }
    const body = await readFile(file)
    c.header('Content-Type', MIME[extname(file)] ?? 'application/octet-stream')
    c.header('Cache-Control', cache)
    return c.body(body)
  })
}
