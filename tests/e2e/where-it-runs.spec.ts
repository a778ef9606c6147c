// Where and how the app runs: inside WeChat a banner says to open the system browser and copies the link; the
// first time the service worker is ready "已可离线使用" shows, once; the browser's install offer is caught and offered
// as 添加到桌面 at a calm moment, not on first paint; Safari on an iPhone gets the 添加到主屏幕 steps once.
import { test, expect, type Page } from '@playwright/test'
import { waitForServiceWorker } from './support/app'

const WECHAT_ANDROID = 'Mozilla/5.0 (Linux; Android 13; V2172A Build/TP1A.220624.014; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/116.0.0.0 Mobile Safari/537.36 XWEB/1160065 MMWEBSDK/20231202 MMWEBID/2247 MicroMessenger/8.0.47.2560(0x28002F30) WeChat/arm64 Weixin NetType/WIFI Language/zh_CN ABI/arm64'
const IPHONE_SAFARI = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.2 Mobile/15E148 Safari/604.1'

/** The notices' code has loaded (it loads when the browser is idle after the first paint). */
async function noticesLoaded(page: Page) {
  await expect(page.getByTestId('pwa-notices')).toBeAttached({ timeout: 15_000 })
}

// Screenshots 360 px wide, to keep the committed PNGs small.
test.use({ deviceScaleFactor: 1 })

const skipOfflineReady = () => localStorage.setItem('branch-log:notice:offline-ready', 'shown in an earlier visit')

test.describe('inside WeChat', () => {
  test.use({ userAgent: WECHAT_ANDROID, permissions: ['clipboard-read', 'clipboard-write'] })

  test('a banner says to open the system browser, and 复制链接 copies the address', async ({ page }) => {
    await page.goto('/activities?month=2026-11')
    const banner = page.getByTestId('in-app-browser-notice')
    await expect(banner).toBeVisible({ timeout: 15_000 })
    await expect(banner).toContainText('在微信里打开时不能离线使用')
    await expect(banner).toContainText('点右上角 ···，选择 在浏览器打开')
    await page.screenshot({ path: 'docs/screenshots/in-app-browser-notice.png' })
    await banner.getByRole('button', { name: '复制链接' }).click()
    await expect(page.getByTestId('copy-link-done')).toBeVisible()
    expect(await page.evaluate(() => navigator.clipboard.readText())).toMatch(/\/activities\?month=2026-11$/)
    // no "ready offline" card under a banner saying the opposite
    await waitForServiceWorker(page)
    await expect(page.getByTestId('offline-ready-notice')).toHaveCount(0)

    await banner.getByRole('button', { name: '知道了' }).click()
    await expect(banner).toHaveCount(0)
    await page.getByRole('link', { name: '首页' }).click()
    await noticesLoaded(page)
    await expect(page.getByTestId('in-app-browser-notice')).toHaveCount(0)
  })

  test('where the clipboard refuses, the link is left selected to copy by hand', async ({ page }) => {
    await page.addInitScript(() => {
      Object.defineProperty(navigator, 'clipboard', { value: { writeText: () => Promise.reject(new Error('refused')) } })
      document.execCommand = () => false
    })
    await page.goto('/more')
    await page.getByTestId('in-app-browser-notice').getByRole('button', { name: '复制链接' }).click({ timeout: 15_000 })
    const field = page.getByTestId('copy-link-field')
    await expect(field).toBeVisible()
    await expect(field).toHaveValue(/\/more$/)
    await expect.poll(() => field.evaluate((el: HTMLInputElement) => [el.selectionStart, el.selectionEnd, el.value.length]))
      .toEqual([0, expect.any(Number), expect.any(Number)])
    const [, end, length] = await field.evaluate((el: HTMLInputElement) => [el.selectionStart, el.selectionEnd, el.value.length])
    expect(end).toBe(length)
  })
})

test('"已可离线使用" shows once, on the first calm screen after the service worker is ready, and not after a reload', async ({ page }) => {
  // Ready while the member fills in a form: the card waits, never covering the form's save button.
  await page.goto('/log?type=themeDay')
  await waitForServiceWorker(page)
  await noticesLoaded(page)
  const notice = page.getByTestId('offline-ready-notice')
  await page.waitForTimeout(1000)
  await expect(notice).toHaveCount(0)
  await page.getByRole('link', { name: '首页' }).click()
  await expect(notice).toBeVisible({ timeout: 20_000 })
  await expect(notice).toContainText('没有网络时也能打开、记录')
  await expect(page.getByTestId('in-app-browser-notice')).toHaveCount(0)

  await page.reload()
  await waitForServiceWorker(page)
  await noticesLoaded(page)
  await page.waitForTimeout(1000)
  await expect(notice).toHaveCount(0)
})

test('the browser\'s install offer becomes 添加到桌面 at a calm moment, and 不用了 is remembered', async ({ page }) => {
  await page.addInitScript(skipOfflineReady)
  const offerInstall = () => page.evaluate(() => {
    const event = Object.assign(new Event('beforeinstallprompt', { cancelable: true }), {
      prompt: async () => { (window as unknown as { promptShown: number }).promptShown = 1 },
      userChoice: Promise.resolve({ outcome: (window as unknown as { answer?: string }).answer ?? 'accepted' }),
    })
    window.dispatchEvent(event)
    return event.defaultPrevented
  })
  await page.goto('/')
  expect(await offerInstall(), 'the browser\'s own banner is held back').toBe(true)
  await noticesLoaded(page)
  const offer = page.getByTestId('install-offer')
  await expect(offer, 'not at first paint').toHaveCount(0)
  await expect(offer).toBeVisible({ timeout: 20_000 })
  await expect(offer).toHaveAttribute('data-kind', 'prompt')
  await page.screenshot({ path: 'docs/screenshots/install-offer.png' })
  await offer.getByRole('button', { name: '添加到桌面' }).click()
  expect(await page.evaluate(() => (window as unknown as { promptShown?: number }).promptShown)).toBe(1)
  await expect(offer).toHaveCount(0)

  // Offered again on another visit; 不用了 there is remembered.
  await page.reload()
  await offerInstall()
  await expect(offer).toBeVisible({ timeout: 20_000 })
  await offer.getByRole('button', { name: '不用了' }).click()
  await page.reload()
  await offerInstall()
  await noticesLoaded(page)
  await page.waitForTimeout(10_000)
  await expect(offer).toHaveCount(0)
})

test.describe('Safari on an iPhone', () => {
  test.use({ userAgent: IPHONE_SAFARI })

  test('shows the 分享 → 添加到主屏幕 steps once', async ({ page }) => {
    await page.addInitScript(skipOfflineReady)
    await page.goto('/')
    const offer = page.getByTestId('install-offer')
    await expect(offer).toBeVisible({ timeout: 20_000 })
    await expect(offer).toHaveAttribute('data-kind', 'ios')
    await expect(offer).toContainText('分享')
    await expect(offer).toContainText('添加到主屏幕')
    await offer.getByRole('button', { name: '知道了' }).click()
    await page.reload()
    await noticesLoaded(page)
    await page.waitForTimeout(10_000)
    await expect(offer).toHaveCount(0)
  })
})
