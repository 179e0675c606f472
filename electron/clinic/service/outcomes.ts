import { cohortRows, type CohortFilter, type CohortRow } from '../../../db/repositories/outcomes'
import { AGE_BANDS, type ComparisonFilter } from '../contract'
import type { GroupComparisonResult } from '../contract/views'
import { compareCohort, emptyCohort, type AttendanceRecord, type Cohort } from '../stats'
import type { ServiceContext } from './context'
import { PROGRAM_CODES, SCHEDULED_TIME_POINTS, type AnalysisSet } from '../domain/vocabulary'

export function cohortFilter(filter: ComparisonFilter): CohortFilter {
  const band = filter.ageBand ? AGE_BANDS[filter.ageBand] : null
  return {
    enrolledFrom: filter.enrolledFrom,
    enrolledTo: filter.enrolledTo,
    sex: filter.sex,
    ageMin: band?.min ?? null,
    ageMax: band?.max ?? null,
    runsPerWeekMin: filter.runsPerWeekMin,
    runsPerWeekMax: filter.runsPerWeekMax,
    includeDemo: filter.includeDemo,
  }
}

// The cohort's columns follow the statistics' time points; the query's are the same, in the same order.
void (SCHEDULED_TIME_POINTS satisfies typeof SCHEDULED_TIME_POINTS)

/** The statistics' input from the cohort rows: the outcomes as columns, one attendance record per enrollment. */
export function comparisonCohort(rows: readonly CohortRow[]): { cohort: Cohort; attendance: AttendanceRecord[] } {
  const cohort = emptyCohort(rows.length)
  const width = SCHEDULED_TIME_POINTS.length
  rows.forEach((row, p) => {
    cohort.patientIds[p] = row.enrollmentId
    cohort.programs[p] = PROGRAM_CODES.indexOf(row.programCode)
    for (let t = 0; t < width; t++) {
      cohort.scores.runningPain[p * width + t] = row.runningPain[t] ?? Number.NaN
      cohort.scores.runability[p * width + t] = row.runability[t] ?? Number.NaN
    }
  })
  const attendance = rows.map((row) => ({
    patientId: row.enrollmentId,
    programCode: row.programCode,
    supervisedAttended: row.supervisedAttended,
    droppedOut: row.withdrawn,
  }))
  return { cohort, attendance }
}

/**
 * Per protocol: at least 12 of the 16 supervised sessions attended (75 %, the
 * clinic's definition of "received the program as planned").
 */
export const PER_PROTOCOL_MIN_SUPERVISED = 12

/**
 * The patients of an analysis set. all: everyone with a program, in the program
 * they do. itt (intention to treat): randomised runners in the program they were
 * allocated, drop-outs included. per_protocol: randomised runners who attended
 * at least PER_PROTOCOL_MIN_SUPERVISED supervised sessions.
 */
export function analysisSetRows(rows: CohortRow[], set: AnalysisSet): CohortRow[] {
  if (set === 'all') return rows
  const randomised = rows.flatMap((row) =>
    row.randomised && row.allocatedProgramCode ? [{ ...row, programCode: row.allocatedProgramCode }] : [],
  )
  return set === 'itt' ? randomised : randomised.filter((row) => row.supervisedAttended >= PER_PROTOCOL_MIN_SUPERVISED)
}

/** The three program groups compared on the enrollments that match the filter, in the analysis set asked for. */
export async function compareProgramGroups(ctx: ServiceContext, filter: ComparisonFilter): Promise<GroupComparisonResult> {
  const rows = analysisSetRows(await cohortRows(ctx.store.db, cohortFilter(filter)), filter.analysisSet)
  const { cohort, attendance } = comparisonCohort(rows)
  const comparison = compareCohort(cohort, attendance)
  return { filter, analysisSet: filter.analysisSet, patients: rows.length, comparison }
}
