// npm run bench: speed and size figures from a production build in Chromium. Absolute times are noisy on shared
// machines, so each figure is reported with a baseline measured in the same run.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs'
import { execFileSync } from 'node:child_process'
import { measureInitialJs } from './bundleSize'
import { measureSaveToVisible } from './saveToVisible'
import { measureCompile } from './compileInBrowser'
import { measureXlsx } from './xlsxInBrowser'
import { measureDraftDocx } from './draftInBrowser'
import { measureLighthouse } from './lighthouse'
import { measureSync } from './syncBench'
import { measureServer } from './serverBench'
import { measureProvince } from './province'
import { launchChromium, serveDirectory, type BenchLine } from './support'
import { startBranchServer } from '../tests/e2e/support/branchServer'

const only = new Set(process.argv.slice(2))
const wants = (name: string) => only.size === 0 || only.has(name)

async function main() {
  mkdirSync('bench/out', { recursive: true })
  if (!existsSync('dist/index.html') || process.env.BENCH_REBUILD) {
    execFileSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn'], { stdio: 'inherit' })
  }
  const lines: BenchLine[] = []
  if (wants('size')) lines.push(...measureInitialJs('dist').lines)
  const server = await serveDirectory('dist')
  const browser = await launchChromium()
  try {
    if (wants('save')) lines.push(...await measureSaveToVisible(browser, server.url))
    if (wants('compile')) lines.push(...await measureCompile(browser))
    if (wants('xlsx')) lines.push(...await measureXlsx(browser))
    if (wants('draft')) lines.push(...await measureDraftDocx(browser))
    if (wants('sync')) lines.push(...await measureSync())
  } finally {
    await browser.close()
  }
  if (wants('server')) lines.push(...await measureServer())
  // minutes of loading: only when asked for by name (`npm run bench province`)
  if (only.has('province')) lines.push(...await measureProvince())
  await server.close()
  if (wants('lighthouse')) {
    // Audited as a phone gets it in production: served by the branch server (compression, caching headers).
    const branchServer = await startBranchServer()
    try {
      lines.push(...measureLighthouse(`${branchServer.origin}/`))
    } finally {
      await branchServer.stop()
    }
  }

  const width = Math.max(...lines.map((l) => l.name.length))
  for (const l of lines) {
    const verdict = l.pass === undefined ? '' : l.pass ? '  ✓' : '  ✗ MISSED'
    console.log(`${l.name.padEnd(width)}  ${l.value}${l.target ? `  (target ${l.target})` : ''}${verdict}`)
  }
  writeFileSync('bench/out/results.json', JSON.stringify({ at: new Date().toISOString(), lines }, null, 2))
}

main().catch((e) => { console.error(e); process.exit(1) })
