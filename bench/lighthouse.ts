// Lighthouse 11.7.1 (the last with the PWA audits), mobile preset, against the production build.
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import type { BenchLine } from './support'

export function measureLighthouse(url: string): BenchLine[] {
  const out = 'bench/out/lighthouse.json'
  execFileSync(process.execPath, [
    'node_modules/lighthouse/cli/index.js', url, '--quiet', '--output=json', `--output-path=${out}`,
    '--only-categories=performance,accessibility,best-practices,pwa',
    '--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage',
  ], { env: { ...process.env, CHROME_PATH: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' }, stdio: ['ignore', 'ignore', 'inherit'] })
  const report = JSON.parse(readFileSync(out, 'utf8')) as {
    categories: Record<string, { score: number | null }>
    audits: Record<string, { score: number | null; numericValue?: number }>
  }
  const score = (c: string) => report.categories[c]?.score ?? 0
  const installable = report.audits['installable-manifest']?.score === 1
  return [
    { name: 'Lighthouse performance (mobile)', value: score('performance').toFixed(2), target: '≥ 0.95', pass: score('performance') >= 0.95 },
    { name: 'Lighthouse accessibility', value: score('accessibility').toFixed(2), target: '1.00', pass: score('accessibility') >= 1 },
    { name: 'Lighthouse best practices', value: score('best-practices').toFixed(2) },
    { name: 'Lighthouse PWA installable', value: installable ? 'yes' : 'no', target: 'yes', pass: installable },
    { name: 'Largest Contentful Paint (simulated slow 4G)', value: `${((report.audits['largest-contentful-paint']?.numericValue ?? 0) / 1000).toFixed(2)} s` },
  ]
}
