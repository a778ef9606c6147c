import { createApp } from 'vue'
import { createPinia } from 'pinia'
import App from './App.vue'
import { router } from './router'
import { startDeviceStatus } from './pwa/deviceStatus'
import { startServiceWorker } from './pwa/serviceWorker'
import './styles/base.css'

const app = createApp(App)
app.use(createPinia())
app.use(router)
app.mount('#app')

startDeviceStatus()
startServiceWorker()
// Sync runs only once signed in; its code loads after the first paint so a standalone phone pays nothing up front.
void import('./sync/start').then((m) => m.startSync())
