import { MEASURES, PROGRAM_CODES, SCHEDULED_TIME_POINTS, type Measure } from '../domain/vocabulary'
import type { OutcomeRecord } from './types'
import { assertValidOutcomes } from './validate'

/**
 * A cohort's outcomes as columns, one entry per patient: what the group
 * comparison reads. Columns rather than a record per assessment, so that
 * 10,000 patients cost a few arrays, not 50,000 objects.
 *
 * Scores are patient-major, SCHEDULED_TIME_POINTS.length per patient:
 * scores.runningPain[p * SCHEDULED_TIME_POINTS.length + t] is patient p's running pain at
 * SCHEDULED_TIME_POINTS[t], NaN when it was not recorded.
 */
export interface Cohort {
  patientIds: number[]
  /** Each patient's program, as an index into PROGRAM_CODES. */
  programs: Uint8Array
  scores: Record<Measure, Float64Array>
}

/** A cohort of `size` patients with no scores recorded yet (ids 0, programs P1: fill them in). */
export function emptyCohort(size: number): Cohort {
  const scores = () => new Float64Array(size * SCHEDULED_TIME_POINTS.length).fill(Number.NaN)
  return { patientIds: new Array<number>(size).fill(0), programs: new Uint8Array(size), scores: { runningPain: scores(), runability: scores(), sitToStandReps: scores() } }
}

/**
 * The cohort of the given outcome records, patients in order of first
 * appearance. Throws StatsInputError on records `assertValidOutcomes` rejects.
 */
export function cohortFromRecords(outcomes: readonly OutcomeRecord[]): Cohort {
  assertValidOutcomes(outcomes)
  const rowOf = new Map<number, number>()
  for (const { patientId } of outcomes) if (!rowOf.has(patientId)) rowOf.set(patientId, rowOf.size)
  const cohort = emptyCohort(rowOf.size)
  for (const record of outcomes) {
    const row = rowOf.get(record.patientId)!
    cohort.patientIds[row] = record.patientId
    cohort.programs[row] = PROGRAM_CODES.indexOf(record.programCode)
    const cell = row * SCHEDULED_TIME_POINTS.length + SCHEDULED_TIME_POINTS.indexOf(record.timePoint)
    for (const measure of MEASURES) cohort.scores[measure][cell] = record[measure] ?? Number.NaN
  }
  return cohort
}
