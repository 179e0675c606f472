import { ancova } from './ancova'
import { summarizeAttendance } from './attendance'
import { changes, type PairedScores } from './change'
import { cohortFromRecords, type Cohort } from './cohort'
import { oneWayAnova, welchTest } from './compare'
import { CONFIDENCE, RESPONDER_MEASURES } from './constants'
import { summarize } from './describe'
import { keyedBy } from './keyed'
import { summarizeResponders } from './responders'
import {
  FOLLOW_UP_TIME_POINTS,
  MEASURES,
  PROGRAM_CODES,
  SCHEDULED_TIME_POINTS,
  type FollowUpTimePoint,
  type Measure,
  type ProgramCode,
  type ScheduledTimePoint,
} from '../domain/vocabulary'
import {
  IMPROVEMENT_DIRECTION,
  type AttendanceRecord,
  type ChangeDifference,
  type FollowUpComparison,
  type GroupComparison,
  type MeasureComparison,
  type OutcomeRecord,
} from './types'
import { assertValidAttendance, assertValidCohort } from './validate'

/** The between-group differences reported, each as first − second. */
export const PROGRAM_PAIRS: readonly (readonly [first: ProgramCode, second: ProgramCode])[] = PROGRAM_CODES.flatMap((first, i) =>
  PROGRAM_CODES.slice(i + 1).map((second) => [first, second] as const),
)

const BASELINE = SCHEDULED_TIME_POINTS.indexOf('baseline')

/** Each program's patients with a score at both baseline and this follow-up; the others are left out. */
function pairsAt(cohort: Cohort, measure: Measure, followUp: FollowUpTimePoint): Record<ProgramCode, PairedScores> {
  const scores = cohort.scores[measure]
  const at = SCHEDULED_TIME_POINTS.indexOf(followUp)
  const pairs = PROGRAM_CODES.map((): PairedScores => ({ baseline: [], followUp: [] }))
  for (let p = 0; p < cohort.programs.length; p++) {
    const baseline = scores[p * SCHEDULED_TIME_POINTS.length + BASELINE]
    const score = scores[p * SCHEDULED_TIME_POINTS.length + at]
    if (Number.isNaN(baseline) || Number.isNaN(score)) continue
    const group = pairs[cohort.programs[p]]
    group.baseline.push(baseline)
    group.followUp.push(score)
  }
  return keyedBy(PROGRAM_CODES, (program) => pairs[PROGRAM_CODES.indexOf(program)])
}

/** The recorded scores of each program at each time point. */
function scoresByCell(cohort: Cohort, measure: Measure): Record<ProgramCode, Record<ScheduledTimePoint, number[]>> {
  const scores = cohort.scores[measure]
  const cells = PROGRAM_CODES.map(() => SCHEDULED_TIME_POINTS.map(() => [] as number[]))
  for (let p = 0; p < cohort.programs.length; p++) {
    const row = cells[cohort.programs[p]]
    for (let t = 0; t < SCHEDULED_TIME_POINTS.length; t++) {
      const score = scores[p * SCHEDULED_TIME_POINTS.length + t]
      if (!Number.isNaN(score)) row[t].push(score)
    }
  }
  return keyedBy(PROGRAM_CODES, (program) =>
    keyedBy(SCHEDULED_TIME_POINTS, (point) => cells[PROGRAM_CODES.indexOf(program)][SCHEDULED_TIME_POINTS.indexOf(point)]),
  )
}

function compareFollowUp(measure: Measure, pairs: Record<ProgramCode, PairedScores>, timePoint: FollowUpTimePoint): FollowUpComparison {
  const change = keyedBy(PROGRAM_CODES, (program) => changes(pairs[program]))
  const n = keyedBy(PROGRAM_CODES, (program) => pairs[program].followUp.length)
  const differences = PROGRAM_PAIRS.map(
    ([first, second]): ChangeDifference => ({
      first,
      second,
      nFirst: n[first],
      nSecond: n[second],
      ...welchTest(change[first], change[second], [first, second]),
    }),
  )
  return {
    timePoint,
    change: keyedBy(PROGRAM_CODES, (program) => summarize(change[program])),
    responders: (RESPONDER_MEASURES as readonly Measure[]).includes(measure)
      ? keyedBy(PROGRAM_CODES, (program) => summarizeResponders(measure, pairs[program]))
      : null,
    differences,
    anova: { n, ...oneWayAnova(change) },
    ancova: { n, ...ancova(pairs) },
  }
}

function compareMeasure(cohort: Cohort, measure: Measure): MeasureComparison {
  const cells = scoresByCell(cohort, measure)
  return {
    measure,
    improvement: IMPROVEMENT_DIRECTION[measure],
    scores: keyedBy(PROGRAM_CODES, (program) => keyedBy(SCHEDULED_TIME_POINTS, (point) => summarize(cells[program][point]))),
    followUps: keyedBy(FOLLOW_UP_TIME_POINTS, (point) => compareFollowUp(measure, pairsAt(cohort, measure, point), point)),
  }
}

/**
 * The three programs compared for running pain, runability and the sit-to-stand repetitions: scores per time
 * point, change from baseline, responders, differences in change (Welch),
 * ANOVA on change, ANCOVA of follow-up on program and baseline, attendance.
 *
 * Expects one outcome record per patient and time point (the caller picks which
 * assessment counts) and one attendance record per patient; throws
 * StatsInputError otherwise. A patient without a score at a time point is left
 * out of that cell, and every figure carries the n it is based on.
 */
export function compareGroups(outcomes: readonly OutcomeRecord[], attendance: readonly AttendanceRecord[]): GroupComparison {
  return compareCohort(cohortFromRecords(outcomes), attendance)
}

/**
 * compareGroups on a cohort already in columns (what the clinic service builds
 * straight from its query). Throws StatsInputError on an unknown program or a
 * score outside 0–10, and on attendance `compareGroups` rejects.
 */
export function compareCohort(cohort: Cohort, attendance: readonly AttendanceRecord[]): GroupComparison {
  assertValidCohort(cohort)
  assertValidAttendance(attendance)
  return {
    confidence: CONFIDENCE,
    measures: keyedBy(MEASURES, (measure) => compareMeasure(cohort, measure)),
    attendance: keyedBy(PROGRAM_CODES, (program) =>
      summarizeAttendance(attendance.filter((record) => record.programCode === program)),
    ),
  }
}
