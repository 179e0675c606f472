import { spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import pg from 'pg'
import { describeLocation, isServerUrl } from '../../db/paths'
import type { GroupComparisonResult, PatientPage } from '../../electron/clinic/contract'
import { dispatch } from '../../electron/clinic/dispatch'
import { openClinic } from '../../electron/clinic/open'
import { measureGroupView } from './groupView'
import { profileCompare } from './profile'
import { prepareScores, type ScoreRow } from './rawSql'
import { medians, progress } from './timing'

/*
 * `npm run bench [-- --patients N] [-- --db postgres://user@host:port/dbname]`: builds the app, then a
 * clinic of N runners (default 10,000) with the demo generator and writer; times the group comparison
 * through the clinic API against one hand-written SQL query on the same store, the patient list's first page and the page after it, the patient
 * search, and the group comparison view in browser mode (headless Chromium).
 *
 * Without --db: one store, a SQLite file in a temp folder. With a server URL: the bench creates a
 * database of its own on that server (the user needs CREATEDB), measures it, drops it, and measures
 * the same cohort in a SQLite file too, so the two stores' figures come from one run on one machine.
 * Prints ONE JSON object on stdout (with a URL: the server's figures, and the file's under `sqlite`);
 * progress goes to stderr.
 */

const { values: args } = parseArgs({ options: { db: { type: 'string' }, patients: { type: 'string' } } })
const PATIENTS = Number(args.patients ?? 10_000)
if (!Number.isInteger(PATIENTS) || PATIENTS < 100) throw new Error(`--patients takes a whole number of at least 100 (got ${args.patients})`)
if (args.db !== undefined && !isServerUrl(args.db)) {
  throw new Error('--db takes a postgres:// URL (the bench builds its own database there); without --db it uses a temp SQLite file')
}
/** Unscheduled assessments per runner on top of the 5 scheduled ones: 250,000+ assessments in all for 10,000 runners. */
const UNSCHEDULED_PER_RUNNER = 24
const MIN_ASSESSMENTS = 25 * PATIENTS
const MIN_SESSIONS = 15 * PATIENTS
const TARGET = { ratioMax: 1.5, groupViewRenderedMs: 300, searchMs: 20, listMs: 50 }
const SEARCH = 'mei'

const mb = (bytes: number) => Math.round(bytes / 1024 / 1024)

function build(location: string) {
  progress(`building ${PATIENTS} runners in ${describeLocation(location)} (child process)`)
  const child = spawnSync(
    process.execPath,
    [...process.execArgv, fileURLToPath(new URL('./build.ts', import.meta.url)), location, String(PATIENTS), String(UNSCHEDULED_PER_RUNNER)],
    { stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8', maxBuffer: 1 << 20, timeout: 3_600_000 },
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

/** Builds the clinic at `location` and measures it; the figures as one object. */
async function measure(location: string) {
  const started = performance.now()
  const built = build(location)
  {
    progress(`built in ${built.buildSeconds} s: ${built.assessments} assessments, ${built.sessions} sessions`)

    // Read-only: the benchmark only reads, and browser mode (the group view below) opens the same file as its writer.
    const clinic = await openClinic({ file: location, authentication: 'none', mode: 'browser', version: 'bench', actor: 'bench', readOnly: true })
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
      const rawScores = prepareScores(clinic.store)

      progress('timing outcomes/compare through the API and as one SQL query (two ways of writing it)')
      const compareApi = () => call('outcomes/compare', { includeDemo: true })
      const { compareApiMs, ...rawSqlFormsMs } = await medians({ compareApiMs: compareApi, ...rawScores }, { rounds: 15, warmUp: 3 })
      const compareRawSqlMs = Math.min(...Object.values(rawSqlFormsMs))
      const api = (await call('outcomes/compare', { includeDemo: true })) as GroupComparisonResult
      const rawMatchesApi = (await Promise.all(Object.values(rawScores).map((query) => query()))).every((rows) => sameScores(api, rows))

      progress('timing patients/list: the first page, the page after it, and a search')
      const list = async (input: object) => (await call('patients/list', input)) as PatientPage
      const firstPage = await list({})
      const { listMs, nextPageMs, searchMs } = await medians(
        {
          listMs: () => list({}),
          nextPageMs: () => list({ after: firstPage.nextCursor }),
          searchMs: () => list({ search: SEARCH }),
        },
        { rounds: 15, warmUp: 3 },
      )
      const searched = await list({ search: SEARCH })
      const listRows = firstPage.rows.length
      const listTotal = firstPage.total
      const searchRows = searched.rows.length
      const searchTotal = searched.total

      // Peak memory of the API's process, read before Playwright's client joins it.
      const peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024)
      progress('timing the group comparison view in browser mode (built server, headless Chromium)')
      const groupView = await measureGroupView(location)

      progress('profiling where the comparison spends its time')
      const profile = await profileCompare(clinic.store, compareApi)
      const ratio = Math.round((compareApiMs / compareRawSqlMs) * 100) / 100

      return {
        store: clinic.store.kind,
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
        listTotal,
        nextPageMs,
        searchMs,
        search: SEARCH,
        searchRows,
        searchTotal,
        peakRssMb,
        heapUsedMb: mb(process.memoryUsage().heapUsed),
        peakHeapUsedMb: mb(peakHeap),
        target: TARGET,
        groupView,
        meetsTarget: ratio <= TARGET.ratioMax && 'renderedMs' in groupView && groupView.renderedMs < TARGET.groupViewRenderedMs,
        meetsSearchAndListTargets: searchMs <= TARGET.searchMs && listMs <= TARGET.listMs,
        profile,
        totalSeconds: Math.round((performance.now() - started) / 100) / 10,
      }
    } finally {
      clinic.close()
    }
  }
}

/** The bench's cohort in a SQLite file in a temp folder, removed at the end. */
async function measureFile() {
  const dir = mkdtempSync(join(tmpdir(), 'backstride-bench-'))
  try {
    return await measure(join(dir, 'bench.sqlite'))
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

/** The bench's cohort in a database of its own on the server the URL names, dropped at the end. */
async function measureServer(url: string) {
  const name = `backstride_bench_${randomBytes(4).toString('hex')}`
  const onServer = async (statement: string) => {
    const admin = new pg.Client({ connectionString: url })
    await admin.connect()
    try {
      await admin.query(statement)
    } finally {
      await admin.end()
    }
  }
  await onServer(`create database ${name}`)
  const location = new URL(url)
  location.pathname = `/${name}`
  try {
    return await measure(location.toString())
  } finally {
    await onServer(`drop database ${name} with (force)`)
  }
}

/** The file's figures from a run of this bench without --db in a child process, so each store's peak memory is its own. */
function measureFileApart() {
  progress('the same cohort in a SQLite file (child process)')
  const child = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), '--patients', String(PATIENTS)], {
    stdio: ['ignore', 'pipe', 'inherit'],
    encoding: 'utf8',
    maxBuffer: 16 << 20,
    timeout: 3_600_000,
  })
  if (child.status !== 0) throw new Error(`the SQLite run failed (exit ${child.status})`)
  return JSON.parse(child.stdout) as Awaited<ReturnType<typeof measure>>
}

async function main() {
  const figures = args.db ? { ...(await measureServer(args.db)), sqlite: measureFileApart() } : await measureFile()
  console.log(JSON.stringify(figures, null, 2))
}

main().catch((error: unknown) => {
  progress(`failed: ${error instanceof Error ? error.stack : String(error)}`)
  process.exit(1)
})
