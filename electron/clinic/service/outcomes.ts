import { attendanceRows, outcomeRows, type CohortFilter } from '../../../db/repositories/outcomes'
import { AGE_BANDS, type ComparisonFilter } from '../contract'
import type { GroupComparisonResult } from '../contract/views'
import { compareGroups } from '../stats'
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

/** The three program groups compared on the enrollments that match the filter. */
export async function compareProgramGroups(ctx: ServiceContext, filter: ComparisonFilter): Promise<GroupComparisonResult> {
  const cohort = cohortFilter(filter)
  const [outcomes, attendance] = await Promise.all([outcomeRows(ctx.store.db, cohort), attendanceRows(ctx.store.db, cohort)])
  const comparison = compareGroups(
    outcomes.map((row) => ({
      patientId: row.enrollmentId,
      programCode: row.programCode,
      timePoint: row.timePoint,
      runningPain: row.runningPain,
      runability: row.runability,
    })),
    attendance.map((row) => ({
      patientId: row.enrollmentId,
      programCode: row.programCode,
      supervisedAttended: row.supervisedAttended,
      droppedOut: row.withdrawn,
    })),
  )
  return { filter, patients: attendance.length, comparison }
}
