import { test as base, expect } from '@playwright/test'
import { spawn } from 'node:child_process'
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { ApiResult, AuthStatus, Channel } from '../../electron/clinic/contract'
import { startServer, stop } from './browserMode'

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..')

export interface BrowserModeClinic {
  /** URL with the per-launch token, as printed by `npm run web`. */
  url: string
  origin: string
  token: string
  dbFile: string
  /** Calls the clinic API over the same HTTP transport the renderer uses. */
  call<T = unknown>(channel: Channel, input?: unknown): Promise<ApiResult<T>>
  /** Stops the server and starts it again on the same database file (on any free port, or the same one); a new token. */
  restart(options?: { samePort?: boolean }): Promise<void>
}

/** Writes the simulated demo cohort (84 runners, seed 1: the trial's size) into the file with the built demo, as `npm run demo` does. */
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
  clinic: async ({ demoCohort, demoCohortFile, signedIn }, use) => {
    const dir = mkdtempSync(join(tmpdir(), 'backstride-e2e-'))
    const dbFile = join(dir, 'clinic.sqlite')
    const start = async () => {
      if (demoCohort) copyDatabase(await demoCohortFile(), dbFile)
      return startServer(dbFile)
    }
    // The folder goes also when the clinic never starts.
    let server = await start().catch((error: unknown) => {
      rmSync(dir, { recursive: true, force: true })
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
      dbFile,
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
    rmSync(dir, { recursive: true, force: true })
  },
})

export { expect }
