import { availableParallelism } from 'node:os'
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
    // Vitest's default is one worker fewer than the cores: a single worker on a 2-core machine, where the
    // integration tests spend much of their time waiting on SQLite files and child processes. Two at least.
    maxWorkers: Math.max(2, availableParallelism()),
    allowOnly: false,
    testTimeout: 20_000,
  },
})
