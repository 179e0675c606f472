import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { sql } from 'drizzle-orm'
import { PgDialect } from 'drizzle-orm/pg-core'
import { cohortQuery, type CohortFilter } from '../../db/repositories/outcomes'
import { rows } from '../../db/dialect'
import { enrollment, tempClinic, TEST_STORE, type TempClinic } from './factories'

/*
 * How each store reads the group comparison's scores: the plan, not the figures (those are checked
 * against hand-worked values in outcomes.test.ts and others, and enrollment-scores.test.ts checks the
 * table against the assessments). The cohort query reads each runner's scores from their one row in
 * enrollment_scores (kept by triggers) and never the assessments: reading them again, a seek per time
 * point or a grouped pass, keeps the figures right and made the query 1.5 times (10,000 runners on a
 * file) to 1.8 times (100,000 on a server) slower. On PostgreSQL, with sequential and bitmap scans
 * switched off, the plan shows which index can serve it (the planner's free choice on a handful of rows
 * says nothing).
 * Checked that they fail with the query of before (a left join of assessments per time point).
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
    await client.query('vacuum analyze enrollment_scores')
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

describe.each([false, true])('the comparison reads its scores from enrollment_scores (out-of-window follow-ups left out: %s)', (excludeOutOfWindow) => {
  it('one look-up by enrollment in enrollment_scores, none in assessments', async () => {
    const text = await plan({ ...FILTER, excludeOutOfWindow })
    expect(text, text).not.toMatch(/assessments/)
    const lookUps = text.split('\n').filter((line) => /(SEARCH|SCAN| on) enrollment_scores\b/.test(line))
    expect(lookUps, text).toHaveLength(1)
    expect(lookUps[0], text).toMatch(TEST_STORE === 'sqlite' ? /SEARCH enrollment_scores USING INTEGER PRIMARY KEY/ : /enrollment_scores_pkey on enrollment_scores/)
  })
})

describe('the comparison joins what it needs once, never a query per runner', () => {
  it("reads each runner's allocation by a join, not a look-up per row, and no program table", async () => {
    const text = await plan(FILTER)
    // A correlated look-up per runner: SQLite says "CORRELATED SCALAR SUBQUERY", PostgreSQL "SubPlan".
    expect(text, text).not.toMatch(/CORRELATED|SubPlan/)
    const allocationReads = text.split('\n').filter((line) => /(SEARCH|SCAN| on) allocations\b/.test(line))
    expect(allocationReads, text).toHaveLength(1)
    // The program code comes from a map of the few program versions (cohortRows), not a join per runner.
    expect(text, text).not.toMatch(/\bprograms\b|program_versions/)
  })
})
