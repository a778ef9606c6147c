// Writing the 台账 .xlsx of 10,000 records in Chromium, against reading them out of IndexedDB in the same run.
import { mkdirSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { build } from 'vite'
import type { Browser } from 'playwright-core'
import { APP_PACKAGES, ms, serveDirectory, type BenchLine } from './support'

const OUT = 'bench/out/xlsx-page'
const TARGET_MS = 1000

async function buildBenchPage() {
  mkdirSync(OUT, { recursive: true })
  await build({
    configFile: false, logLevel: 'warn',
    resolve: {
      dedupe: APP_PACKAGES,
      alias: {
        '@shared': fileURLToPath(new URL('../src/shared', import.meta.url)),
        '@client': fileURLToPath(new URL('../src/client', import.meta.url)),
      },
    },
    build: {
      outDir: OUT, emptyOutDir: true, minify: true,
      lib: { entry: fileURLToPath(new URL('./browser/xlsxBench.ts', import.meta.url)), formats: ['iife'], name: 'xlsxBench', fileName: () => 'bench.js' },
    },
  })
  writeFileSync(`${OUT}/index.html`, '<!doctype html><meta charset="utf-8"><script src="/bench.js"></script>')
}

export async function measureXlsx(browser: Browser, n = 10_000): Promise<BenchLine[]> {
  await buildBenchPage()
  const server = await serveDirectory(OUT)
  const page = await browser.newPage()
  try {
    await page.goto(`${server.url}/`)
    const r = await page.evaluate((count) => (window as unknown as { runXlsxBench(n: number): Promise<{ readMs: number; writeMs: number; sheetsMs: number; bytes: number; rowCount: number }> }).runXlsxBench(count), n)
    return [{
      name: `台账 .xlsx of ${n} records (read floor)`,
      value: `${ms(r.writeMs)} (read ${ms(r.readMs)}, write/read ${(r.writeMs / r.readMs).toFixed(2)}; sheets ${ms(r.sheetsMs)}, writer ${ms(r.writeMs - r.sheetsMs)}; ${r.rowCount} rows, ${(r.bytes / 1024).toFixed(0)} kB)`,
      target: `≤ ${TARGET_MS} ms`,
      pass: r.writeMs <= TARGET_MS,
    }]
  } finally {
    await page.close()
    await server.close()
  }
}
