// Compiling a year from 10k and 100k stored records in Chromium, against reading them out of IndexedDB.
import { mkdirSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { build } from 'vite'
import type { Browser } from 'playwright-core'
import { APP_PACKAGES, ms, serveDirectory, type BenchLine } from './support'

const OUT = 'bench/out/compile-page'

async function buildBenchPage() {
  mkdirSync(OUT, { recursive: true })
  await build({
    configFile: false, logLevel: 'warn', resolve: { dedupe: APP_PACKAGES },
    build: {
      outDir: OUT, emptyOutDir: true, minify: true,
      lib: { entry: fileURLToPath(new URL('./browser/compileBench.ts', import.meta.url)), formats: ['iife'], name: 'compileBench', fileName: () => 'bench.js' },
    },
  })
  writeFileSync(`${OUT}/index.html`, '<!doctype html><meta charset="utf-8"><script src="/bench.js"></script>')
}

export async function measureCompile(browser: Browser): Promise<BenchLine[]> {
  await buildBenchPage()
  const server = await serveDirectory(OUT)
  const page = await browser.newPage()
  await page.goto(`${server.url}/`)
  const lines: BenchLine[] = []
  for (const [n, target] of [[10_000, 100], [100_000, 1000]] as const) {
    const r = await page.evaluate((count) => (window as unknown as { runCompileBench(n: number): Promise<{ readMs: number; compileMs: number; recordsCounted: number }> }).runCompileBench(count), n)
    lines.push({ name: `compile a year of ${n} records (read floor)`, value: `${ms(r.compileMs)} (read ${ms(r.readMs)}, compile/read ${(r.compileMs / r.readMs).toFixed(2)}; ${r.recordsCounted} counted)`, target: `≤ ${target} ms`, pass: r.compileMs <= target })
  }
  await page.close()
  await server.close()
  return lines
}
