import { fileURLToPath } from 'node:url'
import vue from '@vitejs/plugin-vue'
import { defineConfig } from 'electron-vite'
import type { Plugin } from 'vite'
import { CONTENT_SECURITY_POLICY } from './electron/security'

const clinic = fileURLToPath(new URL('./electron/clinic', import.meta.url))

/** Writes the one Content-Security-Policy into index.html: a file:// page in Electron gets no HTTP headers. */
const contentSecurityPolicy = (): Plugin => ({
  name: 'backstride-csp',
  transformIndexHtml: () => [
    {
      tag: 'meta',
      // frame-ancestors is ignored in a meta element (the browser-mode server sends it as a header).
      attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY.replace(/; frame-ancestors [^;]+/, '') },
      injectTo: 'head-prepend',
    },
  ],
})

export default defineConfig({
  main: {
    build: {
      rollupOptions: {
        // index: the Electron main process; web: browser mode, cli and demo: the command lines, all three run
        // by plain Node or by the app's executable with ELECTRON_RUN_AS_NODE=1 (no Electron import).
        input: { index: 'electron/main.ts', web: 'electron/web-cli.ts', cli: 'electron/cli.ts', demo: 'electron/demo-cli.ts' },
      },
    },
  },
  preload: {
    build: {
      // Bundle the contract (and zod) into the preload: a sandboxed preload can require only 'electron'.
      externalizeDeps: false,
      rollupOptions: {
        input: { index: 'electron/preload.ts' },
        // A CommonJS preload runs in a sandboxed renderer (an ESM preload needs sandbox: false).
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'src',
    resolve: { alias: { '@clinic': clinic } },
    // vue-i18n's compile-time flags: Composition API only, no devtools hooks in the build.
    define: {
      __VUE_I18N_FULL_INSTALL__: 'true',
      __VUE_I18N_LEGACY_API__: 'false',
      __INTLIFY_PROD_DEVTOOLS__: 'false',
    },
    build: { rollupOptions: { input: 'src/index.html' } },
    plugins: [vue(), contentSecurityPolicy()],
  },
})
