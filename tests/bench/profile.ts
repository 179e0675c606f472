import { PgDialect } from 'drizzle-orm/pg-core'
import { SQLiteSyncDialect } from 'drizzle-orm/sqlite-core'
import type { ClinicStore } from '../../db/client'
import { cohortQuery as cohortQueryOf, cohortRows, type CohortFilter } from '../../db/repositories/outcomes'
import { comparisonFilter } from '../../electron/clinic/contract'
import { cohortFilter, comparisonCohort } from '../../electron/clinic/service/outcomes'
import { compareCohort } from '../../electron/clinic/stats'
import { medians } from './timing'

interface StoreQuery {
  sql: string
  params: unknown[]
}

/**
 * The cohort query as the store receives it: the repository's own query put into the store's SQL
 * text and parameters by Drizzle's dialect, as cohortRows' driver call does.
 */
function cohortStatement(store: ClinicStore, filter: CohortFilter): StoreQuery {
  const { query } = cohortQueryOf(store.db, filter)
  return (store.kind === 'postgres' ? new PgDialect() : new SQLiteSyncDialect()).sqlToQuery(query)
}

/** The statement on the raw driver, rows as arrays: what the store itself costs. */
function sqlOnly(store: ClinicStore, query: StoreQuery): () => Promise<unknown> {
  if (store.kind === 'postgres') return () => store.pool.query({ text: query.sql, values: query.params, rowMode: 'array' })
  const statement = store.sqlite.prepare(query.sql).raw(true)
  return async () => statement.all(...query.params)
}

async function planOf(store: ClinicStore, query: StoreQuery): Promise<string[]> {
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
  const cohortQuery = cohortStatement(store, filter)
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
