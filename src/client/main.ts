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
