// Initial JS of the production build: every script index.html loads or preloads, plus what main.ts imports at
// start (the service-worker registration), gzip-compressed as a server would send it.
import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import type { BenchLine } from './support'

export function measureInitialJs(distDir: string): { lines: BenchLine[]; initialGzipBytes: number } {
  const html = readFileSync(join(distDir, 'index.html'), 'utf8')
  const files = new Set<string>()
  for (const m of html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)) files.add(m[1]!)
  // workbox-window is imported dynamically by the registration at start-up
  for (const f of readdirSync(join(distDir, 'assets'))) if (f.startsWith('workbox-window')) files.add(`assets/${f}`)
  let total = 0
  const parts: string[] = []
  for (const f of files) {
    const size = gzipSync(readFileSync(join(distDir, f)), { level: 9 }).length
    total += size
    parts.push(`${f.replace(/^assets\//, '')} ${(size / 1024).toFixed(1)} kB`)
  }
  const allJs = readdirSync(join(distDir, 'assets')).filter((f) => f.endsWith('.js'))
  const everything = allJs.reduce((sum, f) => sum + gzipSync(readFileSync(join(distDir, 'assets', f)), { level: 9 }).length, 0)
  const kb = total / 1024
  return {
    initialGzipBytes: total,
    lines: [
      { name: 'initial JS (gzip)', value: `${kb.toFixed(1)} kB (${parts.join(' + ')})`, target: '≤ 90 kB', pass: kb <= 90 },
      { name: 'all JS incl. lazy chunks (gzip), ratio initial/all', value: `${(everything / 1024).toFixed(1)} kB, ${(total / everything).toFixed(2)}` },
    ],
  }
}
