import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { sql, type SQL } from 'drizzle-orm'
import { onServer, rows } from '../../db/dialect'
import { tablesOf } from '../../db/tables'
import { getTableName } from 'drizzle-orm'
import type { ClinicDb } from '../../db/client'
import { inject } from 'vitest'
import type { ApiResult, AuthStatus, Channel, EnrollInput } from '../../electron/clinic/contract'
import { dispatch } from '../../electron/clinic/dispatch'
import { openClinic, type Clinic } from '../../electron/clinic/open'
import { RED_FLAGS } from '../../electron/clinic/rules/redFlags'

/** The account the integration tests work as: the clinic lead set up at first start. */
export const TEST_ACCOUNT = { username: 'test-therapist', displayName: 'Test Therapist', password: 'correct horse battery' }

/**
 * A hand-written query for tests, on either store: `?` placeholders take `params` in order. Rows come
 * back as objects, counts and sums as numbers on both stores. Write SQL both stores read (no pragmas,
 * no sqlite_master; flags are 0/1 on both).
 */
export async function testQuery<T = Record<string, unknown>>(db: ClinicDb, text: string, ...params: unknown[]): Promise<T[]> {
  const parts = text.split('?')
  if (parts.length !== params.length + 1) throw new Error(`testQuery: ${parts.length - 1} placeholders, ${params.length} values`)
  const query: SQL = sql.join(
    parts.flatMap((part, i) => (i < params.length ? [sql.raw(part), sql`${params[i]}`] : [sql.raw(part)])),
    sql``,
  )
  // A write without `returning` gives no rows: SQLite's driver wants it run, not read.
  if (/^\s*(insert|update|delete)\b/i.test(text) && !/\breturning\b/i.test(text) && !onServer(db)) {
    try {
      db.run(query)
    } catch (error) {
      // Drizzle wraps the driver's error ("Failed to run the query …"): the database's own message is its cause.
      throw error instanceof Error && error.cause instanceof Error ? error.cause : error
    }
    return []
  }
  return rows<T>(db, query)
}

/** The store the integration tests run on: SQLite files, or PostgreSQL (the integration-pg project, vitest.config.ts). */
export const TEST_STORE: 'sqlite' | 'postgres' = process.env.BACKSTRIDE_TEST_STORE === 'postgres' ? 'postgres' : 'sqlite'

/** The template database tests/pg-setup.ts migrated and loaded the catalogue into. */
const TEMPLATE_DATABASE = 'backstride_template'

/** Runs `work` on one connection to the server database at `url`, closed afterwards. */
export async function onDatabase<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    return await work(client)
  } finally {
    await client.end()
  }
}

const onAdmin = <T>(work: (client: pg.Client) => Promise<T>) => onDatabase(`${inject('pgUrl')}/postgres`, work)

/** A fresh database on the test cluster, copied from the migrated template; its URL and how to drop it. */
async function tempServerDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `it_${process.pid}_${randomBytes(6).toString('hex')}`
  await onAdmin((admin) => admin.query(`create database ${name} template ${TEMPLATE_DATABASE}`))
  return { url: `${inject('pgUrl')}/${name}`, drop: () => onAdmin(async (admin) => void (await admin.query(`drop database ${name} with (force)`))) }
}

/**
 * A database of the test's own, not opened here (for a child process to open): a path in a fresh temp folder
 * (the file does not exist yet), or in the integration-pg project a fresh database on the test cluster, copied
 * from the migrated template. `remove` deletes the folder, or drops the database.
 */
export async function tempDatabase(): Promise<{ location: string; remove: () => Promise<void> }> {
  if (TEST_STORE === 'postgres') {
    const server = await tempServerDatabase()
    return { location: server.url, remove: server.drop }
  }
  const dir = mkdtempSync(join(tmpdir(), 'backstride-it-'))
  return { location: join(dir, 'clinic.sqlite'), remove: async () => rmSync(dir, { recursive: true, force: true }) }
}

/** The URL of a database on the test cluster that does not exist (integration-pg only). */
export const missingServerDatabase = () => `${inject('pgUrl')}/backstride_no_such_database`

/**
 * A clinic on a real SQLite file in a fresh temp folder (or, in the integration-pg project, in a fresh
 * database on the test's PostgreSQL cluster; `file` is then its URL), reached through the same
 * dispatcher as both transports.
 */
export async function tempClinic(now = () => new Date('2026-03-10T09:00:00')) {
  const dir = mkdtempSync(join(tmpdir(), 'backstride-it-'))
  const server = TEST_STORE === 'postgres' ? await tempServerDatabase() : null
  const file = server?.url ?? join(dir, 'clinic.sqlite')
  /** Opens the clinic and signs in as a therapist would (the first start sets up the account). */
  const open = async () => {
    const opened = await openClinic({ file, mode: 'browser', version: 'test', now })
    const status = await dispatch(opened.handlers, 'auth/status', {})
    const signIn = status.ok && !(status.value as AuthStatus).accountsExist ? 'auth/setup' : 'auth/signIn'
    const signedIn = await dispatch(opened.handlers, signIn, TEST_ACCOUNT)
    if (!signedIn.ok) throw new Error(`test sign-in failed: ${signedIn.error.message}`)
    return opened
  }
  let clinic: Clinic = await open()
  return {
    file,
    get store() {
      return clinic.store
    },
    get handlers() {
      return clinic.handlers
    },
    /** A hand-written query on this clinic's store (testQuery). */
    query<T = Record<string, unknown>>(text: string, ...params: unknown[]): Promise<T[]> {
      return testQuery<T>(clinic.store.db, text, ...params)
    },
    /** Row counts of every table of the clinic's schema: a refused call must leave them all unchanged. */
    async rowCounts(): Promise<Record<string, number>> {
      const counts: Record<string, number> = {}
      for (const table of Object.values(tablesOf(clinic.store.db))) {
        const name = getTableName(table)
        const [row] = await testQuery<{ n: number }>(clinic.store.db, `select count(*) as n from "${name}"`)
        counts[name] = row.n
      }
      return counts
    },
    /** The first column of the first row (a count, a value). */
    async scalar<T = unknown>(text: string, ...params: unknown[]): Promise<T> {
      const [row] = await testQuery(clinic.store.db, text, ...params)
      return (row ? Object.values(row)[0] : undefined) as T
    },
    call<T = unknown>(channel: Channel, input: unknown = {}): Promise<ApiResult<T>> {
      return dispatch(clinic.handlers, channel, input, () => undefined) as Promise<ApiResult<T>>
    },
    async value<T = unknown>(channel: Channel, input: unknown = {}): Promise<T> {
      const result = await dispatch(clinic.handlers, channel, input)
      if (!result.ok) throw new Error(`${channel} failed: ${JSON.stringify(result.error)}`)
      return result.value as T
    },
    async restart() {
      clinic.close()
      clinic = await open()
    },
    /** Closes the clinic as quitting the app does (releasing the writer lock), keeping its files. */
    stop() {
      clinic.close()
    },
    close() {
      clinic.close()
      rmSync(dir, { recursive: true, force: true })
      // Dropped in the background (with force: the pool may still be closing); a failure surfaces as an unhandled rejection.
      if (server) void server.drop()
    },
  }
}

export type TempClinic = Awaited<ReturnType<typeof tempClinic>>

const noRedFlags = () => Object.fromEntries(RED_FLAGS.map((flag) => [flag, false])) as Record<string, boolean>

/** A valid enrollment of an eligible runner with no red flags; override any part. */
export function enrollment(overrides: Partial<EnrollInput> = {}): EnrollInput {
  return {
    enrolledOn: '2026-03-02',
    patient: {
      firstName: 'Anna',
      lastName: 'Meier',
      dateOfBirth: '1988-05-14',
      sex: 'female',
      phone: '+49 30 1234567',
      email: 'anna.meier@example.org',
      preferredLanguage: 'de',
    },
    runningProfile: { runsPerWeek: 3, weeklyDistanceKm: 25, yearsRunning: 6 },
    eligibility: [
      { criterion: 'recreational_runner', met: true },
      { criterion: 'low_back_pain_over_3_months', met: true },
      { criterion: 'runs_2_to_5_per_week', met: true },
    ],
    screening: { screenedOn: '2026-03-02', answers: noRedFlags() as EnrollInput['screening']['answers'] },
    baseline: {
      assessedOn: '2026-03-02',
      runningPain: 6,
      activities: [
        { description: 'Run 10 km', rating: 3 },
        { description: 'Run downhill', rating: 4 },
        { description: 'Run on consecutive days', rating: 5 },
      ],
    },
    program: { programCode: 'P1', startDate: '2026-03-02', optionalExercises: [] },
    consent: { treatment: { consentedOn: '2026-03-02', takenBy: 'Test Therapist' }, comparison: { given: true, answeredOn: '2026-03-02' } },
    ...overrides,
  }
}

export const withRedFlag = (flag: string, overrides: Partial<EnrollInput> = {}): EnrollInput => {
  const base = enrollment(overrides)
  return { ...base, screening: { ...base.screening, answers: { ...base.screening.answers, [flag]: true } } }
}
