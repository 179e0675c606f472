import { execFile, execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { GroupComparisonResult } from '../../electron/clinic/contract'
import { fixed, groupReportFigures, readPdf, squash } from '../fixtures/reportPdf'

/*
 * `report patient|group --out FILE.pdf`: the CLI prints the app's report pages
 * with Chromium. It needs the built renderer: `npm test` runs vitest before the
 * build, so this builds it when it is missing (a few seconds).
 */

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const chromium = process.env.BACKSTRIDE_CHROMIUM ?? '/usr/bin/chromium'

interface Run {
  code: number
  stdout: string
  stderr: string
}

function cli(...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    const env = { ...process.env, BACKSTRIDE_DB: undefined, BACKSTRIDE_DEBUG: undefined }
    execFile(process.execPath, ['--import', 'tsx', 'electron/cli.ts', ...args], { cwd: ROOT, env, maxBuffer: 20_000_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr })
    })
  })
}

let dir: string
let db: string
beforeAll(() => {
  if (!existsSync(join(ROOT, 'out', 'renderer', 'index.html'))) {
    execFileSync(process.execPath, [join(ROOT, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'], { cwd: ROOT, stdio: 'ignore' })
  }
  dir = mkdtempSync(join(tmpdir(), 'backstride-cli-report-'))
  db = join(dir, 'clinic.sqlite')
  execFileSync(process.execPath, ['--import', 'tsx', 'electron/demo-cli.ts', '--db', db, '--patients', '84', '--seed', '1'], { cwd: ROOT, stdio: 'ignore' })
}, 180_000)
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe.skipIf(!existsSync(chromium))('cli report', () => {
  it('report group prints the figures that stats --json gives, formatted as in the comparison tables', async () => {
    const out = join(dir, 'group.pdf')
    const [report, stats] = await Promise.all([
      cli('report', 'group', '--out', out, '--include-demo', '--db', db),
      cli('stats', '--json', '--include-demo', '--db', db),
    ])
    expect(report.code, report.stderr).toBe(0)
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
        const change = compared.comparison.measures[measure].followUps.week_8.change[program]
        expect(figures.change[measure][program]).toMatchObject({ n: String(change.n), mean: fixed(change.mean), sd: fixed(change.sd) })
      }
    }
    expect(squash(printed.text)).toContain(squash('simulated demo patients included'))
  }, 90_000)

  it('report patient prints a runner’s progress report, by number or clinic ID, in German when asked', async () => {
    const out = join(dir, 'patient.pdf')
    const run = await cli('report', 'patient', 'DEMO-0001', '--out', out, '--language', 'de', '--db', db)
    expect(run.code, run.stderr).toBe(0)
    expect(run.stdout).toMatch(/Wrote the progress report of DEMO-0001 /)
    const printed = readPdf(out)
    expect(printed.pages).toBeLessThanOrEqual(2)
    const text = squash(printed.text)
    for (const expected of ['Verlaufsbericht', 'DEMO-0001', 'Veränderung gegenüber dem Ausgangswert', 'Unterschrift']) expect(text).toContain(squash(expected))
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
    const run = await new Promise<Run>((resolve) => {
      execFile(
        process.execPath,
        ['--import', 'tsx', 'electron/cli.ts', 'report', 'group', '--out', join(dir, 'x.pdf'), '--db', db],
        { cwd: ROOT, env: { ...process.env, BACKSTRIDE_CHROMIUM: join(dir, 'no-such-browser') } },
        (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
      )
    })
    expect(run.code).toBe(1)
    expect(run.stderr.trimEnd().split('\n')).toHaveLength(1)
    expect(run.stderr).toMatch(/No browser engine found/)
  }, 30_000)
})
