import { cohortRows, TRIAL_TIME_POINTS, type CohortFilter, type CohortRow } from '../../../db/repositories/outcomes'
import { AGE_BANDS, type AnalysisSet, type ComparisonFilter } from '../contract'
import type { GroupComparisonResult } from '../contract/views'
import { compareGroups, type AttendanceRecord, type OutcomeRecord } from '../stats'
import type { ServiceContext } from './context'

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

/** The statistics' input records from the cohort rows: one outcome record per enrollment and time point with a score. */
export function comparisonRecords(rows: CohortRow[]): { outcomes: OutcomeRecord[]; attendance: AttendanceRecord[] } {
  const outcomes: OutcomeRecord[] = []
  for (const row of rows) {
    for (const timePoint of TRIAL_TIME_POINTS) {
      const runningPain = row.runningPain[timePoint]
      const runability = row.runability[timePoint]
      if (runningPain !== null || runability !== null) {
        outcomes.push({ patientId: row.enrollmentId, programCode: row.programCode, timePoint, runningPain, runability })
      }
    }
  }
  const attendance = rows.map((row) => ({
    patientId: row.enrollmentId,
    programCode: row.programCode,
    supervisedAttended: row.supervisedAttended,
    droppedOut: row.withdrawn,
  }))
  return { outcomes, attendance }
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
  const { outcomes, attendance } = comparisonRecords(rows)
  const comparison = compareGroups(outcomes, attendance)
  return { filter, analysisSet: filter.analysisSet, patients: rows.length, comparison }
}
