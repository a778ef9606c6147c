// The report screen mounted as the app has it: its route with a year, stub routes it links to, a fresh Pinia.
import { expect, vi } from 'vitest'
import { mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { createMemoryHistory, createRouter } from 'vue-router'
import ReportPage from '@client/pages/ReportPage.vue'

const Stub = { template: '<div />' }

/** Resolves once `readySelector` is on the page (the screen reads the device database first). */
export async function mountReportPage(year: number, readySelector: string) {
  const pinia = createPinia()
  setActivePinia(pinia)
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/report', component: ReportPage },
      { path: '/activities/:id', component: Stub },
      { path: '/log', component: Stub },
      { path: '/settings', component: Stub },
    ],
  })
  await router.push(`/report?year=${year}`)
  await router.isReady()
  const wrapper = mount({ template: '<RouterView />' }, { global: { plugins: [pinia, router] }, attachTo: document.body })
  await vi.waitFor(() => expect(wrapper.find(readySelector).exists()).toBe(true))
  return { wrapper, router }
}
