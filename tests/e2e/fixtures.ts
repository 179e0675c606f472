import { test as base, expect } from '@playwright/test'
import { spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import pg from 'pg'
// @ts-expect-error: a plain ES module without types (also run from the shell by .ci/run)
import { pauseCluster, resumeCluster, startCluster, stopCluster } from '../pg-cluster.mjs'
import type { ApiResult, AuthStatus, Channel } from '../../electron/clinic/contract'
import { startServer, stop } from './browserMode'

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..')

export interface BrowserModeClinic {
  /** URL with the per-launch token, as printed by `npm run web`. */
  url: string
  origin: string
  token: string
  /** Where the clinic's data is: the SQLite file, or (store 'postgres') the database's postgres:// URL. */
  dbFile: string
  /** Calls the clinic API over the same HTTP transport the renderer uses. */
  call<T = unknown>(channel: Channel, input?: unknown): Promise<ApiResult<T>>
  /** Stops the server and starts it again on the same database file (on any free port, or the same one); a new token. */
  restart(options?: { samePort?: boolean }): Promise<void>
  /** With `ownCluster`: the clinic's PostgreSQL server stopped (`pg_ctl stop -m fast`) and started again, its data kept. */
  databaseServer: { stop(): void; start(): void } | null
}

/** Where a test's clinic keeps its data: a SQLite file (default), or a fresh database on the PostgreSQL cluster of the run (playwright.config.ts, project `postgres`). */
export type StoreKind = 'sqlite' | 'postgres'

/** The cluster of the run (tests/e2e/pgGlobalSetup.ts), without a database name. */
function sharedClusterUrl(): string {
  const url = process.env.BACKSTRIDE_TEST_PG_URL
  if (!url) throw new Error('BACKSTRIDE_TEST_PG_URL is not set: the global setup (tests/e2e/pgGlobalSetup.ts) starts the cluster')
  return url.replace(/\/+$/, '')
}

/** The URL of a database on a cluster, or of the cluster itself (its maintenance database). */
const clusterOf = (databaseUrl: string) => databaseUrl.slice(0, databaseUrl.lastIndexOf('/'))

/** Runs one statement on the cluster's maintenance database (creating and dropping the tests' databases). */
async function onCluster(statement: string, clusterUrl = sharedClusterUrl()): Promise<void> {
  const admin = new pg.Client({ connectionString: `${clusterUrl}/postgres` })
  await admin.connect()
  try {
    await admin.query(statement)
  } finally {
    await admin.end()
  }
}

/** A new empty database on the cluster (or a copy of template, a database nobody is connected to); its URL. */
async function freshDatabase(template?: string, clusterUrl = sharedClusterUrl()): Promise<string> {
  const name = `e2e_${randomBytes(6).toString('hex')}`
  await onCluster(`create database ${name}${template ? ` template ${template}` : ''}`, clusterUrl)
  return `${clusterUrl}/${name}`
}

const dropDatabase = (url: string) => onCluster(`drop database if exists ${new URL(url).pathname.slice(1)} with (force)`, clusterOf(url))

/** Writes the simulated demo cohort (84 runners, seed 1: the trial's size) into the file (or server database) with the built demo, as `npm run demo` does. */
async function writeDemoCohort(dbFile: string): Promise<void> {
  const child = spawn(
    process.execPath,
    [join(root, 'out', 'main', 'demo.js'), '--db', dbFile, '--patients', '84', '--seed', '1'],
    { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
  )
  let output = ''
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()))
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()))
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve))
  if (code !== 0) throw new Error(`the demo cohort could not be written (exit ${code}):\n${output}`)
}

/** The account the end-to-end tests work as: the clinic lead set up at first start. */
export const E2E_ACCOUNT = { username: 'mara.lead', displayName: 'Mara Lead', password: 'desk password 1' }

/** Copies a closed SQLite file (and its write-ahead log, if one was left) to a new place. */
function copyDatabase(from: string, to: string) {
  copyFileSync(from, to)
  if (existsSync(`${from}-wal`)) copyFileSync(`${from}-wal`, `${to}-wal`)
}

export const test = base.extend<{
  clinic: BrowserModeClinic
  /**
   * The desk is signed in as E2E_ACCOUNT before the page opens (default), as after the sign-in screen;
   * `test.use({ signedIn: false })` starts at the first-start or sign-in screen instead.
   */
  signedIn: boolean
  /** `test.use({ store: 'postgres' })` (the `postgres` project): the clinic is a fresh database on a PostgreSQL server. */
  store: StoreKind
  /**
   * `test.use({ ownCluster: true })` (with store 'postgres'): the clinic's database is on a cluster of the
   * test's own, which it may stop and start (clinic.databaseServer) without disturbing the other tests.
   */
  ownCluster: boolean
  /** `test.use({ demoCohort: true })`: the clinic's database holds the simulated demo cohort (`npm run demo`) from the start. */
  demoCohort: boolean
  /**
   * Console errors a test provokes on purpose (e.g. the 401 of a stale token), as patterns; any other
   * console error or uncaught page error fails the test.
   */
  expectedConsoleErrors: RegExp[]
}, {
  /**
   * The demo cohort written once per worker, when a test first asks for it, into a file each
   * such test's clinic starts from as a copy (writing it takes seconds; copying, milliseconds).
   */
  demoCohortFile: () => Promise<string>
  /** The same on the PostgreSQL cluster: a database each such test's clinic copies (CREATE DATABASE … TEMPLATE). */
  demoCohortDatabase: () => Promise<string>
}>({
  demoCohortFile: [
    async ({}, use) => {
      const dir = mkdtempSync(join(tmpdir(), 'backstride-e2e-demo-'))
      let written: Promise<string> | null = null
      await use(() => (written ??= writeDemoCohort(join(dir, 'demo.sqlite')).then(() => join(dir, 'demo.sqlite'))))
      rmSync(dir, { recursive: true, force: true })
    },
    { scope: 'worker' },
  ],
  demoCohortDatabase: [
    async ({}, use) => {
      let written: Promise<string> | null = null
      await use(() => (written ??= freshDatabase().then(async (url) => (await writeDemoCohort(url), url))))
      if (written) await dropDatabase(await written)
    },
    { scope: 'worker' },
  ],
  store: ['sqlite', { option: true }],
  ownCluster: [false, { option: true }],
  demoCohort: [false, { option: true }],
  expectedConsoleErrors: [[], { option: true }],
  // Every test's page is watched (the page fixture itself, so no spec can forget it): an uncaught
  // script error or a console error not expected by the test fails the test.
  // It depends on the clinic so that it ends before the server stops (a late image load would fail).
  page: async ({ page, clinic: _clinic, expectedConsoleErrors }, use) => {
    const problems: string[] = []
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`))
    page.on('console', (message) => {
      if (message.type() !== 'error') return
      const text = message.text()
      if (!expectedConsoleErrors.some((pattern) => pattern.test(text))) problems.push(`console error: ${text} (${message.location().url})`)
    })
    await use(page)
    expect(problems, 'no script or console errors on any screen').toEqual([])
  },
  signedIn: [true, { option: true }],
  clinic: async ({ demoCohort, demoCohortFile, demoCohortDatabase, signedIn, store, ownCluster }, use) => {
    if (ownCluster && (store !== 'postgres' || demoCohort)) throw new Error('ownCluster needs store "postgres" and no demo cohort')
    const dir = mkdtempSync(join(tmpdir(), 'backstride-e2e-'))
    let dbFile = join(dir, 'clinic.sqlite')
    let cluster: { url: string; dir: string } | null = null
    const start = async () => {
      if (ownCluster) {
        cluster = (await startCluster()) as { url: string; dir: string }
        dbFile = await freshDatabase(undefined, cluster.url)
      } else if (store === 'postgres') {
        const template = demoCohort ? new URL(await demoCohortDatabase()).pathname.slice(1) : undefined
        dbFile = await freshDatabase(template)
      } else if (demoCohort) copyDatabase(await demoCohortFile(), dbFile)
      return startServer(dbFile)
    }
    const removeStore = async () => {
      rmSync(dir, { recursive: true, force: true })
      if (cluster) stopCluster(cluster.dir)
      else if (store === 'postgres' && dbFile.startsWith('postgres')) await dropDatabase(dbFile)
    }
    // The folder (or the server database) goes also when the clinic never starts.
    let server = await start().catch(async (error: unknown) => {
      await removeStore()
      throw error
    })
    const parts = () => {
      const url = new URL(server.url)
      return { origin: url.origin, token: url.hash.replace('#token=', '') }
    }
    const clinic: BrowserModeClinic = {
      get url() {
        return server.url
      },
      get origin() {
        return parts().origin
      },
      get token() {
        return parts().token
      },
      get dbFile() {
        return dbFile
      },
      get databaseServer() {
        const own = cluster
        return own ? { stop: () => pauseCluster(own.dir), start: () => resumeCluster(own.dir) } : null
      },
      async call<T>(channel: Channel, input: unknown = {}) {
        const response = await fetch(`${parts().origin}/api/${channel}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-backstride-token': parts().token },
          body: JSON.stringify(input),
        })
        return (await response.json()) as ApiResult<T>
      },
      async restart(options = {}) {
        const port = options.samePort ? Number(new URL(server.url).port) : 0
        await stop(server.child)
        server = await startServer(dbFile, port)
        if (signedIn) await signIn()
      },
    }
    /** Sets up the account at first start, else signs in: the desk session then serves the browser tab too. */
    const signIn = async () => {
      const status = await clinic.call<AuthStatus>('auth/status')
      const result = await clinic.call(status.ok && status.value.accountsExist ? 'auth/signIn' : 'auth/setup', E2E_ACCOUNT)
      if (!result.ok) throw new Error(`sign-in failed: ${result.error.message}`)
    }
    if (signedIn) await signIn()
    await use(clinic)
    await stop(server.child)
    await removeStore()
  },
})

export { expect }
