import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

export default defineConfig({
  resolve: { alias: { '@clinic': fileURLToPath(new URL('./electron/clinic', import.meta.url)) } },
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts'],
    environment: 'node',
    pool: 'forks',
    // The command-line tests run the built app (out/main): built here once when missing or stale.
    globalSetup: ['tests/build-once.ts'],
    testTimeout: 20_000,
  },
})
