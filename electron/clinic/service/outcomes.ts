import { adverseEventTotals, cohortRows, type CohortFilter, type CohortRow, type CohortRows } from '../../../db/repositories/outcomes'
import { AGE_BANDS, type ComparisonFilter } from '../contract'
import type { AdverseEventCounts, ComparisonRandomisation, GroupComparisonResult } from '../contract/views'
import { compareCohort, emptyCohort, type AttendanceRecord, type Cohort } from '../stats'
import { keyedBy } from '../stats/keyed'
import type { ServiceContext } from './context'
import { siteView } from './sites'
import { siteRow } from '../../../db/repositories/sites'
import { notFound } from '../errors'
import { coded } from '../contract/messages'
import { ANALYSIS_SETS, MEASURES, PROGRAM_CODES, SCHEDULED_TIME_POINTS, type AnalysisSet, type ProgramCode } from '../domain/vocabulary'

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
    excludeOutOfWindow: filter.outOfWindow === 'exclude',
    programVersionIds: filter.programVersionIds,
    siteId: filter.siteId,
  }
}

// The cohort's columns follow the statistics' time points; the query's are the same, in the same order.
void (SCHEDULED_TIME_POINTS satisfies typeof SCHEDULED_TIME_POINTS)

/**
 * The statistics' input from these rows of the cohort: their outcomes as columns, one attendance record per
 * enrollment. When the rows are the cohort's own, in its order (the analysis set "all"), the statistics read
 * the score columns as they came: no copy of 100,000 runners' scores.
 */
export function comparisonCohort(rows: readonly CohortRow[], scores: CohortRows['scores']): { cohort: Cohort; attendance: AttendanceRecord[] } {
  const width = SCHEDULED_TIME_POINTS.length
  const inPlace = rows.every((row, p) => row.index === p) && scores.runningPain.length === rows.length * width
  const cohort = inPlace ? { patientIds: new Array<number>(rows.length), programs: new Uint8Array(rows.length), scores } : emptyCohort(rows.length)
  rows.forEach((row, p) => {
    cohort.patientIds[p] = row.enrollmentId
    cohort.programs[p] = PROGRAM_CODES.indexOf(row.programCode)
    if (inPlace) return
    for (const measure of MEASURES) {
      const from = scores[measure]
      const to = cohort.scores[measure]
      for (let t = 0; t < width; t++) to[p * width + t] = from[row.index * width + t]
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
  const members = rows.filter((row) => inAnalysisSet(row, set))
  // Intention to treat and per protocol count each runner in the program the sequence allocated.
  return set === 'consented' ? members : members.map((row) => ({ ...row, programCode: row.allocatedProgramCode! }))
}

/** Whether the analysis set holds this runner (analysisSetRows without building the rows). */
function inAnalysisSet(row: CohortRow, set: AnalysisSet): boolean {
  if (set === 'all') return true
  if (set === 'consented') return row.consented
  const randomised = row.randomised && row.allocatedProgramCode !== null
  return set === 'itt' ? randomised : randomised && row.supervisedAttended >= PER_PROTOCOL_MIN_SUPERVISED
}

/** Adverse events per program among the given runners. */
export function adverseEventCounts(
  rows: readonly CohortRow[],
  totals: ReadonlyMap<number, { events: number; serious: number; related: number }>,
): Record<ProgramCode, AdverseEventCounts> {
  const counts = Object.fromEntries(
    PROGRAM_CODES.map((code) => [code, { events: 0, runners: 0, serious: 0, related: 0 }]),
  ) as Record<ProgramCode, AdverseEventCounts>
  for (const row of rows) {
    const total = totals.get(row.enrollmentId)
    if (!total) continue
    const c = counts[row.programCode]
    c.events += total.events
    c.runners += 1
    c.serious += total.serious
    c.related += total.related
  }
  return counts
}

/**
 * Whether a comparison in this analysis set compares randomised groups. Only
 * intention to treat keeps the allocation whole. Per protocol keeps randomised
 * runners by how much they attended, a choice made after allocation; "all"
 * holds runners whose program was chosen by hand. The filters (enrollment
 * date, sex, age, runs a week) are facts from before allocation and keep it:
 * a subgroup of a randomised set is still randomised.
 */
export function comparisonRandomisation(set: AnalysisSet): ComparisonRandomisation {
  return set === 'itt' ? 'randomised' : set === 'per_protocol' ? 'selected_after_randomisation' : 'not_randomised'
}

/** The three program groups compared on the enrollments that match the filter, in the analysis set asked for. */
export async function compareProgramGroups(ctx: ServiceContext, filter: ComparisonFilter): Promise<GroupComparisonResult> {
  // Three reads, at once on a server (each on its own pooled connection).
  const [{ rows: matching, scores }, eventTotals, site] = await Promise.all([
    cohortRows(ctx.store.db, cohortFilter(filter)),
    adverseEventTotals(ctx.store.db),
    filter.siteId === null ? null : siteRow(ctx.store.db, filter.siteId),
  ])
  if (filter.siteId !== null && !site) throw notFound(coded('site_not_found'), 'siteId')
  const rows = analysisSetRows(matching, filter.analysisSet)
  const { cohort, attendance } = comparisonCohort(rows, scores)
  const comparison = compareCohort(cohort, attendance)
  const leftOut = keyedBy(ANALYSIS_SETS, () => 0)
  for (const row of matching) for (const set of ANALYSIS_SETS) if (!inAnalysisSet(row, set)) leftOut[set]++
  const adverseEvents = adverseEventCounts(rows, eventTotals)
  return {
    filter,
    site: site ? siteView(site) : null,
    analysisSet: filter.analysisSet,
    patients: rows.length,
    matching: matching.length,
    leftOut,
    randomisation: comparisonRandomisation(filter.analysisSet),
    comparison,
    adverseEvents,
  }
}
