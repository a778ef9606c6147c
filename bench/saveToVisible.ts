// Time from tapping 保存 to the new row being visible in the month list, with N activities already stored,
// against the same measurement on an empty device in the same run (the baseline).
import type { Browser, Page } from 'playwright-core'
import { BACKUP_FORMAT, BACKUP_VERSION, type BackupFile } from '../src/shared/backup'
import { makeSyntheticRoster, makeSyntheticYear } from '../src/shared/report/synthetic'
import { chinaDateOf } from '../src/shared/dates'
import { ms, percentile, type BenchLine } from './support'

/** N activities spread over the ten years up to this one (a device used for years, or a busy committee). */
export function syntheticBackup(n: number): BackupFile {
  const thisYear = Number(chinaDateOf().slice(0, 4))
  const perYear = Math.ceil(n / 10)
  const activities = []
  for (let y = 0; y < 10; y++) activities.push(...makeSyntheticYear(Math.min(perYear, n - activities.length), thisYear - y, 100 + y))
  return {
    format: BACKUP_FORMAT, version: BACKUP_VERSION, exportedAt: new Date().toISOString(), settings: null,
    members: makeSyntheticRoster(30, 7), activities, photos: [],
  }
}

async function importBackup(page: Page, backup: BackupFile) {
  await page.goto('/settings')
  await page.locator('[data-testid="import-backup"]').setInputFiles({
    name: 'bench.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(backup)),
  })
  await page.locator('[data-testid="backup-message"]').waitFor({ timeout: 300_000 })
}

async function timeSaves(page: Page, rounds: number): Promise<number[]> {
  const times: number[] = []
  for (let i = 0; i < rounds; i++) {
    await page.goto('/log?type=themeDay')
    await page.locator('[data-testid="attendance-summary"]').waitFor()
    const elapsed = await page.evaluate(() => new Promise<number>((resolve) => {
      const button = document.querySelector<HTMLButtonElement>('[data-testid="save-activity"]')!
      const start = performance.now()
      const observer = new MutationObserver(() => {
        if (document.querySelector('.item.highlighted')) { observer.disconnect(); resolve(performance.now() - start) }
      })
      observer.observe(document.body, { childList: true, subtree: true, attributes: true })
      button.click()
    }))
    times.push(elapsed)
  }
  return times
}

export async function measureSaveToVisible(browser: Browser, baseURL: string, stored: number): Promise<BenchLine[]> {
  const rounds = 25
  const emptyContext = await browser.newContext({ baseURL, viewport: { width: 360, height: 780 } })
  const emptyPage = await emptyContext.newPage()
  await timeSaves(emptyPage, 3) // warm-up
  const baseline = await timeSaves(emptyPage, rounds)
  await emptyContext.close()

  const context = await browser.newContext({ baseURL, viewport: { width: 360, height: 780 } })
  const page = await context.newPage()
  await page.goto('/')
  const started = Date.now()
  await importBackup(page, syntheticBackup(stored))
  const importSeconds = (Date.now() - started) / 1000
  await timeSaves(page, 3)
  const loaded = await timeSaves(page, rounds)
  await context.close()

  const p95 = percentile(loaded, 95)
  return [
    { name: `save→visible, ${stored} stored: p50 / p95`, value: `${ms(percentile(loaded, 50))} / ${ms(p95)}`, target: 'p95 ≤ 100 ms', pass: p95 <= 100 },
    { name: 'save→visible, empty device (baseline): p50 / p95', value: `${ms(percentile(baseline, 50))} / ${ms(percentile(baseline, 95))}` },
    { name: `save→visible ratio ${stored}-stored / empty (p50)`, value: (percentile(loaded, 50) / percentile(baseline, 50)).toFixed(2) },
    { name: `importing ${stored} activities from a backup file`, value: `${importSeconds.toFixed(1)} s` },
  ]
}
