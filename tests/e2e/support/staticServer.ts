// A minimal static file server for tests that must swap the served build (the app-update test).
import { createServer, type Server } from 'node:http'
import { readFile } from 'node:fs/promises'
import { extname, join, normalize } from 'node:path'
import type { AddressInfo } from 'node:net'

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json',
  '.webmanifest': 'application/manifest+json', '.svg': 'image/svg+xml', '.png': 'image/png', '.txt': 'text/plain',
}

export interface SwappableServer {
  url: string
  serve(directory: string): void
  close(): Promise<void>
}

export async function startSwappableServer(directory: string): Promise<SwappableServer> {
  let root = directory
  const server: Server = createServer(async (req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '')
    const candidates = [join(root, path), join(root, 'index.html')]
    for (const file of path.endsWith('/') ? [join(root, 'index.html')] : candidates) {
      try {
        const body = await readFile(file)
        res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-cache' })
        res.end(body)
        return
      } catch { /* try the next candidate */ }
    }
    res.writeHead(404).end()
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    serve(next) { root = next },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  }
}
