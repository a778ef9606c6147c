// A camera photo is downscaled on the phone before it is stored; a deleted record comes back with 撤销.
import { test, expect } from '@playwright/test'

test('a 12-megapixel photo is stored downscaled, and delete can be undone', async ({ page }) => {
  await page.goto('/log?type=volunteer')
  await expect(page.locator('input[name="topic"]')).toHaveValue(/志愿服务/)

  // A 4000×3000 camera-sized image made in the browser.
  const png = await page.evaluate(async () => {
    const canvas = document.createElement('canvas')
    canvas.width = 4000
    canvas.height = 3000
    const context = canvas.getContext('2d')!
    context.fillStyle = '#b71c1c'
    context.fillRect(0, 0, 4000, 3000)
    context.fillStyle = '#ffd54f'
    context.fillRect(1000, 1000, 2000, 1000)
    const blob = await new Promise<Blob>((resolve) => canvas.toBlob((b) => resolve(b!), 'image/png'))
    const bytes = new Uint8Array(await blob.arrayBuffer())
    let binary = ''
    for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
    return btoa(binary)
  })
  await page.getByTestId('photo-input').setInputFiles({ name: 'camera.png', mimeType: 'image/png', buffer: Buffer.from(png, 'base64') })
  await expect(page.locator('img.thumb')).toHaveCount(1)

  const stored = await page.evaluate(() => new Promise<{ width: number; height: number; type: string; size: number }[]>((resolve, reject) => {
    const open = indexedDB.open('branch-log')
    open.onerror = () => reject(open.error)
    open.onsuccess = () => {
      const read = open.result.transaction('photos').objectStore('photos').getAll()
      read.onsuccess = async () => {
        const rows = read.result as { blob: Blob; width: number; height: number }[]
        const out = []
        for (const r of rows) {
          const bitmap = await createImageBitmap(r.blob)
          out.push({ width: bitmap.width, height: bitmap.height, type: r.blob.type, size: r.blob.size })
        }
        open.result.close()
        resolve(out)
      }
    }
  }))
  expect(stored).toHaveLength(1)
  expect(stored[0]).toMatchObject({ width: 1600, height: 1200, type: 'image/jpeg' })
  expect(stored[0]!.size).toBeLessThan(400_000)

  await page.getByTestId('save-activity').click()
  const row = page.locator('[data-activity-id]').filter({ hasText: '志愿服务' })
  await row.click()
  await expect(page.locator('img.thumb')).toHaveCount(1)
  await page.getByTestId('delete-activity').click()
  await page.getByTestId('confirm-yes').click()
  await expect(page.getByText('已删除这条记录')).toBeVisible()
  await expect(page.getByTestId('list-count')).toContainText('本月 0 条')
  await page.getByRole('button', { name: '撤销' }).click()
  await expect(page.getByTestId('list-count')).toContainText('本月 1 条')
})
