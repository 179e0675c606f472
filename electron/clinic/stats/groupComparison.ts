import { ancova } from './ancova'
import { summarizeAttendance } from './attendance'
import { change, type ScorePair } from './change'
import { oneWayAnova, welchTest } from './compare'
import { CONFIDENCE } from './constants'
import { summarize } from './describe'
import { keyedBy } from './keyed'
import { summarizeResponders } from './responders'
import {
  FOLLOW_UP_TIME_POINTS,
  IMPROVEMENT_DIRECTION,
  MEASURES,
  PROGRAM_CODES,
  TIME_POINTS,
  type AttendanceRecord,
  type ChangeDifference,
  type FollowUpComparison,
  type FollowUpTimePoint,
  type GroupComparison,
  type Measure,
  type MeasureComparison,
  type OutcomeRecord,
  type ProgramCode,
  type TimePoint,
} from './types'
import { assertValidAttendance, assertValidOutcomes } from './validate'

/** The between-group differences reported, each as first − second. */
export const PROGRAM_PAIRS = [
  ['P1', 'P2'],
  ['P1', 'P3'],
  ['P2', 'P3'],
] as const satisfies readonly (readonly [ProgramCode, ProgramCode])[]

/** One measure's recorded scores: program → time point → patient id → score. */
type ScoreTable = Record<ProgramCode, Record<TimePoint, Map<number, number>>>

function scoreTable(outcomes: readonly OutcomeRecord[], measure: Measure): ScoreTable {
  const table = keyedBy(PROGRAM_CODES, () => keyedBy(TIME_POINTS, () => new Map<number, number>()))
  for (const record of outcomes) {
    const score = record[measure]
    if (score !== null) table[record.programCode][record.timePoint].set(record.patientId, score)
  }
  return table
}

/** Patients of one program with both a baseline and this follow-up; the others are left out of the cell. */
function scorePairs(table: ScoreTable, program: ProgramCode, followUp: FollowUpTimePoint): ScorePair[] {
  const baselines = table[program].baseline
  const pairs: ScorePair[] = []
  for (const [patientId, score] of table[program][followUp]) {
    const baseline = baselines.get(patientId)
    if (baseline !== undefined) pairs.push({ baseline, followUp: score })
  }
  return pairs
}

function compareFollowUp(measure: Measure, table: ScoreTable, timePoint: FollowUpTimePoint): FollowUpComparison {
  const pairs = keyedBy(PROGRAM_CODES, (program) => scorePairs(table, program, timePoint))
  const changes = keyedBy(PROGRAM_CODES, (program) => pairs[program].map(change))
  const n = keyedBy(PROGRAM_CODES, (program) => pairs[program].length)
  const differences = PROGRAM_PAIRS.map(
    ([first, second]): ChangeDifference => ({
      first,
      second,
      nFirst: n[first],
      nSecond: n[second],
      ...welchTest(changes[first], changes[second], [first, second]),
    }),
  )
  return {
    timePoint,
    change: keyedBy(PROGRAM_CODES, (program) => summarize(changes[program])),
    responders: keyedBy(PROGRAM_CODES, (program) => summarizeResponders(measure, pairs[program])),
    differences,
    anova: { n, ...oneWayAnova(changes) },
    ancova: { n, ...ancova(pairs) },
  }
}

function compareMeasure(outcomes: readonly OutcomeRecord[], measure: Measure): MeasureComparison {
  const table = scoreTable(outcomes, measure)
  return {
    measure,
    improvement: IMPROVEMENT_DIRECTION[measure],
    scores: keyedBy(PROGRAM_CODES, (program) => keyedBy(TIME_POINTS, (point) => summarize([...table[program][point].values()]))),
    followUps: keyedBy(FOLLOW_UP_TIME_POINTS, (point) => compareFollowUp(measure, table, point)),
  }
}

/**
 * The three programs compared for running pain and runability: scores per time
 * point, change from baseline, responders, differences in change (Welch),
 * ANOVA on change, ANCOVA of follow-up on program and baseline, attendance.
 *
 * Expects one outcome record per patient and time point (the caller picks which
 * assessment counts) and one attendance record per patient; throws
 * StatsInputError otherwise. A patient without a score at a time point is left
 * out of that cell, and every figure carries the n it is based on.
 */
export function compareGroups(outcomes: readonly OutcomeRecord[], attendance: readonly AttendanceRecord[]): GroupComparison {
  assertValidOutcomes(outcomes)
  assertValidAttendance(attendance)
  return {
    confidence: CONFIDENCE,
    measures: keyedBy(MEASURES, (measure) => compareMeasure(outcomes, measure)),
    attendance: keyedBy(PROGRAM_CODES, (program) =>
      summarizeAttendance(attendance.filter((record) => record.programCode === program)),
    ),
  }
}
