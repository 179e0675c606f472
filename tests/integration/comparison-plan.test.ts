import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { sql } from 'drizzle-orm'
import { PgDialect } from 'drizzle-orm/pg-core'
import { cohortQuery, type CohortFilter } from '../../db/repositories/outcomes'
import { rows } from '../../db/dialect'
import { SCHEDULED_TIME_POINTS } from '../../electron/clinic/domain/vocabulary'
import { enrollment, tempClinic, TEST_STORE, type TempClinic } from './factories'

/*
 * How each store reads the group comparison's scores (db/dialect.ts sideBySide): the plan, not the
 * figures (those are checked against hand-worked values in outcomes.test.ts and others). A change that
 * makes a store fall back to reading the assessments table row by row keeps the figures right and
 * makes the comparison several times slower at clinic scale; these tests catch it.
 *  - SQLite: one seek per time point in the covering index assessments_enrollment_scores.
 *  - PostgreSQL: one grouped scan of the partial index assessments_scheduled_scores (migration
 *    0003_comparison_scores), whose predicate the query must imply. With sequential and bitmap scans
 *    switched off the plan shows whether the index can serve the query at all (the planner's free
 *    choice on a handful of rows says nothing).
 * Checked that they fail: with the index dropped (PostgreSQL: a plain index scan of the whole table), and
 * on SQLite with `time_point <> 'unscheduled'` added to the cohort query's condition (SQLite then seeks the
 * unique partial index, which does not hold the scores, and reads every row from the table: the cohort
 * query went from 49 to 75-88 ms for 10,000 runners).
 */

const FILTER: CohortFilter = {
  enrolledFrom: null,
  enrolledTo: null,
  sex: null,
  ageMin: null,
  ageMax: null,
  runsPerWeekMin: null,
  runsPerWeekMax: null,
  includeDemo: true,
  excludeOutOfWindow: false,
  programVersionIds: null,
  siteId: null,
}

let clinic: TempClinic
beforeEach(async () => {
  clinic = await tempClinic()
  await clinic.value('patients/enroll', enrollment())
})
afterEach(() => clinic.close())

async function plan(filter: CohortFilter): Promise<string> {
  const { store } = clinic
  const { query } = cohortQuery(store.db, filter)
  if (store.kind === 'sqlite') {
    return (await rows<{ detail: string }>(store.db, sql`explain query plan ${query}`)).map((row) => row.detail).join('\n')
  }
  const { sql: text, params } = new PgDialect().sqlToQuery(query)
  const client = await store.pool.connect()
  try {
    await client.query('vacuum analyze assessments')
    await client.query('begin')
    await client.query('set local enable_seqscan = off')
    await client.query('set local enable_bitmapscan = off')
    const explained = await client.query<{ 'QUERY PLAN': string }>({ text: `explain ${text}`, values: params })
    return explained.rows.map((row) => row['QUERY PLAN']).join('\n')
  } finally {
    await client.query('rollback')
    client.release()
  }
}

describe.each([false, true])('the comparison reads its scores from an index (out-of-window follow-ups left out: %s)', (excludeOutOfWindow) => {
  it.runIf(TEST_STORE === 'sqlite')('SQLite: a seek in the covering index per time point', async () => {
    const text = await plan({ ...FILTER, excludeOutOfWindow })
    const seeks = text.split('\n').filter((line) => /SEARCH assessments_\d USING (COVERING )?INDEX assessments_enrollment_scores/.test(line))
    // Without the deviation condition every column the query reads is in the index: covering.
    expect(seeks.length, text).toBe(SCHEDULED_TIME_POINTS.length)
    if (!excludeOutOfWindow) expect(seeks.every((line) => line.includes('COVERING INDEX')), text).toBe(true)
  })

  it.runIf(TEST_STORE === 'postgres')('PostgreSQL: one grouped scan of the partial index assessments_scheduled_scores', async () => {
    const text = await plan({ ...FILTER, excludeOutOfWindow })
    expect(text.match(/on assessments\b/g), text).toHaveLength(1)
    // With the deviation condition the planner may read the one runner's row through the unique index as cheaply;
    // at clinic scale (tests/bench, 10,000 runners) both forms use assessments_scheduled_scores.
    expect(text).toMatch(
      excludeOutOfWindow
        ? /Index (Only )?Scan using assessments_scheduled_(scores|time_point) on assessments/
        : /Index Only Scan using assessments_scheduled_scores on assessments/,
    )
  })
})
