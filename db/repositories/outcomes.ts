import { and, eq, gte, inArray, lte, sql, type SQL } from 'drizzle-orm'
import type { ClinicDb } from '../client'
import {
  allocations,
  assessments,
  assignments,
  enrollments,
  patients,
  programs,
  programVersions,
  runningProfiles,
  sessionExercises,
  sessions,
} from '../schema'

export interface CohortFilter {
  enrolledFrom: string | null
  enrolledTo: string | null
  sex: 'female' | 'male' | 'diverse' | null
  /** Age at enrollment in whole years, inclusive bounds. */
  ageMin: number | null
  ageMax: number | null
  runsPerWeekMin: number | null
  runsPerWeekMax: number | null
  includeDemo: boolean
}

/** Enrollments with a program that match the filter (the joins every cohort query shares). */
function cohortConditions(filter: CohortFilter): SQL | undefined {
  return and(
    filter.includeDemo ? undefined : eq(patients.isDemo, false),
    filter.enrolledFrom ? gte(enrollments.enrolledOn, filter.enrolledFrom) : undefined,
    filter.enrolledTo ? lte(enrollments.enrolledOn, filter.enrolledTo) : undefined,
    filter.sex ? eq(patients.sex, filter.sex) : undefined,
    // Exact age in years at enrollment: born on or before the enrollment date minus N years.
    filter.ageMin !== null ? sql`${patients.dateOfBirth} <= date(${enrollments.enrolledOn}, ${`-${filter.ageMin} years`})` : undefined,
    filter.ageMax !== null
      ? sql`${patients.dateOfBirth} > date(${enrollments.enrolledOn}, ${`-${filter.ageMax + 1} years`})`
      : undefined,
    filter.runsPerWeekMin !== null ? gte(runningProfiles.runsPerWeek, filter.runsPerWeekMin) : undefined,
    filter.runsPerWeekMax !== null ? lte(runningProfiles.runsPerWeek, filter.runsPerWeekMax) : undefined,
  )
}

function cohort<T extends Record<string, unknown>>(db: ClinicDb, columns: T) {
  return db
    .select(columns as never)
    .from(enrollments)
    .innerJoin(patients, eq(patients.id, enrollments.patientId))
    .innerJoin(runningProfiles, eq(runningProfiles.enrollmentId, enrollments.id))
    .innerJoin(assignments, eq(assignments.enrollmentId, enrollments.id))
    .innerJoin(programVersions, eq(programVersions.id, assignments.programVersionId))
    .innerJoin(programs, eq(programs.id, programVersions.programId))
}

export const TRIAL_TIME_POINTS = ['baseline', 'week_4', 'week_8', 'month_3', 'month_6'] as const
export type TrialTimePoint = (typeof TRIAL_TIME_POINTS)[number]

/** One enrollment of the cohort: its program, attendance, withdrawal, and its scores at each trial time point. */
export interface CohortRow {
  enrollmentId: number
  programCode: 'P1' | 'P2' | 'P3'
  supervisedAttended: number
  withdrawn: boolean
  /** The program came from the randomisation sequence; allocatedProgramCode is the sequence's program (null otherwise). */
  randomised: boolean
  allocatedProgramCode: 'P1' | 'P2' | 'P3' | null
  runningPain: Record<TrialTimePoint, number | null>
  runability: Record<TrialTimePoint, number | null>
}

/**
 * The group comparison's data in one pass: one row per enrollment, with the
 * scores of each trial time point side by side (the API allows one assessment
 * per scheduled time point; unscheduled ones are left out) and the supervised
 * sessions attended, read from the covering and partial indexes.
 */
export async function cohortRows(db: ClinicDb, filter: CohortFilter): Promise<CohortRow[]> {
  const at = (timePoint: TrialTimePoint, column: typeof assessments.runningPain | typeof assessments.runability) =>
    sql<number | null>`max(case when ${assessments.timePoint} = ${timePoint} then ${column} end)`
  const scores = Object.fromEntries(
    TRIAL_TIME_POINTS.flatMap((t) => [
      [`pain_${t}`, at(t, assessments.runningPain)],
      [`runability_${t}`, at(t, assessments.runability)],
    ]),
  )
  const rows = (await cohort(db, {
    enrollmentId: enrollments.id,
    programCode: programs.code,
    withdrawnOn: enrollments.withdrawnOn,
    randomised: assignments.randomised,
    allocatedProgramCode: sql<string | null>`(select ${allocations.programCode} from ${allocations} where ${allocations.enrollmentId} = ${enrollments.id})`,
    supervisedAttended: sql<number>`(select count(*) from ${sessions} where ${sessions.enrollmentId} = ${enrollments.id} and ${sessions.kind} = 'supervised' and ${sessions.attended} = 1)`,
    ...scores,
  })
    .leftJoin(assessments, and(eq(assessments.enrollmentId, enrollments.id), inArray(assessments.timePoint, [...TRIAL_TIME_POINTS])))
    .where(cohortConditions(filter))
    .groupBy(enrollments.id)) as Record<string, number | string | null>[]
  const score = (value: number | string | null) => value as number | null
  return rows.map((row) => ({
    enrollmentId: row.enrollmentId as number,
    programCode: row.programCode as CohortRow['programCode'],
    supervisedAttended: row.supervisedAttended as number,
    withdrawn: row.withdrawnOn !== null,
    randomised: Boolean(row.randomised),
    allocatedProgramCode: row.allocatedProgramCode as CohortRow['allocatedProgramCode'],
    runningPain: {
      baseline: score(row.pain_baseline),
      week_4: score(row.pain_week_4),
      week_8: score(row.pain_week_8),
      month_3: score(row.pain_month_3),
      month_6: score(row.pain_month_6),
    },
    runability: {
      baseline: score(row.runability_baseline),
      week_4: score(row.runability_week_4),
      week_8: score(row.runability_week_8),
      month_3: score(row.runability_month_3),
      month_6: score(row.runability_month_6),
    },
  }))
}

/** One enrollment's delivery so far: sessions done within the plan and the supervised exercises' dose totals. */
export interface DeliveryRow {
  enrollmentId: number
  homePerWeek: number
  supervisedPerWeek: number
  /** Completed program weeks on the day asked for (0–8). */
  weeksElapsed: number
  /** Attended sessions in the completed weeks, at most the planned number in any one week. */
  homeDone: number
  supervisedDone: number
  /** Exercises of attended supervised sessions with a prescribed dose; those done as prescribed; the sum of done ÷ prescribed volume. */
  exercises: number
  asPrescribed: number
  volumeRatioSum: number
}

/*
 * The dose rules of electron/clinic/stats/fidelity.ts (exerciseFidelity), in SQL
 * so that 10,000 runners are summed in one pass; tests/integration/delivery.test.ts
 * checks both agree. Unit per set: reps (upper end of the range; the lower end
 * for "as prescribed"), else the hold, else the duration, else the set itself.
 */
const se = sessionExercises
const prescribedMax = sql`coalesce(${se.prescribedRepsMax}, ${se.prescribedRepsMin}, ${se.prescribedHoldSeconds}, ${se.prescribedDurationSeconds}, 1)`
const prescribedMin = sql`coalesce(${se.prescribedRepsMin}, ${se.prescribedRepsMax}, ${se.prescribedHoldSeconds}, ${se.prescribedDurationSeconds}, 1)`
const doneUnit = sql`coalesce(case
  when ${se.prescribedRepsMax} is not null or ${se.prescribedRepsMin} is not null then ${se.doneReps}
  when ${se.prescribedHoldSeconds} is not null then ${se.doneHoldSeconds}
  when ${se.prescribedDurationSeconds} is not null then ${se.doneDurationSeconds}
  when ${se.doneSets} is not null then 1 end, 0)`
const doneSets = sql`coalesce(${se.doneSets}, 0)`

/**
 * Adherence and fidelity of every enrollment that matches the filter, in one
 * grouped query: weekly counts and exercise totals are aggregated per enrollment
 * first, then joined to the cohort (no query per runner).
 */
export async function deliveryRows(db: ClinicDb, filter: CohortFilter, today: string): Promise<DeliveryRow[]> {
  const rows = db.all<Record<string, number>>(sql`
    with plan as (
      select ${assignments.enrollmentId} as enrollment_id,
        ${programVersions.homeSessionsPerWeek} as home_per_week,
        ${programVersions.supervisedSessionsPerWeek} as supervised_per_week,
        max(0, min(${programVersions.weeks}, cast((julianday(${today}) - julianday(${assignments.startDate})) / 7 as integer))) as weeks
      from ${assignments} inner join ${programVersions} on ${programVersions.id} = ${assignments.programVersionId}
    ),
    weekly as (
      select ${sessions.enrollmentId} as enrollment_id, ${sessions.kind} as kind, ${sessions.week} as week, count(*) as done
      from ${sessions} where ${sessions.attended} = 1
      group by ${sessions.enrollmentId}, ${sessions.kind}, ${sessions.week}
    ),
    done as (
      select plan.enrollment_id,
        sum(case when weekly.kind = 'home' and weekly.week <= plan.weeks then min(weekly.done, plan.home_per_week) else 0 end) as home_done,
        sum(case when weekly.kind = 'supervised' and weekly.week <= plan.weeks then min(weekly.done, plan.supervised_per_week) else 0 end) as supervised_done
      from plan inner join weekly on weekly.enrollment_id = plan.enrollment_id
      group by plan.enrollment_id
    ),
    dose as (
      select ${sessions.enrollmentId} as enrollment_id, count(*) as exercises,
        sum(${doneSets} >= ${se.prescribedSets} and ${doneUnit} >= ${prescribedMin}) as as_prescribed,
        sum(1.0 * ${doneSets} * ${doneUnit} / (${se.prescribedSets} * ${prescribedMax})) as volume_ratio_sum
      from ${se} inner join ${sessions} on ${sessions.id} = ${se.sessionId}
      where ${sessions.kind} = 'supervised' and ${sessions.attended} = 1
        and ${se.prescribedSets} > 0 and ${prescribedMax} > 0
      group by ${sessions.enrollmentId}
    )
    select ${enrollments.id} as enrollmentId, plan.home_per_week as homePerWeek, plan.supervised_per_week as supervisedPerWeek,
      plan.weeks as weeksElapsed, coalesce(done.home_done, 0) as homeDone, coalesce(done.supervised_done, 0) as supervisedDone,
      coalesce(dose.exercises, 0) as exercises, coalesce(dose.as_prescribed, 0) as asPrescribed,
      coalesce(dose.volume_ratio_sum, 0) as volumeRatioSum
    from ${enrollments}
      inner join ${patients} on ${patients.id} = ${enrollments.patientId}
      inner join ${runningProfiles} on ${runningProfiles.enrollmentId} = ${enrollments.id}
      inner join plan on plan.enrollment_id = ${enrollments.id}
      left join done on done.enrollment_id = ${enrollments.id}
      left join dose on dose.enrollment_id = ${enrollments.id}
    where ${cohortConditions(filter) ?? sql`1 = 1`}
  `)
  return rows as unknown as DeliveryRow[]
}
