import type Database from 'better-sqlite3'
import type pg from 'pg'
import type { ClinicStore } from '../../db/client'
import { cohortRows } from '../../db/repositories/outcomes'
import { comparisonFilter } from '../../electron/clinic/contract'
import { cohortFilter, comparisonCohort } from '../../electron/clinic/service/outcomes'
import { compareCohort } from '../../electron/clinic/stats'
import { medians } from './timing'

interface CapturedQuery {
  sql: string
  params: unknown[]
}

/**
 * Runs fn and returns the SQL statements it executed with their parameters, by
 * wrapping the connection's prepare() (on PostgreSQL the pool's query()): Drizzle builds its SQL at run time, and
 * this shows what reaches the store without changing the repository.
 */
async function captureSqlite(sqlite: Database.Database, fn: () => Promise<unknown>): Promise<CapturedQuery[]> {
  const captured: CapturedQuery[] = []
  const prepare = sqlite.prepare
  sqlite.prepare = function (this: Database.Database, source: string) {
    const statement = prepare.call(this, source)
    for (const method of ['all', 'get', 'run', 'iterate'] as const) {
      const original = statement[method].bind(statement) as (...args: unknown[]) => unknown
      Object.defineProperty(statement, method, {
        value: (...args: unknown[]) => {
          captured.push({ sql: source, params: args })
          return original(...args)
        },
      })
    }
    return statement
  } as typeof sqlite.prepare
  try {
    await fn()
  } finally {
    sqlite.prepare = prepare
  }
  return captured
}

/** The same on a PostgreSQL store: Drizzle's node-postgres driver sends each statement through pool.query({ text, values }). */
async function capturePg(pool: pg.Pool, fn: () => Promise<unknown>): Promise<CapturedQuery[]> {
  const captured: CapturedQuery[] = []
  const query = pool.query
  pool.query = function (this: pg.Pool, config: unknown, values?: unknown) {
    const text = typeof config === 'string' ? config : (config as pg.QueryConfig).text
    const params = (typeof config === 'string' ? values : (config as pg.QueryConfig).values) ?? []
    captured.push({ sql: text, params: params as unknown[] })
    return (query as (config: unknown, values?: unknown) => unknown).call(this, config, values)
  } as typeof pool.query
  try {
    await fn()
  } finally {
    pool.query = query
  }
  return captured
}

const captureQueries = (store: ClinicStore, fn: () => Promise<unknown>) =>
  store.kind === 'postgres' ? capturePg(store.pool, fn) : captureSqlite(store.sqlite, fn)

/** The captured statement on the raw driver, rows as arrays: what the store itself costs. */
function sqlOnly(store: ClinicStore, query: CapturedQuery): () => Promise<unknown> {
  if (store.kind === 'postgres') return () => store.pool.query({ text: query.sql, values: query.params, rowMode: 'array' })
  const statement = store.sqlite.prepare(query.sql).raw(true)
  return async () => statement.all(...query.params)
}

async function planOf(store: ClinicStore, query: CapturedQuery): Promise<string[]> {
  if (store.kind === 'postgres') {
    const plan = await store.pool.query<{ 'QUERY PLAN': string }>({ text: `explain ${query.sql}`, values: query.params })
    return plan.rows.map((r) => r['QUERY PLAN'])
  }
  return (store.sqlite.prepare(`explain query plan ${query.sql}`).all(...query.params) as { detail: string }[]).map((r) => r.detail)
}

/**
 * Where the time of `outcomes/compare` goes: the cohort fetch (the store alone vs
 * through Drizzle), the statistics on the fetched rows, and the rest
 * (dispatch, input validation, mapping rows to records).
 */
export async function profileCompare(store: ClinicStore, compareApi: () => Promise<unknown>) {
  const filter = cohortFilter(comparisonFilter.parse({ includeDemo: true }))
  const [cohortQuery] = await captureQueries(store, () => cohortRows(store.db, filter))
  const { rows, scores } = await cohortRows(store.db, filter)
  const { cohort, attendance } = comparisonCohort(rows, scores)

  const ms = await medians(
    {
      api: compareApi,
      cohortRows: () => cohortRows(store.db, filter),
      cohortSql: sqlOnly(store, cohortQuery),
      compareGroups: () => compareCohort(cohort, attendance),
    },
    { rounds: 5, warmUp: 1 },
  )
  const round = (value: number) => Math.round(value * 10) / 10
  return {
    compareApiMs: ms.api,
    cohortRows: {
      rows: rows.length,
      drizzleMs: ms.cohortRows,
      sqlOnlyMs: ms.cohortSql,
      drizzleMappingMs: round(ms.cohortRows - ms.cohortSql),
      queryPlan: await planOf(store, cohortQuery),
    },
    compareGroupsMs: ms.compareGroups,
    restMs: round(ms.api - ms.cohortRows - ms.compareGroups),
  }
}
