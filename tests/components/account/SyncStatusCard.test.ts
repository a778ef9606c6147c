// @vitest-environment happy-dom
// When the server's photo space or disk is full, the sync card says why photos wait (they stay on the phone), and
// the notice goes once they are uploaded.
import 'fake-indexeddb/auto'
import { beforeEach, describe, expect, it } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import SyncStatusCard from '@client/components/account/SyncStatusCard.vue'
import { useDatabase } from '@client/db'
import { setPhotoUploadProblem } from '@client/db/photoSync'
import { until } from '../support/until'


describe('SyncStatusCard', () => {
  beforeEach(() => {
    setActivePinia(createPinia())
    useDatabase(`sync-card-${Math.random()}`)
  })

  it('says why photos wait, and stops saying it once they are sent', async () => {
    const card = mount(SyncStatusCard)
    await flushPromises()
    expect(card.find('[data-testid="photo-upload-problem"]').exists()).toBe(false)
    await setPhotoUploadProblem('照片空间已用完（每人200 MB），照片仍保存在本机')
    await until(() => card.find('[data-testid="photo-upload-problem"]').exists(), 'the notice')
    expect(card.get('[data-testid="photo-upload-problem"]').text()).toContain('照片仍保存在本机')
    await setPhotoUploadProblem(undefined)
    await until(() => !card.find('[data-testid="photo-upload-problem"]').exists(), 'the notice to go')
    expect(card.find('[data-testid="photo-upload-problem"]').exists()).toBe(false)
    card.unmount()
  })
})
