/*
 * Fidelity: was each supervised session delivered as written? Each exercise's
 * performed dose is set against the dose the program prescribed for that week
 * (kept on the session's exercise rows when the session was recorded).
 */

/** One exercise of a supervised session: the prescribed and the performed dose. */
export interface ExerciseDose {
  prescribedSets: number | null
  prescribedRepsMin: number | null
  prescribedRepsMax: number | null
  prescribedHoldSeconds: number | null
  prescribedDurationSeconds: number | null
  doneSets: number | null
  doneReps: number | null
  doneHoldSeconds: number | null
  doneDurationSeconds: number | null
}

export interface ExerciseFidelity {
  /** At least the prescribed sets, each of at least the prescribed minimum reps (or hold, or duration). */
  asPrescribed: boolean
  /** Performed volume as a share of the prescribed volume: sets × reps (upper end of the range), or sets × seconds. */
  volumeRatio: number
}

/**
 * An exercise's unit per set: reps where reps are prescribed, else the hold, else the duration;
 * an exercise prescribed in sets alone counts each set as one unit. A field left empty counts as not done.
 */
function units(dose: ExerciseDose): { prescribedMin: number; prescribedMax: number; done: number } | null {
  if (dose.prescribedRepsMax !== null || dose.prescribedRepsMin !== null) {
    const max = dose.prescribedRepsMax ?? dose.prescribedRepsMin ?? 0
    return { prescribedMin: dose.prescribedRepsMin ?? max, prescribedMax: max, done: dose.doneReps ?? 0 }
  }
  if (dose.prescribedHoldSeconds !== null) {
    return { prescribedMin: dose.prescribedHoldSeconds, prescribedMax: dose.prescribedHoldSeconds, done: dose.doneHoldSeconds ?? 0 }
  }
  if (dose.prescribedDurationSeconds !== null) {
    return {
      prescribedMin: dose.prescribedDurationSeconds,
      prescribedMax: dose.prescribedDurationSeconds,
      done: dose.doneDurationSeconds ?? 0,
    }
  }
  return { prescribedMin: 1, prescribedMax: 1, done: dose.doneSets === null ? 0 : 1 }
}

/** The exercise's fidelity; null when nothing measurable was prescribed (no sets, or a zero dose). */
export function exerciseFidelity(dose: ExerciseDose): ExerciseFidelity | null {
  const unit = units(dose)
  if (!dose.prescribedSets || !unit || unit.prescribedMax <= 0) return null
  const doneSets = dose.doneSets ?? 0
  return {
    asPrescribed: doneSets >= dose.prescribedSets && unit.done >= unit.prescribedMin,
    volumeRatio: (doneSets * unit.done) / (dose.prescribedSets * unit.prescribedMax),
  }
}

/** What one runner's supervised sessions add up to; the percentages are null when no exercise was recorded. */
export interface PatientFidelity {
  exercises: number
  asPrescribed: number
  /** Share of the exercises done as prescribed, 0–100. */
  asPrescribedPercent: number | null
  /** Mean performed volume as a percentage of the prescribed volume (over 100 when more was done). */
  volumePercent: number | null
}

/** Totals over a runner's exercises (as the cohort query sums them) into the runner's fidelity. */
export function fidelityFromTotals(exercises: number, asPrescribed: number, volumeRatioSum: number): PatientFidelity {
  if (exercises === 0) return { exercises: 0, asPrescribed: 0, asPrescribedPercent: null, volumePercent: null }
  return {
    exercises,
    asPrescribed,
    asPrescribedPercent: (100 * asPrescribed) / exercises,
    volumePercent: (100 * volumeRatioSum) / exercises,
  }
}

/** One runner's fidelity over every exercise of their supervised sessions. */
export function patientFidelity(doses: readonly ExerciseDose[]): PatientFidelity {
  const rated = doses.map(exerciseFidelity).filter((f): f is ExerciseFidelity => f !== null)
  return fidelityFromTotals(
    rated.length,
    rated.filter((f) => f.asPrescribed).length,
    rated.reduce((sum, f) => sum + f.volumeRatio, 0),
  )
}

/** The mean of the values that exist, with their n; null mean when there are none. */
export function meanOf(values: readonly (number | null)[]): { n: number; mean: number | null } {
  const present = values.filter((v): v is number => v !== null)
  return { n: present.length, mean: present.length ? present.reduce((a, b) => a + b, 0) / present.length : null }
}
