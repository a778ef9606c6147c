// Reachable as phones need it: the branch server serving HTTPS itself (TLS_CERT / TLS_KEY, a certificate made
// here with openssl) at a real host name mapped to 127.0.0.1 — the service worker registers and the app reloads
// offline; the same app over plain HTTP at that name says offline use needs HTTPS.
import { test, expect, chromium } from '@playwright/test'
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { CHROMIUM_ARGS, waitForServiceWorker } from './support/app'
import { startBranchServer, type BranchServer } from './support/branchServer'

const HOST = 'branch.test'

test('HTTPS at a host name: offline works; plain HTTP at that name shows the notice', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'zhibu-tls-'))
  const cert = join(dir, 'cert.pem')
  const key = join(dir, 'key.pem')
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', `/CN=${HOST}`,
    '-addext', `subjectAltName=DNS:${HOST}`, '-keyout', key, '-out', cert], { stdio: 'ignore' })
  const servers: BranchServer[] = []
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [...CHROMIUM_ARGS, `--host-resolver-rules=MAP ${HOST} 127.0.0.1`, '--ignore-certificate-errors'],
  })
  try {
    const secure = await startBranchServer({ TLS_CERT: cert, TLS_KEY: key }, { host: HOST })
    servers.push(secure)
    expect(secure.origin).toMatch(/^https:\/\/branch\.test:\d+$/)
    const context = await browser.newContext({ viewport: { width: 360, height: 780 }, isMobile: true, hasTouch: true, locale: 'zh-CN', ignoreHTTPSErrors: true })
    const page = await context.newPage()
    await page.goto(secure.origin + '/')
    await expect(page.getByRole('heading', { name: '欢迎使用支部纪实' })).toBeVisible()
    await expect(page.getByTestId('offline-support-notice')).toHaveCount(0)
    await waitForServiceWorker(page)
    await context.setOffline(true)
    await page.reload()
    await expect(page.getByRole('heading', { name: '欢迎使用支部纪实' })).toBeVisible()
    await context.close()

    const plain = await startBranchServer({}, { host: HOST })
    servers.push(plain)
    const insecure = await browser.newContext({ viewport: { width: 360, height: 780 }, isMobile: true, hasTouch: true, locale: 'zh-CN' })
    const page2 = await insecure.newPage()
    await page2.goto(plain.origin + '/')
    const notice = page2.getByTestId('offline-support-notice')
    await expect(notice).toBeVisible()
    await expect(notice).toContainText('HTTPS')
    expect(await page2.evaluate(() => 'serviceWorker' in navigator)).toBe(false)
    await page2.screenshot({ path: 'docs/screenshots/https-notice.png' })
    await insecure.close()
  } finally {
    await browser.close()
    for (const s of servers) await s.stop()
    rmSync(dir, { recursive: true, force: true })
  }
})
