// `npm run screenshots`: PNGs of every main screen into resources/screenshots/: for the README at 1280×800 in
// English, light and dark; in German and at 1024×768 in light, to see each screen as a German desk sees it.
// Runs the built browser mode on a temporary database holding the demo cohort, in the Chromium the e2e tests use.
import { chromium } from '@playwright/test'
import { spawn } from 'node:child_process'
import { mkdirSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const outDir = join(root, 'resources', 'screenshots')
/** Kept small for the repository: a README picture, not a print master. */
const MAX_BYTES = 150 * 1024
const ACCOUNT = { username: 'mara.lead', displayName: 'Mara Lead', password: 'desk password 1' }

/**
 * The clinic's "now" in every picture: the demo cohort, the server and the browser all stand at this
 * moment, so dates, weeks and backup times are the same at every run (local time of the machine).
 */
const FIXED_TIME = '2026-03-16T10:00:00'

/** Node with its clock fixed at FIXED_TIME (tests/fixedClock.mjs). */
function run(args, onOutput) {
  const child = spawn(process.execPath, ['--import', './tests/fixedClock.mjs', ...args], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, BACKSTRIDE_FIXED_TIME: FIXED_TIME },
  })
  child.stdout.on('data', (chunk) => onOutput?.(chunk.toString()))
  child.stderr.on('data', (chunk) => onOutput?.(chunk.toString()))
  return child
}

async function demoDatabase(file) {
  let output = ''
  const child = run(['out/main/demo.js', '--db', file, '--patients', '84', '--seed', '1'], (s) => (output += s))
  const code = await new Promise((resolve) => child.once('exit', resolve))
  if (code !== 0) throw new Error(`the demo cohort could not be written:\n${output}`)
}

async function startBrowserMode(file) {
  let output = ''
  const child = run(['out/main/web.js', '--db', file, '--port', '0'], (s) => (output += s))
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`browser mode did not start:\n${output}`)), 20_000)
    const poll = setInterval(() => {
      const match = /Open (http:\/\/127\.0\.0\.1:\d+\/#token=\S+)/.exec(output)
      if (match) clearInterval(poll), clearTimeout(timer), resolve(match[1])
    }, 50)
  })
  return { child, url: new URL(url) }
}

async function call(url, channel, input = {}) {
  const response = await fetch(`${url.origin}/api/${channel}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-backstride-token': url.hash.replace('#token=', '') },
    body: JSON.stringify(input),
  })
  const result = await response.json()
  if (!result.ok) throw new Error(`${channel}: ${result.error.message}`)
  return result.value
}

/**
 * The database's folder. Its path shows in the browser-mode banner, so it is the same at every run
 * (a random temp folder would change every picture); emptied before and removed after.
 */
const dir = join(tmpdir(), 'backstride-screenshots')

/**
 * Each screen at the desk's common sizes and in both languages: the README's pictures (1280×800, English,
 * light and dark) at the top of resources/screenshots/, the other sizes and languages in light below it.
 */
const VARIANTS = [
  { folder: '', width: 1280, height: 800, scheme: 'light', locale: 'en-GB' },
  { folder: '', width: 1280, height: 800, scheme: 'dark', locale: 'en-GB' },
  { folder: '1280-de', width: 1280, height: 800, scheme: 'light', locale: 'de-DE' },
  { folder: '1024-en', width: 1024, height: 768, scheme: 'light', locale: 'en-GB' },
  { folder: '1024-de', width: 1024, height: 768, scheme: 'light', locale: 'de-DE' },
]

async function main() {
  rmSync(dir, { recursive: true, force: true })
  mkdirSync(dir, { recursive: true })
  const file = join(dir, 'backstride.sqlite')
  await demoDatabase(file)
  const server = await startBrowserMode(file)
  const browser = await chromium.launch({
    executablePath: process.env.BACKSTRIDE_CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  })
  mkdirSync(outDir, { recursive: true })
  const written = []
  try {
    let accountReady = false
    for (const variant of VARIANTS) {
      const { width, height, scheme, locale } = variant
      const folder = join(outDir, variant.folder)
      mkdirSync(folder, { recursive: true })
      const page = await browser.newPage({ viewport: { width, height }, colorScheme: scheme, locale })
      await page.clock.setFixedTime(new Date(FIXED_TIME))
      const shot = async (name) => {
        await page.waitForLoadState('networkidle')
        // Charts animate in; the picture is taken once they have settled.
        await page.waitForTimeout(700)
        const path = join(folder, `${name}-${scheme}.png`)
        await page.screenshot({ path, animations: 'disabled' })
        written.push(path)
      }
      const open = async (hash) => {
        await page.goto(`${server.url.origin}/#${hash}`)
        await page.getByRole('heading', { level: 1 }).first().waitFor()
      }
      await page.goto(server.url.href)
      await page.getByRole('heading', { level: 1 }).waitFor()
      if (!accountReady) {
        await shot('01-first-start')
        await call(server.url, 'auth/setup', ACCOUNT)
        accountReady = true
      } else {
        await call(server.url, 'auth/signIn', ACCOUNT)
      }
      await page.reload()
      await page.getByRole('table').waitFor()
      await shot('02-patient-list')
      const patients = (await call(server.url, 'patients/list', { search: '', programCode: null, status: null })).rows
      const runner = patients.find((p) => p.status === 'active') ?? patients[0]
      await open(`/patients/${runner.patientId}`)
      await shot('03-patient-page')
      await open(`/patients/${runner.patientId}/sessions/new`)
      await shot('04-session-form')
      await page.goto(`${server.url.origin}/#/patients/${runner.patientId}/sheet`)
      await page.locator('[data-command="print-sheet"]').waitFor()
      await shot('05-home-exercise-sheet')
      await open('/enroll')
      await shot('06-enrollment')
      await open('/comparison')
      await page.locator('.comparison-chart').first().waitFor()
      await shot('07-comparison')
      await open('/settings')
      await shot('08-settings')
      await open('/today')
      await page.getByRole('table').first().waitFor()
      await shot('09-today')
      await open('/data')
      await shot('10-data')
      // Further down the same page: the home log by week and the supervised sessions.
      await open(`/patients/${runner.patientId}`)
      await page.locator('#home-log-title').evaluate((title) => title.closest('section')?.scrollIntoView({ block: 'start' }))
      await shot('11-patient-records')
      await page.close()
    }
  } finally {
    await browser.close()
    server.child.kill('SIGTERM')
    rmSync(dir, { recursive: true, force: true })
  }
  const tooLarge = written.filter((path) => statSync(path).size > MAX_BYTES)
  for (const path of written) console.log(`${(statSync(path).size / 1024).toFixed(0).padStart(4)} KB  ${path.slice(root.length + 1)}`)
  if (tooLarge.length) {
    console.error(`Larger than ${MAX_BYTES / 1024} KB: ${tooLarge.join(', ')}`)
    process.exit(1)
  }
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
