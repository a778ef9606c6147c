import { createApp } from 'vue'
import { createPinia } from 'pinia'
import App from './App.vue'
import { router } from './router'
import { startDeviceStatus } from './pwa/deviceStatus'
import { captureInstallPrompt } from './pwa/installPrompt'
import { loadPwaNotices } from './pwa/lazyNotices'
import './styles/base.css'

const app = createApp(App)
app.use(createPinia())
app.use(router)
app.mount('#app')

startDeviceStatus()
// before the browser offers its own install banner; the app offers 添加到桌面 later, at a calm moment
captureInstallPrompt()

// After the first screen is up: the service worker, the notices about where the app runs and the sync loop (which
// does nothing until signed in) load their code then, so they never compete with the first paint on a slow network.
function whenIdle(task: () => void) {
  if ('requestIdleCallback' in window) window.requestIdleCallback(task, { timeout: 3000 })
  else setTimeout(task, 1000)
}
window.addEventListener('load', () => whenIdle(() => {
  void import('./pwa/serviceWorker').then((m) => m.startServiceWorker())
  loadPwaNotices()
  void import('./sync/start').then((m) => m.startSync())
}), { once: true })
