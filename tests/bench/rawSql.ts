import type { ClinicStore } from '../../db/client'

const AGGREGATE = `
  select pr.code as "programCode", a.time_point as "timePoint", count(*) as n,
    avg(a.running_pain) as "painMean",
    sqrt((sum(a.running_pain * a.running_pain) - count(*) * avg(a.running_pain) * avg(a.running_pain)) / (count(*) - 1)) as "painSd",
    avg(a.runability) as "runabilityMean",
    sqrt((sum(a.runability * a.runability) - count(*) * avg(a.runability) * avg(a.runability)) / (count(*) - 1)) as "runabilitySd"
  from enrollments e
  join patients p on p.id = e.patient_id
  join running_profiles rp on rp.enrollment_id = e.id
  join assignments asg on asg.enrollment_id = e.id
  join program_versions pv on pv.id = asg.program_version_id
  join programs pr on pr.id = pv.program_id`

/**
 * The group comparison's scores table as ONE hand-written query: n, mean and
 * SD of running pain and runability per program and time point, over the same
 * joins and rows as db/repositories/outcomes.ts (demo patients included,
 * unscheduled assessments left out). SD from sums of squares (n − 1).
 *
 * Two ways to write it, which SQLite plans differently: assessments first (a
 * scan of the scheduled ones, then each one's enrollment), or enrollments first
 * (a seek per enrollment and time point in the covering index). The benchmark
 * times both and compares the API with the faster one.
 *
 * One text for both stores (aliases quoted, as PostgreSQL folds unquoted names to lower case). On
 * PostgreSQL avg and sqrt of integers are numeric, read as numbers (db/client.ts), and the planner
 * picks its own join order for either form.
 */
export const SCORES_SQL = {
  assessmentsFirst: `${AGGREGATE}
  join assessments a on a.enrollment_id = e.id
  where a.time_point <> 'unscheduled'
  group by pr.code, a.time_point`,
  enrollmentsFirst: `${AGGREGATE}
  cross join assessments a
  where a.enrollment_id = e.id and a.time_point in ('baseline', 'week_4', 'week_8', 'month_3', 'month_6')
  group by pr.code, a.time_point`,
}

export interface ScoreRow {
  programCode: string
  timePoint: string
  n: number
  painMean: number
  painSd: number
  runabilityMean: number
  runabilitySd: number
}

/**
 * Each form as a prepared statement on the store's own driver (better-sqlite3, or node-postgres with a
 * named statement, prepared once per pooled connection), rows as objects: what the store itself costs.
 */
export function prepareScores(store: ClinicStore): Record<keyof typeof SCORES_SQL, () => Promise<ScoreRow[]>> {
  const prepared = (name: keyof typeof SCORES_SQL) => {
    const source = SCORES_SQL[name]
    if (store.kind === 'postgres') {
      return async () => (await store.pool.query<ScoreRow>({ name: `bench_scores_${name}`, text: source })).rows
    }
    const statement = store.sqlite.prepare(source)
    return async () => statement.all() as ScoreRow[]
  }
  return { assessmentsFirst: prepared('assessmentsFirst'), enrollmentsFirst: prepared('enrollmentsFirst') }
}
