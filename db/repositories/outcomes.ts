import { and, eq, gte, inArray, lte, sql, type SQL, type SQLWrapper } from 'drizzle-orm'
import type { ClinicDb } from '../client'
import { MEASURES, PROGRAM_CODES, SCHEDULED_TIME_POINTS, type Measure, type ProgramCode, type Sex } from '../../electron/clinic/domain/vocabulary'
import { namedColumns } from './namedColumns'
import { programCodesByVersion } from './catalogue'
import type {
  adverseEvents,
  allocations,
  assessments,
  assignments,
  enrollmentAttendance,
  enrollments,
  patients,
  programs,
  programVersions,
  runningProfiles,
  sessionDoses,
  sessions,
} from '../schema'
import { tablesOf, type ClinicTables } from '../tables'
import { daysBetween, larger, rows, smaller, values } from '../dialect'

export interface CohortFilter {
  enrolledFrom: string | null
  enrolledTo: string | null
  sex: Sex | null
  /** Age at enrollment in whole years, inclusive bounds. */
  ageMin: number | null
  ageMax: number | null
  runsPerWeekMin: number | null
  runsPerWeekMax: number | null
  includeDemo: boolean
  /** Leave out follow-ups taken outside their window (those with a protocol-deviation reason). */
  excludeOutOfWindow: boolean
  /** Only runners assigned one of these program versions; null: every version. */
  programVersionIds: number[] | null
  /** Only runners enrolled at this site; null: every site. */
  siteId: number | null
}

/** Enrollments with a program that match the filter (the joins every cohort query shares). */
function cohortConditions({ patients, enrollments, runningProfiles, assignments }: ClinicTables, filter: CohortFilter): SQL | undefined {
  return and(
    filter.includeDemo ? undefined : eq(patients.isDemo, false),
    filter.enrolledFrom ? gte(enrollments.enrolledOn, filter.enrolledFrom) : undefined,
    filter.enrolledTo ? lte(enrollments.enrolledOn, filter.enrolledTo) : undefined,
    filter.sex ? eq(patients.sex, filter.sex) : undefined,
    // Exact age in years at enrollment: born on or before the enrollment date N years earlier.
    filter.ageMin !== null ? sql`${patients.dateOfBirth} <= ${sameDayYearsBefore(enrollments.enrolledOn, filter.ageMin)}` : undefined,
    filter.ageMax !== null ? sql`${patients.dateOfBirth} > ${sameDayYearsBefore(enrollments.enrolledOn, filter.ageMax + 1)}` : undefined,
    filter.runsPerWeekMin !== null ? gte(runningProfiles.runsPerWeek, filter.runsPerWeekMin) : undefined,
    filter.runsPerWeekMax !== null ? lte(runningProfiles.runsPerWeek, filter.runsPerWeekMax) : undefined,
    filter.programVersionIds ? inArray(assignments.programVersionId, filter.programVersionIds) : undefined,
    filter.siteId !== null ? eq(enrollments.siteId, filter.siteId) : undefined,
  )
}

/**
 * The same month and day `years` earlier, as ISO text ('2026-02-29' for 29 February 2030 minus 4,
 * '2025-02-29' minus 5: it sorts between the 28th and 1 March, so a runner born on 1 March is not
 * yet a year older on 29 February). Text on both stores: no date arithmetic of either dialect.
 */
function sameDayYearsBefore(date: SQLWrapper, years: number): SQL {
  return sql`(cast(cast(substr(${date}, 1, 4) as integer) - cast(${years} as integer) as text) || substr(${date}, 5))`
}

/** One enrollment of the cohort: its program, attendance and withdrawal; its scores are in CohortRows' columns. */
export interface CohortRow {
  enrollmentId: number
  programCode: ProgramCode
  supervisedAttended: number
  withdrawn: boolean
  /** The program came from the randomisation sequence; allocatedProgramCode is the sequence's program (null otherwise). */
  randomised: boolean
  allocatedProgramCode: ProgramCode | null
  /** The comparison consent is in force (given, not withdrawn). */
  consented: boolean
  /** Its place in the score columns of the CohortRows it came with. */
  index: number
}

/**
 * The cohort's enrollments, and their scores at the trial time points as columns (no array per
 * runner): scores[measure][row.index * SCHEDULED_TIME_POINTS.length + t] is the score at
 * SCHEDULED_TIME_POINTS[t], NaN where none was recorded. The layout of the statistics' Cohort.
 */
export interface CohortRows {
  rows: CohortRow[]
  scores: Record<Measure, Float64Array>
}

/** The cohort query's columns before the scores, as the store returns them (randomised and consented as 0 or 1). */
function cohortColumns({ enrollments, assignments, allocations, enrollmentAttendance }: ClinicTables) {
  return namedColumns([
    ['enrollmentId', sql<number>`${enrollments.id}`],
    ['programVersionId', sql<number>`${assignments.programVersionId}`],
    ['withdrawnOn', sql<string | null>`${enrollments.withdrawnOn}`],
    ['randomised', sql<number>`${assignments.randomised}`],
    [
      'allocatedProgramCode',
      sql<ProgramCode | null>`case when ${assignments.randomised} = 1 then ${allocations.programCode} end`,
    ],
    ['supervisedAttended', sql<number>`coalesce(${enrollmentAttendance.supervisedAttended}, 0)`],
    ['consented', sql<number>`case when ${enrollments.comparisonConsent} = 'given' and ${enrollments.comparisonConsentWithdrawnOn} is null then 1 else 0 end`],
  ])
}

/**
 * A program code as the store returned it, as the vocabulary's own string: the rows kept then share
 * three strings instead of holding one of their own each, which the garbage collector would move
 * (100,000 randomised runners on a server: the comparison 331 against 288 ms).
 */
const PROGRAM_CODE_OF = new Map<string, ProgramCode>(PROGRAM_CODES.map((code) => [code, code]))

/** After COHORT's columns, each trial time point's scores, in this order. */
const SCORES = MEASURES

/** enrollment_scores' column names of a time point, as db/schema.ts spells them (runningPainWeek4 …). */
const AT: Record<(typeof SCHEDULED_TIME_POINTS)[number], 'Baseline' | 'Week4' | 'Week8' | 'Month3' | 'Month6'> = {
  baseline: 'Baseline',
  week_4: 'Week4',
  week_8: 'Week8',
  month_3: 'Month3',
  month_6: 'Month6',
}

/**
 * Each time point's scores from the enrollment's row in enrollment_scores (kept by triggers from the
 * scheduled, not voided assessments), in SCHEDULED_TIME_POINTS then SCORES order; with
 * excludeOutOfWindow, null where that assessment carries a protocol-deviation reason.
 */
function scoreColumns({ enrollmentScores }: ClinicTables, excludeOutOfWindow: boolean): SQL[] {
  return SCHEDULED_TIME_POINTS.flatMap((point) =>
    SCORES.map((measure) => {
      const score = enrollmentScores[`${measure}${AT[point]}`]
      return excludeOutOfWindow ? sql`case when ${enrollmentScores[`outOfWindow${AT[point]}`]} = 1 then null else ${score} end` : sql`${score}`
    }),
  )
}

/**
 * Whether the filter reads the patient (demo, sex, age): only then does the cohort query join
 * patients. Every enrollment has its patient (patient_id is not null and references patients), so
 * the join leaves no row out; without it the server reads 100,000 runners' rows in 165 against 215 ms.
 */
const patientFiltered = (filter: CohortFilter) => !filter.includeDemo || filter.sex !== null || filter.ageMin !== null || filter.ageMax !== null

/** cohortRows' query and its columns before the scores (the scores follow, time point by time point, SCORES in order). */
export function cohortQuery(db: ClinicDb, filter: CohortFilter) {
  const tables = tablesOf(db)
  const { enrollments, patients, runningProfiles, assignments, allocations, enrollmentAttendance, enrollmentScores } = tables
  const COHORT = cohortColumns(tables)
  const query = sql`
    select ${COHORT.list}, ${sql.join(scoreColumns(tables, filter.excludeOutOfWindow), sql`, `)}
    from ${enrollments}
      ${patientFiltered(filter) ? sql`inner join ${patients} on ${patients.id} = ${enrollments.patientId}` : sql``}
      inner join ${runningProfiles} on ${runningProfiles.enrollmentId} = ${enrollments.id}
      inner join ${assignments} on ${assignments.enrollmentId} = ${enrollments.id}
      left join ${allocations} on ${allocations.enrollmentId} = ${enrollments.id}
      left join ${enrollmentAttendance} on ${enrollmentAttendance.enrollmentId} = ${enrollments.id}
      left join ${enrollmentScores} on ${enrollmentScores.enrollmentId} = ${enrollments.id}
    where ${cohortConditions(tables, filter) ?? sql`1 = 1`}
    order by ${enrollments.id}
  `
  return { query, columns: COHORT }
}

/**
 * The group comparison's data in one query: one row per enrollment with a
 * program, its scores at each trial time point side by side (unscheduled and
 * voided assessments are left out; kept per enrollment by triggers in
 * enrollment_scores) and the supervised sessions attended (likewise in
 * enrollment_attendance). Rows are handed on one by one as arrays (eachRow): no
 * object per row from the driver, nothing collected before it is read. The program's code is
 * looked up from the assignment's program version in a map of the few
 * versions (read first), not joined per runner: every assignment
 * has a version and every version a program (not null, foreign keys), and
 * the two joins were a fifth of a server's time for 100,000 runners.
 */
export async function cohortRows(db: ClinicDb, filter: CohortFilter): Promise<CohortRows> {
  const { query, columns: COHORT } = cohortQuery(db, filter)
  const programCodes = await programCodesByVersion(db)
  const width = SCHEDULED_TIME_POINTS.length
  const c = COHORT.at
  const cohort: CohortRow[] = []
  // Score columns with room for `capacity` runners, doubled when full (the count is known only at the end).
  let capacity = 1024
  let columns = SCORES.map(() => new Float64Array(capacity * width))
  await COHORT.each<(number | null)[]>(db, query, (row) => {
    const index = cohort.length
    if (index === capacity) {
      capacity *= 2
      columns = columns.map((column) => {
        const grown = new Float64Array(capacity * width)
        grown.set(column)
        return grown
      })
    }
    for (let m = 0; m < columns.length; m++) {
      for (let t = 0; t < width; t++) columns[m][index * width + t] = (row[COHORT.width + SCORES.length * t + m] as number | null) ?? Number.NaN
    }
    const programCode = programCodes.get(row[c.programVersionId])
    if (programCode === undefined) throw new Error(`cohortRows: program version ${row[c.programVersionId]} has no program`)
    const allocated = row[c.allocatedProgramCode]
    const allocatedProgramCode = allocated === null ? null : PROGRAM_CODE_OF.get(allocated)
    if (allocatedProgramCode === undefined) throw new Error(`cohortRows: enrollment ${row[c.enrollmentId]} was allocated an unknown program ${allocated}`)
    cohort.push({
      enrollmentId: row[c.enrollmentId],
      programCode,
      supervisedAttended: row[c.supervisedAttended],
      withdrawn: row[c.withdrawnOn] !== null,
      randomised: row[c.randomised] === 1,
      allocatedProgramCode,
      consented: row[c.consented] === 1,
      index,
    })
  })
  const scores = Object.fromEntries(SCORES.map((measure, m) => [measure, columns[m].subarray(0, cohort.length * width)])) as Record<Measure, Float64Array>
  return { rows: cohort, scores }
}

/** One enrollment's delivery so far: sessions done within the plan and the supervised exercises' dose totals. */
export interface DeliveryRow {
  enrollmentId: number
  homePerWeek: number
  supervisedPerWeek: number
  /** Completed program weeks on the day asked for (0–8). */
  weeksElapsed: number
  /** Days with an attended session (voided ones left out) in the completed weeks, at most the planned number in any one week. */
  homeDone: number
  supervisedDone: number
  /** Exercises of attended supervised sessions with a prescribed dose; those done as prescribed; the sum of done ÷ prescribed volume. */
  exercises: number
  asPrescribed: number
  volumeRatioSum: number
}

/**
 * Adherence and fidelity of every enrollment that matches the filter, in one
 * grouped query: weekly counts and dose totals are aggregated per enrollment
 * first, then joined to the cohort (no query per runner). Dose totals come per
 * session from session_doses (kept by triggers, with the dose rules of
 * electron/clinic/stats/fidelity.ts), not from every exercise row.
 */
export async function deliveryRows(db: ClinicDb, filter: CohortFilter, today: string): Promise<DeliveryRow[]> {
  const tables = tablesOf(db)
  const { programVersions, patients, enrollments, runningProfiles, assignments, sessions, sessionDoses } = tables
  const elapsedWeeks = sql`cast(${daysBetween(db, assignments.startDate, sql`${today}`)} / 7 as integer)`
  return rows<DeliveryRow>(db, sql`
    with plan as (
      select ${assignments.enrollmentId} as enrollment_id,
        ${programVersions.homeSessionsPerWeek} as home_per_week,
        ${programVersions.supervisedSessionsPerWeek} as supervised_per_week,
        ${larger(sql`0`, smaller(programVersions.weeks, elapsedWeeks))} as weeks
      from ${assignments} inner join ${programVersions} on ${programVersions.id} = ${assignments.programVersionId}
    ),
    weekly as (
      select ${sessions.enrollmentId} as enrollment_id, ${sessions.kind} as kind, ${sessions.week} as week, count(distinct ${sessions.sessionDate}) as done
      from ${sessions} where ${sessions.attended} = 1 and ${sessions.voidedAt} is null
      group by ${sessions.enrollmentId}, ${sessions.kind}, ${sessions.week}
    ),
    done as (
      select plan.enrollment_id,
        sum(case when weekly.kind = 'home' and weekly.week <= plan.weeks then ${smaller(sql`weekly.done`, sql`plan.home_per_week`)} else 0 end) as home_done,
        sum(case when weekly.kind = 'supervised' and weekly.week <= plan.weeks then ${smaller(sql`weekly.done`, sql`plan.supervised_per_week`)} else 0 end) as supervised_done
      from plan inner join weekly on weekly.enrollment_id = plan.enrollment_id
      group by plan.enrollment_id
    ),
    dose as (
      select ${sessions.enrollmentId} as enrollment_id, sum(${sessionDoses.exercises}) as exercises,
        sum(${sessionDoses.asPrescribed}) as as_prescribed, sum(${sessionDoses.volumeRatioSum}) as volume_ratio_sum
      from ${sessions} inner join ${sessionDoses} on ${sessionDoses.sessionId} = ${sessions.id}
      where ${sessions.kind} = 'supervised' and ${sessions.attended} = 1 and ${sessions.voidedAt} is null
      group by ${sessions.enrollmentId}
    )
    select ${enrollments.id} as "enrollmentId", plan.home_per_week as "homePerWeek", plan.supervised_per_week as "supervisedPerWeek",
      plan.weeks as "weeksElapsed", coalesce(done.home_done, 0) as "homeDone", coalesce(done.supervised_done, 0) as "supervisedDone",
      coalesce(dose.exercises, 0) as "exercises", coalesce(dose.as_prescribed, 0) as "asPrescribed",
      coalesce(dose.volume_ratio_sum, 0) as "volumeRatioSum"
    from ${enrollments}
      inner join ${patients} on ${patients.id} = ${enrollments.patientId}
      inner join ${runningProfiles} on ${runningProfiles.enrollmentId} = ${enrollments.id}
      inner join plan on plan.enrollment_id = ${enrollments.id}
      inner join ${assignments} on ${assignments.enrollmentId} = ${enrollments.id}
      left join done on done.enrollment_id = ${enrollments.id}
      left join dose on dose.enrollment_id = ${enrollments.id}
    where ${cohortConditions(tables, filter) ?? sql`1 = 1`}
  `)
}

/** Adverse events per enrollment that has any: events, serious ones, and those related to the exercise program; voided ones left out. */
export async function adverseEventTotals(db: ClinicDb): Promise<Map<number, { events: number; serious: number; related: number }>> {
  const { adverseEvents } = tablesOf(db)
  const totals = await values<[number, number, number, number]>(db, sql`
    select ${adverseEvents.enrollmentId}, count(*),
      sum(case when ${adverseEvents.severity} = 'serious' then 1 else 0 end), sum(case when ${adverseEvents.related} = 'yes' then 1 else 0 end)
    from ${adverseEvents} where ${adverseEvents.voidedAt} is null group by ${adverseEvents.enrollmentId}
  `)
  return new Map(totals.map(([enrollmentId, events, serious, related]) => [enrollmentId, { events, serious, related }]))
}
