// The whole 述职报告 draft and its Word file for 10,000 records in Chromium, against reading them out of
// IndexedDB in the same run.
import { mkdirSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { build } from 'vite'
import type { Browser } from 'playwright-core'
import { APP_PACKAGES, ms, serveDirectory, type BenchLine } from './support'

const OUT = 'bench/out/draft-page'
const TARGET_MS = 1000

async function buildBenchPage() {
  mkdirSync(OUT, { recursive: true })
  await build({
    configFile: false, logLevel: 'warn',
    // as the app's own build does for the libraries it bundles (docx reads process.env.NODE_ENV)
    define: { 'process.env.NODE_ENV': JSON.stringify('production') },
    resolve: {
      dedupe: APP_PACKAGES,
      alias: {
        '@shared': fileURLToPath(new URL('../src/shared', import.meta.url)),
        '@client': fileURLToPath(new URL('../src/client', import.meta.url)),
      },
    },
    build: {
      outDir: OUT, emptyOutDir: true, minify: true,
      lib: { entry: fileURLToPath(new URL('./browser/draftBench.ts', import.meta.url)), formats: ['iife'], name: 'draftBench', fileName: () => 'bench.js' },
    },
  })
  writeFileSync(`${OUT}/index.html`, '<!doctype html><meta charset="utf-8"><script src="/bench.js"></script>')
}

interface DraftBenchResult { readMs: number; draftMs: number; totalMs: number; bytes: number; paragraphs: number }

export async function measureDraftDocx(browser: Browser, n = 10_000): Promise<BenchLine[]> {
  await buildBenchPage()
  const server = await serveDirectory(OUT)
  const page = await browser.newPage()
  try {
    await page.goto(`${server.url}/`)
    const r = await page.evaluate((count) => (window as unknown as { runDraftBench(n: number): Promise<DraftBenchResult> }).runDraftBench(count), n)
    return [{
      name: `述职报告 draft + .docx of ${n} records (read floor)`,
      value: `${ms(r.totalMs)} (read ${ms(r.readMs)}, total/read ${(r.totalMs / r.readMs).toFixed(2)}; compile + draft ${ms(r.draftMs)}, Word ${ms(r.totalMs - r.draftMs)}; ${r.paragraphs} paragraphs, ${(r.bytes / 1024).toFixed(0)} kB)`,
      target: `≤ ${TARGET_MS} ms`,
      pass: r.totalMs <= TARGET_MS,
    }]
  } finally {
    await page.close()
    await server.close()
  }
}
