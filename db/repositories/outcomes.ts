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
