import { ancova } from './ancova'
import { summarizeAttendance } from './attendance'
import { changes, type PairedScores } from './change'
import { cohortFromRecords, type Cohort } from './cohort'
import { anovaFromMoments, welchFromMoments } from './compare'
import { CONFIDENCE, RESPONDER_MEASURES } from './constants'
import { moments, summarize, summaryOf } from './describe'
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

/**
 * One measure's scores regrouped for the tests: each program's recorded scores at each time point
 * (`cells[program][t]`), and at each follow-up the patients with a score at both baseline and that
 * follow-up (`pairs[program][t]`, the others left out; empty at baseline). One pass over the cohort
 * into typed columns as long as the program's patients (`programSizes`), each then cut to what was
 * filled: no array grows by pushing.
 */
function regroup(cohort: Cohort, measure: Measure, programSizes: Int32Array) {
  const scores = cohort.scores[measure]
  const width = SCHEDULED_TIME_POINTS.length
  const size = cohort.programs.length
  // Per program and time point, flat: [program * width + t]; how many filled so far.
  const column = () => Array.from({ length: PROGRAM_CODES.length * width }, (_, cell) => new Float64Array(programSizes[Math.floor(cell / width)]))
  const cells = column()
  const baselines = column()
  const followUps = column()
  const cellCounts = new Int32Array(PROGRAM_CODES.length * width)
  const pairCounts = new Int32Array(PROGRAM_CODES.length * width)
  for (let p = 0; p < size; p++) {
    const at = cohort.programs[p] * width
    const baseline = scores[p * width + BASELINE]
    for (let t = 0; t < width; t++) {
      const score = scores[p * width + t]
      if (Number.isNaN(score)) continue
      cells[at + t][cellCounts[at + t]++] = score
      if (Number.isNaN(baseline) || t === BASELINE) continue
      const i = pairCounts[at + t]++
      baselines[at + t][i] = baseline
      followUps[at + t][i] = score
    }
  }
  const byProgram = <T>(t: number, at: (cell: number) => T) => keyedBy(PROGRAM_CODES, (program) => at(PROGRAM_CODES.indexOf(program) * width + t))
  return {
    cells: (point: ScheduledTimePoint) => byProgram(SCHEDULED_TIME_POINTS.indexOf(point), (cell) => cells[cell].subarray(0, cellCounts[cell])),
    pairs: (point: FollowUpTimePoint) =>
      byProgram(
        SCHEDULED_TIME_POINTS.indexOf(point),
        (cell): PairedScores => ({ baseline: baselines[cell].subarray(0, pairCounts[cell]), followUp: followUps[cell].subarray(0, pairCounts[cell]) }),
      ),
  }
}

function compareFollowUp(measure: Measure, pairs: Record<ProgramCode, PairedScores>, timePoint: FollowUpTimePoint): FollowUpComparison {
  const change = keyedBy(PROGRAM_CODES, (program) => moments(changes(pairs[program])))
  const n = keyedBy(PROGRAM_CODES, (program) => pairs[program].followUp.length)
  const differences = PROGRAM_PAIRS.map(
    ([first, second]): ChangeDifference => ({
      first,
      second,
      nFirst: n[first],
      nSecond: n[second],
      ...welchFromMoments(change[first], change[second], [first, second]),
    }),
  )
  return {
    timePoint,
    change: keyedBy(PROGRAM_CODES, (program) => summaryOf(change[program])),
    responders: (RESPONDER_MEASURES as readonly Measure[]).includes(measure)
      ? keyedBy(PROGRAM_CODES, (program) => summarizeResponders(measure, pairs[program]))
      : null,
    differences,
    anova: { n, ...anovaFromMoments(change) },
    ancova: { n, ...ancova(pairs) },
  }
}

function compareMeasure(cohort: Cohort, measure: Measure, programSizes: Int32Array): MeasureComparison {
  const { cells, pairs } = regroup(cohort, measure, programSizes)
  return {
    measure,
    improvement: IMPROVEMENT_DIRECTION[measure],
    scores: keyedBy(PROGRAM_CODES, (program) => keyedBy(SCHEDULED_TIME_POINTS, (point) => summarize(cells(point)[program]))),
    followUps: keyedBy(FOLLOW_UP_TIME_POINTS, (point) => compareFollowUp(measure, pairs(point), point)),
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
  const programSizes = new Int32Array(PROGRAM_CODES.length)
  for (let p = 0; p < cohort.programs.length; p++) programSizes[cohort.programs[p]]++
  const attendanceOf = keyedBy(PROGRAM_CODES, (): AttendanceRecord[] => [])
  for (const record of attendance) attendanceOf[record.programCode].push(record)
  return {
    confidence: CONFIDENCE,
    measures: keyedBy(MEASURES, (measure) => compareMeasure(cohort, measure, programSizes)),
    attendance: keyedBy(PROGRAM_CODES, (program) => summarizeAttendance(attendanceOf[program])),
  }
}
