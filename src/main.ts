// The client first: it takes the browser-mode token out of the URL fragment before the router reads the hash.
import './api/client'
import { createPinia } from 'pinia'
import { createApp } from 'vue'
import { z } from 'zod'
import App from './App.vue'
import { i18n } from './i18n'
import { router } from './router'
import './styles.css'

// The CSP forbids eval: tell zod not to probe for it (the probe alone logs a CSP violation).
z.config({ jitless: true })

createApp(App).use(createPinia()).use(i18n).use(router).mount('#app')
