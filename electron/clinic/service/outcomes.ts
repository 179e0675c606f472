import { cohortRows, TRIAL_TIME_POINTS, type CohortFilter, type CohortRow } from '../../../db/repositories/outcomes'
import { AGE_BANDS, type ComparisonFilter } from '../contract'
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

/** The three program groups compared on the enrollments that match the filter. */
export async function compareProgramGroups(ctx: ServiceContext, filter: ComparisonFilter): Promise<GroupComparisonResult> {
  const rows = await cohortRows(ctx.store.db, cohortFilter(filter))
  const { outcomes, attendance } = comparisonRecords(rows)
  const comparison = compareGroups(outcomes, attendance)
  return { filter, patients: rows.length, comparison }
}
