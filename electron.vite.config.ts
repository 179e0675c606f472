import { fileURLToPath } from 'node:url'
import vue from '@vitejs/plugin-vue'
import { defineConfig } from 'electron-vite'

const clinic = fileURLToPath(new URL('./electron/clinic', import.meta.url))

export default defineConfig({
  main: {
    build: {
      rollupOptions: {
        // index: the Electron main process; web: browser mode under plain Node (no Electron import).
        input: { index: 'electron/main.ts', web: 'electron/web-cli.ts' },
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
    build: { rollupOptions: { input: 'src/index.html' } },
    plugins: [vue()],
  },
})
