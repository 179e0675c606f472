import { fileStore } from '../../db/client'
import type Database from 'better-sqlite3'
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
 * wrapping the connection's prepare(): Drizzle builds its SQL at run time, and
 * this shows what reaches SQLite without changing the repository.
 */
async function captureQueries(sqlite: Database.Database, fn: () => Promise<unknown>): Promise<CapturedQuery[]> {
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

/** The captured statement on the raw driver, rows as arrays: what SQLite itself costs. */
function sqlOnly(sqlite: Database.Database, query: CapturedQuery) {
  const statement = sqlite.prepare(query.sql).raw(true)
  return () => statement.all(...query.params)
}

const planOf = (sqlite: Database.Database, query: CapturedQuery) =>
  (sqlite.prepare(`explain query plan ${query.sql}`).all(...query.params) as { detail: string }[]).map((r) => r.detail)

/**
 * Where the time of `outcomes/compare` goes: the cohort fetch (SQLite alone vs
 * through Drizzle), the statistics on the fetched rows, and the rest
 * (dispatch, input validation, mapping rows to records).
 */
export async function profileCompare(store: ClinicStore, compareApi: () => Promise<unknown>) {
  const filter = cohortFilter(comparisonFilter.parse({ includeDemo: true }))
  const [cohortQuery] = await captureQueries(fileStore(store).sqlite, () => cohortRows(store.db, filter))
  const rows = await cohortRows(store.db, filter)
  const { cohort, attendance } = comparisonCohort(rows)

  const ms = await medians(
    {
      api: compareApi,
      cohortRows: () => cohortRows(store.db, filter),
      cohortSql: sqlOnly(fileStore(store).sqlite, cohortQuery),
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
      queryPlan: planOf(fileStore(store).sqlite, cohortQuery),
    },
    compareGroupsMs: ms.compareGroups,
    restMs: round(ms.api - ms.cohortRows - ms.compareGroups),
  }
}
