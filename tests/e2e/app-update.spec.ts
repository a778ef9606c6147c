// A new build of the app: the member is asked, and a half-filled form survives accepting the update.
import { test, expect } from '@playwright/test'
import { execFileSync } from 'node:child_process'
import { startSwappableServer, type SwappableServer } from './support/staticServer'
import { waitForServiceWorker } from './support/app'

const OLD_BUILD = '.tmp/e2e-build-old'
const NEW_BUILD = '.tmp/e2e-build-new'
let server: SwappableServer

function build(outDir: string, buildId: string) {
  execFileSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'error'], {
    env: { ...process.env, APP_BUILD_ID: buildId }, stdio: 'inherit',
  })
}

test.beforeAll(async () => {
  test.setTimeout(120_000)
  build(OLD_BUILD, 'old-build')
  build(NEW_BUILD, 'new-build')
  server = await startSwappableServer(OLD_BUILD)
})

test.afterAll(async () => { await server?.close() })

test('update prompt keeps a half-filled form', async ({ page }) => {
  server.serve(OLD_BUILD)
  await page.goto(`${server.url}/more`)
  await expect(page.getByTestId('build-id')).toContainText('old-build')
  await waitForServiceWorker(page)

  await page.goto(`${server.url}/log`)
  await page.locator('button[data-type="themeDay"]').click()
  await page.locator('input[name="topic"]').fill('重温入党誓词（未保存）')
  await page.locator('input[name="place"]').fill('社区广场')

  server.serve(NEW_BUILD)
  await page.evaluate(async () => { await (await navigator.serviceWorker.getRegistration())?.update() })
  await expect(page.getByTestId('update-prompt')).toBeVisible({ timeout: 20_000 })

  // Unsaved input: the first tap warns instead of reloading.
  await page.getByRole('button', { name: '立即更新' }).click()
  await expect(page.getByTestId('update-warning')).toBeVisible()
  await expect(page.locator('input[name="topic"]')).toHaveValue('重温入党誓词（未保存）')

  await Promise.all([page.waitForEvent('framenavigated'), page.getByRole('button', { name: '存草稿并更新' }).click()])
  await page.waitForLoadState('load')
  await page.goto(`${server.url}/more`)
  await expect(page.getByTestId('build-id')).toContainText('new-build')

  await page.goto(`${server.url}/log`)
  await expect(page.getByTestId('draft-restored')).toBeVisible()
  await expect(page.locator('input[name="topic"]')).toHaveValue('重温入党誓词（未保存）')
  await expect(page.locator('input[name="place"]')).toHaveValue('社区广场')
})

test('the update check asks the server itself, not navigator.onLine', async ({ page }) => {
  server.serve(OLD_BUILD)
  // Some WebViews say offline while online (and a Wi-Fi with no internet says online): the check must not care.
  await page.addInitScript(() => Object.defineProperty(Navigator.prototype, 'onLine', { get: () => false }))
  const scriptFetches: string[] = []
  page.on('request', (request) => {
    if (new URL(request.url()).pathname === '/sw.js' && request.serviceWorker() === null) scriptFetches.push(request.headers()['cache-control'] ?? '')
  })
  await page.goto(`${server.url}/more`)
  await expect(page.getByTestId('build-id')).toContainText('old-build')
  await waitForServiceWorker(page)

  // The server down: coming back to the app finds nothing and prompts nothing.
  server.serve('.tmp/e2e-build-missing')
  await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange')))
  await expect.poll(() => scriptFetches.length).toBeGreaterThan(0)
  await page.waitForTimeout(1500)
  await expect(page.getByTestId('update-prompt')).toHaveCount(0)

  // The server back with a new build: the same check finds it although navigator.onLine still says false.
  server.serve(NEW_BUILD)
  await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange')))
  await expect(page.getByTestId('update-prompt')).toBeVisible({ timeout: 20_000 })
  expect(scriptFetches.every((h) => h === 'no-cache'), 'the script is fetched past every cache').toBe(true)
})
