import { MEASURE_RANGE } from './constants'
import type { Cohort } from './cohort'
import { MEASURES, PROGRAM_CODES, SCHEDULED_TIME_POINTS, type Measure } from '../domain/vocabulary'
import type { AttendanceRecord, OutcomeRecord } from './types'

/** Input the statistics cannot honestly use; the message names the patient and the field. */
export class StatsInputError extends Error {
  override name = 'StatsInputError'
}

const PROGRAMS = new Set<string>(PROGRAM_CODES)
const isProgram = (code: string) => PROGRAMS.has(code)
const isTimePoint = (point: string) => (SCHEDULED_TIME_POINTS as readonly string[]).includes(point)

function checkScore(record: OutcomeRecord, field: Measure): void {
  const score = record[field]
  if (score === null || score === undefined) return
  const [min, max] = MEASURE_RANGE[field]
  if (!Number.isFinite(score) || score < min || score > max) {
    throw new StatsInputError(`patient ${record.patientId}, ${record.timePoint}: ${field} ${score} is outside ${min}–${max}`)
  }
}

/**
 * One record per patient and time point, one program per patient, scores in their measure's range.
 * A duplicate would count a patient twice, so it is an error, not a choice made here.
 */
export function assertValidOutcomes(outcomes: readonly OutcomeRecord[]): void {
  const programOf = new Map<number, string>()
  // Numeric keys (patient × time point): string keys cost several times more on 10,000 patients.
  const seen = new Set<number>()
  for (const record of outcomes) {
    const { patientId, programCode, timePoint } = record
    if (!isProgram(programCode)) throw new StatsInputError(`patient ${patientId}: unknown program ${programCode}`)
    if (!isTimePoint(timePoint)) throw new StatsInputError(`patient ${patientId}: unknown time point ${timePoint}`)
    const key = patientId * SCHEDULED_TIME_POINTS.length + SCHEDULED_TIME_POINTS.indexOf(timePoint)
    if (seen.has(key)) throw new StatsInputError(`patient ${patientId} has more than one assessment at ${timePoint}`)
    seen.add(key)
    const program = programOf.get(patientId)
    if (program !== undefined && program !== programCode) {
      throw new StatsInputError(`patient ${patientId} appears in both ${program} and ${programCode}`)
    }
    programOf.set(patientId, programCode)
    for (const measure of MEASURES) checkScore(record, measure)
  }
}

/**
 * Columns of matching length, a known program per patient, scores in their measure's range (MEASURE_RANGE) or NaN
 * (not recorded). One patient per row is the columns' shape, so duplicates
 * cannot arise here.
 */
export function assertValidCohort({ patientIds, programs, scores }: Cohort): void {
  const size = patientIds.length
  if (programs.length !== size) throw new StatsInputError(`${programs.length} programs for ${size} patients`)
  for (let p = 0; p < size; p++) {
    if (programs[p] >= PROGRAM_CODES.length) throw new StatsInputError(`patient ${patientIds[p]}: unknown program index ${programs[p]}`)
  }
  for (const measure of MEASURES) {
    const column = scores[measure]
    const [min, max] = MEASURE_RANGE[measure]
    if (column.length !== size * SCHEDULED_TIME_POINTS.length) {
      throw new StatsInputError(`${measure}: ${column.length} scores for ${size} patients × ${SCHEDULED_TIME_POINTS.length} time points`)
    }
    for (let cell = 0; cell < column.length; cell++) {
      const score = column[cell]
      if (!Number.isNaN(score) && !(score >= min && score <= max)) {
        const patient = Math.floor(cell / SCHEDULED_TIME_POINTS.length)
        const timePoint = SCHEDULED_TIME_POINTS[cell % SCHEDULED_TIME_POINTS.length]
        throw new StatsInputError(`patient ${patientIds[patient]}, ${timePoint}: ${measure} ${score} is outside ${min}–${max}`)
      }
    }
  }
}

/**
 * One record per patient, a known program, a non-negative count of sessions. Records in ascending
 * patient order (as the clinic's query returns them) are told apart by comparing neighbours; only
 * records out of order need a set of the ids seen.
 */
export function assertValidAttendance(attendance: readonly AttendanceRecord[]): void {
  let seen: Set<number> | null = null
  for (let i = 0; i < attendance.length; i++) {
    const { patientId, programCode, supervisedAttended } = attendance[i]
    if (!isProgram(programCode)) throw new StatsInputError(`patient ${patientId}: unknown program ${programCode}`)
    if (!seen && i > 0 && !(patientId > attendance[i - 1].patientId)) seen = new Set(attendance.slice(0, i).map((record) => record.patientId))
    if (seen) {
      if (seen.has(patientId)) throw new StatsInputError(`patient ${patientId} has more than one attendance record`)
      seen.add(patientId)
    }
    if (!Number.isFinite(supervisedAttended) || supervisedAttended < 0) {
      throw new StatsInputError(`patient ${patientId}: ${supervisedAttended} supervised sessions attended`)
    }
  }
}
