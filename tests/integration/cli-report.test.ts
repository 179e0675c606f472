import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { GroupComparisonResult } from '../../electron/clinic/contract'
import { chromiumSandbox } from '../../electron/cliReport'
import { fixed, groupReportFigures, readPdf, squash } from '../fixtures/reportPdf'
import { tempDatabase } from './factories'
import { cleanEnv, runBuilt, type Run } from './processes'

/*
 * `report patient|group --out FILE.pdf`: the built CLI (out/main/cli.js, built
 * by the global setup with the pages it prints) prints the app's report pages
 * with Chromium, from a SQLite file or (integration-pg) a database on the test cluster, the demo cohort
 * written into it by the built `demo`.
 */

const chromium = process.env.BACKSTRIDE_CHROMIUM ?? '/usr/bin/chromium'
/** A report starts Chromium: a minute at most, then it is killed with its children. */
const cli = (...args: string[]): Promise<Run> => runBuilt('cli', args, { timeoutMs: 60_000 })
const asRoot = process.getuid?.() === 0

/** What a successful report may say on stderr: only the one-line sandbox notice, and only as root. */
function expectQuietStderr(run: Run) {
  expect(run.stderr).toBe(asRoot ? 'backstride: printing with Chromium without its sandbox, because this command runs as root\n' : '')
}

let dir: string
let db: string
let database: Awaited<ReturnType<typeof tempDatabase>>
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'backstride-cli-report-'))
  database = await tempDatabase()
  db = database.location
  const demo = await runBuilt('demo', ['--db', db, '--patients', '84', '--seed', '1'], { timeoutMs: 60_000 })
  if (demo.code !== 0) throw new Error(`the demo cohort could not be written: ${demo.stderr}`)
}, 90_000)
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true })
  await database.remove()
})

describe('the sandbox Chromium prints in', () => {
  it('is kept for every user but root; as root it is left out and the command says so in one line', () => {
    expect(chromiumSandbox(1000)).toEqual({ sandbox: true, notice: null })
    expect(chromiumSandbox(undefined)).toEqual({ sandbox: true, notice: null })
    const root = chromiumSandbox(0)
    expect(root.sandbox).toBe(false)
    expect(root.notice).toMatch(/^backstride: .*without its sandbox.*root$/)
  })
})

describe('cli report', () => {
  it('finds Chromium to print with (npm run preflight names the package to install)', () => {
    expect(existsSync(chromium), `no Chromium at ${chromium}: apt-get install -y chromium, or set BACKSTRIDE_CHROMIUM`).toBe(true)
  })

  it('report group prints the figures that stats --json gives, formatted as in the comparison tables', async () => {
    const out = join(dir, 'group.pdf')
    const report = await cli('report', 'group', '--out', out, '--include-demo', '--db', db)
    const stats = await cli('stats', '--json', '--include-demo', '--db', db)
    expect(report.code, report.stderr).toBe(0)
    expectQuietStderr(report)
    expect(stats.code, stats.stderr).toBe(0)
    expect(report.stdout).toMatch(/Wrote the group outcome report \(84 patients, demo patients included\) to .*group\.pdf/)
    const compared = JSON.parse(stats.stdout) as GroupComparisonResult
    const printed = readPdf(out)
    const figures = groupReportFigures(printed.layout)
    for (const program of ['P1', 'P2', 'P3'] as const) {
      for (const measure of ['runningPain', 'runability'] as const) {
        for (const timePoint of ['baseline', 'week_4', 'week_8', 'month_6'] as const) {
          const expected = compared.comparison.measures[measure].scores[program][timePoint]
          expect(figures.scores[measure][program][timePoint], `${measure} ${program} ${timePoint}`).toMatchObject({
            n: String(expected.n),
            mean: fixed(expected.mean),
            sd: fixed(expected.sd),
          })
        }
        // The report opens where the comparison does: at the latest follow-up with data in every program, 6 months on this cohort.
        const change = compared.comparison.measures[measure].followUps.month_6.change[program]
        expect(figures.change[measure][program]).toMatchObject({ n: String(change.n), mean: fixed(change.mean), sd: fixed(change.sd) })
      }
    }
    expect(squash(printed.text)).toContain(squash('simulated demo patients included'))
  }, 90_000)

  it('report patient prints a runner’s progress report, by number or clinic ID, in German when asked, signed by --signed-by', async () => {
    const out = join(dir, 'patient.pdf')
    const run = await cli('report', 'patient', 'DEMO-0001', '--out', out, '--language', 'de', '--signed-by', 'Jana Beispiel', '--db', db)
    expect(run.code, run.stderr).toBe(0)
    expectQuietStderr(run)
    expect(run.stdout).toMatch(/Wrote the progress report of DEMO-0001 /)
    const printed = readPdf(out)
    expect(printed.pages).toBeLessThanOrEqual(2)
    const text = squash(printed.text)
    for (const expected of ['Verlaufsbericht', 'DEMO-0001', 'Veränderung gegenüber dem Ausgangswert', 'Unterschrift', 'Therapeut/in: Jana Beispiel']) {
      expect(text).toContain(squash(expected))
    }
  }, 90_000)

  it('report patient without --signed-by names no therapist (the lines to sign stay)', async () => {
    const out = join(dir, 'unsigned.pdf')
    const run = await cli('report', 'patient', '1', '--out', out, '--db', db)
    expect(run.code, run.stderr).toBe(0)
    const text = squash(readPdf(out).text)
    expect(text).toContain(squash('Signature'))
    expect(text).not.toContain(squash('Therapist'))
    expect(text).not.toContain(squash('Command line'))
  }, 90_000)

  it('refuses an unknown patient in one line with exit code 1, and writes nothing', async () => {
    const out = join(dir, 'nobody.pdf')
    for (const id of ['9999', 'BS-77777']) {
      const run = await cli('report', 'patient', id, '--out', out, '--db', db)
      expect(run.code, run.stderr).toBe(1)
      expect(run.stderr.trimEnd().split('\n')).toHaveLength(1)
      expect(run.stderr).toMatch(new RegExp(`There is no patient ${id}`))
    }
    expect(existsSync(out)).toBe(false)
  }, 60_000)

  it('says what is missing when no browser engine is found', async () => {
    const run = await runBuilt('cli', ['report', 'group', '--out', join(dir, 'x.pdf'), '--db', db], {
      env: cleanEnv({ BACKSTRIDE_CHROMIUM: join(dir, 'no-such-browser') }),
    })
    expect(run.code).toBe(1)
    expect(run.stderr.trimEnd().split('\n')).toHaveLength(1)
    expect(run.stderr).toMatch(/No browser engine found/)
  }, 30_000)
})
