import { describe, expect, it } from 'vitest'
import { exerciseFidelity, fidelityFromTotals, meanOf, patientFidelity, type ExerciseDose } from '@clinic/stats/fidelity'

const none = {
  prescribedRepsMin: null,
  prescribedRepsMax: null,
  prescribedHoldSeconds: null,
  prescribedDurationSeconds: null,
  doneReps: null,
  doneHoldSeconds: null,
  doneDurationSeconds: null,
}
/** Prescribed sets × reps (min–max), done sets × reps. */
const reps = (sets: number, min: number, max: number, doneSets: number | null, doneReps: number | null): ExerciseDose => ({
  ...none,
  prescribedSets: sets,
  prescribedRepsMin: min,
  prescribedRepsMax: max,
  doneSets,
  doneReps,
})
const hold = (sets: number, seconds: number, doneSets: number, doneSeconds: number): ExerciseDose => ({
  ...none,
  prescribedSets: sets,
  prescribedHoldSeconds: seconds,
  doneSets,
  doneHoldSeconds: doneSeconds,
})

describe('exercise fidelity', () => {
  it('counts 3 × 8 against 3 × 6–8 as prescribed with the full volume', () => {
    expect(exerciseFidelity(reps(3, 6, 8, 3, 8))).toEqual({ asPrescribed: true, volumeRatio: 1 })
  })

  it('counts the lower end of the rep range as prescribed; the volume is against the upper end', () => {
    // 3 × 6 = 18 of 3 × 8 = 24 → 0.75
    expect(exerciseFidelity(reps(3, 6, 8, 3, 6))).toEqual({ asPrescribed: true, volumeRatio: 0.75 })
  })

  it('counts a set short as not prescribed', () => {
    // 2 × 12 = 24 of 2 × 12… prescribed 3 × 12 = 36 → 2/3
    const f = exerciseFidelity(reps(3, 12, 12, 2, 12))
    expect(f?.asPrescribed).toBe(false)
    expect(f?.volumeRatio).toBeCloseTo(2 / 3, 12)
  })

  it('measures holds in seconds: 3 × 20 s of 3 × 30 s is two thirds', () => {
    const f = exerciseFidelity(hold(3, 30, 3, 20))
    expect(f?.asPrescribed).toBe(false)
    expect(f?.volumeRatio).toBeCloseTo(2 / 3, 12)
  })

  it('counts an exercise left empty as not done', () => {
    expect(exerciseFidelity(reps(2, 12, 12, null, null))).toEqual({ asPrescribed: false, volumeRatio: 0 })
  })

  it('leaves out an exercise with no prescribed sets', () => {
    expect(exerciseFidelity({ ...reps(0, 10, 10, 2, 10) })).toBeNull()
  })
})

describe('patient fidelity', () => {
  it('is empty (n = 0) without exercises', () => {
    expect(patientFidelity([])).toEqual({ exercises: 0, asPrescribed: 0, asPrescribedPercent: null, volumePercent: null })
  })

  it('is 100 % when every exercise was done as prescribed', () => {
    expect(patientFidelity([reps(2, 12, 12, 2, 12), hold(3, 30, 3, 30)])).toMatchObject({
      exercises: 2,
      asPrescribedPercent: 100,
      volumePercent: 100,
    })
  })

  it('averages a partial delivery: 2 of 4 as prescribed, volume (1 + 0.75 + 2/3 + 0) / 4', () => {
    const f = patientFidelity([reps(3, 8, 8, 3, 8), reps(3, 6, 8, 3, 6), hold(3, 30, 3, 20), reps(2, 12, 12, null, null)])
    expect(f.exercises).toBe(4)
    expect(f.asPrescribed).toBe(2)
    expect(f.asPrescribedPercent).toBe(50)
    // (1 + 0.75 + 0.6667 + 0) / 4 = 0.604166… → 60.4166… %
    expect(f.volumePercent).toBeCloseTo((100 * (1 + 0.75 + 2 / 3)) / 4, 10)
  })

  it('gives the same figures from the totals the cohort query sums', () => {
    expect(fidelityFromTotals(4, 2, 1 + 0.75 + 2 / 3)).toEqual(
      patientFidelity([reps(3, 8, 8, 3, 8), reps(3, 6, 8, 3, 6), hold(3, 30, 3, 20), reps(2, 12, 12, null, null)]),
    )
  })
})

describe('program means', () => {
  it('averages the runners that have a value and counts them', () => {
    expect(meanOf([100, 50, null])).toEqual({ n: 2, mean: 75 })
    expect(meanOf([])).toEqual({ n: 0, mean: null })
  })
})
