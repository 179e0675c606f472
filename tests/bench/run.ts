import { fileStore } from '../../db/client'
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { GroupComparisonResult } from '../../electron/clinic/contract'
import { dispatch } from '../../electron/clinic/dispatch'
import { openClinic } from '../../electron/clinic/open'
import { measureGroupView } from './groupView'
import { profileCompare } from './profile'
import { prepareScores, type ScoreRow } from './rawSql'
import { medians, progress } from './timing'

/*
 * `npm run bench`: builds the app, then a 10,000-runner clinic database in a
 * temp folder with the demo generator and writer; times the group comparison
 * through the clinic API against one hand-written SQL query, the patient list,
 * and the group comparison view in browser mode (headless Chromium).
 * Prints ONE JSON object on stdout; progress goes to stderr.
 */

const PATIENTS = 10_000
/** Unscheduled assessments per runner on top of the 5 scheduled ones: 250,000+ assessments in all. */
const UNSCHEDULED_PER_RUNNER = 24
const MIN_ASSESSMENTS = 250_000
const MIN_SESSIONS = 150_000
const TARGET = { ratioMax: 1.5, groupViewRenderedMs: 300 }
const SEARCH = 'mei'

const mb = (bytes: number) => Math.round(bytes / 1024 / 1024)

function build(file: string) {
  progress(`building ${PATIENTS} runners in ${file} (child process)`)
  const child = spawnSync(
    process.execPath,
    [...process.execArgv, fileURLToPath(new URL('./build.ts', import.meta.url)), file, String(PATIENTS), String(UNSCHEDULED_PER_RUNNER)],
    { stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8', maxBuffer: 1 << 20 },
  )
  if (child.status !== 0) throw new Error(`the benchmark database could not be built (exit ${child.status})`)
  const built = JSON.parse(child.stdout.trim().split('\n').pop()!) as {
    patients: number
    sessions: number
    sessionExercises: number
    assessments: number
    psfsRatings: number
    generateSeconds: number
    writeSeconds: number
    buildSeconds: number
    peakRssMb: number
  }
  if (built.assessments < MIN_ASSESSMENTS || built.sessions < MIN_SESSIONS) {
    throw new Error(`the database is too small: ${built.assessments} assessments, ${built.sessions} sessions`)
  }
  return built
}

/** The API's score table and the raw query's agree on every n, mean and SD. */
function sameScores(api: GroupComparisonResult, raw: ScoreRow[]): boolean {
  const close = (a: number | null, b: number) => a !== null && Math.abs(a - b) < 1e-9
  return raw.length === 15 && raw.every((row) => {
    const point = row.timePoint as 'baseline'
    const pain = api.comparison.measures.runningPain.scores[row.programCode as 'P1'][point]
    const runability = api.comparison.measures.runability.scores[row.programCode as 'P1'][point]
    return (
      pain.n === row.n &&
      close(pain.mean, row.painMean) &&
      close(pain.sd, row.painSd) &&
      close(runability.mean, row.runabilityMean) &&
      close(runability.sd, row.runabilitySd)
    )
  })
}

async function main() {
  const started = performance.now()
  const dir = mkdtempSync(join(tmpdir(), 'backstride-bench-'))
  const file = join(dir, 'bench.sqlite')
  try {
    const built = build(file)
    progress(`built in ${built.buildSeconds} s: ${built.assessments} assessments, ${built.sessions} sessions`)

    // Read-only: the benchmark only reads, and browser mode (the group view below) opens the same file as its writer.
    const clinic = await openClinic({ file, authentication: 'none', mode: 'browser', version: 'bench', actor: 'bench', readOnly: true })
    try {
      let peakHeap = 0
      const sampled = async <T>(fn: () => Promise<T>) => {
        const result = await fn()
        peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed)
        return result
      }
      const call = (channel: string, input: unknown) =>
        sampled(async () => {
          const result = await dispatch(clinic.handlers, channel, input)
          if (!result.ok) throw new Error(`${channel}: ${result.error.message}`)
          return result.value
        })
      const rawScores = prepareScores(fileStore(clinic.store).sqlite)

      progress('timing outcomes/compare through the API and as one SQL query (two ways of writing it)')
      const compareApi = () => call('outcomes/compare', { includeDemo: true })
      const { compareApiMs, ...rawSqlFormsMs } = await medians({ compareApiMs: compareApi, ...rawScores }, { rounds: 15, warmUp: 3 })
      const compareRawSqlMs = Math.min(...Object.values(rawSqlFormsMs))
      const api = (await call('outcomes/compare', { includeDemo: true })) as GroupComparisonResult
      const rawMatchesApi = Object.values(rawScores).every((query) => sameScores(api, query()))

      progress('timing patients/list')
      const { listMs, searchMs } = await medians(
        { listMs: () => call('patients/list', {}), searchMs: () => call('patients/list', { search: SEARCH }) },
        { rounds: 5, warmUp: 1 },
      )
      const listRows = ((await call('patients/list', {})) as unknown[]).length
      const searchRows = ((await call('patients/list', { search: SEARCH })) as unknown[]).length

      // Peak memory of the API's process, read before Playwright's client joins it.
      const peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024)
      progress('timing the group comparison view in browser mode (built server, headless Chromium)')
      const groupView = await measureGroupView(file)

      progress('profiling where the comparison spends its time')
      const profile = await profileCompare(clinic.store, compareApi)
      const ratio = Math.round((compareApiMs / compareRawSqlMs) * 100) / 100

      console.log(
        JSON.stringify(
          {
            patients: built.patients,
            assessments: built.assessments,
            sessions: built.sessions,
            sessionExercises: built.sessionExercises,
            psfsRatings: built.psfsRatings,
            buildSeconds: built.buildSeconds,
            build: { generateSeconds: built.generateSeconds, writeSeconds: built.writeSeconds, peakRssMb: built.peakRssMb },
            compareApiMs,
            compareRawSqlMs,
            rawSqlFormsMs,
            ratio,
            rawMatchesApi,
            listMs,
            listRows,
            searchMs,
            search: SEARCH,
            searchRows,
            peakRssMb,
            heapUsedMb: mb(process.memoryUsage().heapUsed),
            peakHeapUsedMb: mb(peakHeap),
            target: TARGET,
            groupView,
            meetsTarget: ratio <= TARGET.ratioMax && 'renderedMs' in groupView && groupView.renderedMs < TARGET.groupViewRenderedMs,
            profile,
            totalSeconds: Math.round((performance.now() - started) / 100) / 10,
          },
          null,
          2,
        ),
      )
    } finally {
      clinic.close()
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

main().catch((error: unknown) => {
  progress(`failed: ${error instanceof Error ? error.stack : String(error)}`)
  process.exit(1)
})
