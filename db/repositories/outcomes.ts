import { and, eq, gte, lte, ne, sql, type SQL } from 'drizzle-orm'
import type { ClinicDb } from '../client'
import {
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

export interface OutcomeRow {
  enrollmentId: number
  programCode: 'P1' | 'P2' | 'P3'
  timePoint: 'baseline' | 'week_4' | 'week_8' | 'month_3' | 'month_6'
  runningPain: number
  runability: number
}

/** Scores at the trial's time points (unscheduled assessments are left out), one row per enrollment and time point. */
export async function outcomeRows(db: ClinicDb, filter: CohortFilter): Promise<OutcomeRow[]> {
  return (await cohort(db, {
    enrollmentId: enrollments.id,
    programCode: programs.code,
    timePoint: assessments.timePoint,
    runningPain: assessments.runningPain,
    runability: assessments.runability,
  })
    .innerJoin(assessments, eq(assessments.enrollmentId, enrollments.id))
    .where(and(cohortConditions(filter), ne(assessments.timePoint, 'unscheduled')))) as OutcomeRow[]
}

export interface AttendanceRow {
  enrollmentId: number
  programCode: 'P1' | 'P2' | 'P3'
  supervisedAttended: number
  withdrawn: boolean
}

export async function attendanceRows(db: ClinicDb, filter: CohortFilter): Promise<AttendanceRow[]> {
  const attended = db
    .select({
      enrollmentId: sessions.enrollmentId,
      count: sql<number>`count(*)`.as('attended_count'),
    })
    .from(sessions)
    .where(and(eq(sessions.kind, 'supervised'), eq(sessions.attended, true)))
    .groupBy(sessions.enrollmentId)
    .as('attended')
  const rows = (await cohort(db, {
    enrollmentId: enrollments.id,
    programCode: programs.code,
    supervisedAttended: sql<number>`coalesce(${attended.count}, 0)`,
    withdrawnOn: enrollments.withdrawnOn,
  })
    .leftJoin(attended, eq(attended.enrollmentId, enrollments.id))
    .where(cohortConditions(filter))) as (Omit<AttendanceRow, 'withdrawn'> & { withdrawnOn: string | null })[]
  return rows.map(({ withdrawnOn, ...row }) => ({ ...row, withdrawn: withdrawnOn !== null }))
}
