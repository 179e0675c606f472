import { defineConfig } from '@playwright/test'
import { CHROMIUM_ARGS, CHROMIUM_PATH, VIEWPORT } from './tests/e2e/chromium'
import type { StoreKind } from './tests/e2e/fixtures'

/** The specs that also run with the clinic on a PostgreSQL server (issue 17), and those that run only there. */
const ON_BOTH_STORES = ['runner-journey.spec.ts', 'comparison.spec.ts', 'session-validation.spec.ts']
const ON_SERVER_ONLY = ['store-unreachable.spec.ts']

export default defineConfig<{ store: StoreKind }>({
  testDir: 'tests/e2e',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: true,
  workers: 2,
  forbidOnly: true,
  reporter: [['list']],
  globalSetup: './tests/e2e/pgGlobalSetup.ts',
  use: {
    viewport: VIEWPORT,
    launchOptions: { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS },
  },
  projects: [
    { name: 'sqlite', testIgnore: ON_SERVER_ONLY.map((spec) => `**/${spec}`) },
    {
      name: 'postgres',
      testMatch: [...ON_BOTH_STORES, ...ON_SERVER_ONLY].map((spec) => `**/${spec}`),
      use: { store: 'postgres' },
    },
  ],
})
