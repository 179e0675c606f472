import { availableParallelism } from 'node:os'
import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

/**
 * Integration tests that are about SQLite files only, left out of the PostgreSQL run (integration-pg).
 * Every other integration test runs against both stores.
 */
const FILE_ONLY = [
  // File backups, their folder, restore from a backup file (a server's: tests/integration/server-backups.test.ts).
  'tests/integration/backups.test.ts',
  // The writer lock file beside the database (a server serialises writers with its advisory lock).
  'tests/integration/writerLock.test.ts',
  // A SQLite writer killed with kill -9, its file restored from a backup by the command line.
  'tests/integration/crash.test.ts',
  // Upgrading SQLite files written by earlier versions through the released migrations 0000-0009.
  'tests/integration/migrations.test.ts',
  // A reader and a writer on one file in WAL mode, and SQLite's busy timeout.
  'tests/integration/concurrency.test.ts',
  // Exported files read back in LibreOffice: the export's format, not the store.
  'tests/integration/libreoffice.test.ts',
  // Moving a clinic between a file and a server: needs both stores in one test, runs in the sqlite project
  // (with a PostgreSQL cluster of its own, or the one BACKSTRIDE_TEST_PG_URL names).
  'tests/integration/move.test.ts',
]

/** Integration tests about server databases only (pg_dump backups), left out of the SQLite run. */
const SERVER_ONLY = ['tests/integration/server-backups.test.ts']

export default defineConfig({
  resolve: { alias: { '@clinic': fileURLToPath(new URL('./electron/clinic', import.meta.url)) } },
  test: {
    environment: 'node',
    pool: 'forks',
    // Vitest's default is one worker fewer than the cores: a single worker on a 2-core machine, where the
    // integration tests spend much of their time waiting on SQLite files and child processes. Two at least.
    maxWorkers: Math.max(2, availableParallelism()),
    allowOnly: false,
    testTimeout: 20_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'sqlite',
          include: ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts'],
          exclude: SERVER_ONLY,
          // The command-line tests run the built app (out/main): built here once when missing or stale.
          globalSetup: ['tests/build-once.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'integration-pg',
          // tests/integration-pg: tests that need a server (several desks on one database).
          include: ['tests/integration/**/*.test.ts', 'tests/integration-pg/**/*.test.ts'],
          exclude: FILE_ONLY,
          // tests/integration/factories.ts tempClinic() opens a fresh database on the test cluster instead of a file.
          env: { BACKSTRIDE_TEST_STORE: 'postgres' },
          globalSetup: ['tests/build-once.ts', 'tests/pg-setup.ts'],
        },
      },
    ],
  },
})
