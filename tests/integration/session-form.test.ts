import { fileStore } from '../../db/client'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { PatientAdherence, PatientRecord, Prescription } from '../../electron/clinic/contract'
import { enrollment, tempClinic, type TempClinic, TEST_STORE } from './factories'
import { undoMigrationsAfter } from './undoMigrations'


// P1 from Monday 2026-03-02 (the factory's); today 2026-03-20 (week 3). Week 1 prescribes leg press and
// single-leg squat at 2 sets of up to 12 reps (as tests/integration/delivery.test.ts works them by hand).
let clinic: TempClinic
beforeEach(async () => {
  clinic = await tempClinic(() => new Date('2026-03-20T09:00:00'))
})
afterEach(() => clinic.close())

async function enrolled() {
  const input = enrollment({ program: { programCode: 'P1', startDate: '2026-03-02', optionalExercises: [] } })
  return clinic.value<{ patientId: number; enrollmentId: number }>('patients/enroll', input)
}

const lastOf = (prescription: Prescription, code: string) => prescription.exercises.find((e) => e.exerciseCode === code)?.lastPerformance

describe('the session form\'s last performance beside the prescription', () => {
  it('gives each exercise the latest earlier supervised session in which it was done, with what was done', async () => {
    const { enrollmentId } = await enrolled()
    const session = (sessionDate: string, exercises: object[]) =>
      clinic.value('sessions/record', { enrollmentId, sessionDate, attended: true, painBefore: 4, exercises })
    await session('2026-03-03', [
      { exerciseCode: 'leg-press', doneSets: 2, doneReps: 12, doneLoadKg: 40 },
      { exerciseCode: 'single-leg-squat', doneSets: 2, doneReps: 10 },
    ])
    await session('2026-03-05', [
      { exerciseCode: 'leg-press', doneSets: 2, doneReps: 12, doneLoadKg: 45 },
      { exerciseCode: 'single-leg-squat', notDone: true, notDoneReason: 'knee sore' },
    ])
    // A missed visit and the home log are not performances at the clinic.
    await clinic.value('sessions/record', { enrollmentId, sessionDate: '2026-03-10', attended: false, missedReason: 'ill' })
    await clinic.value('sessions/recordHomeWeek', { enrollmentId, week: 2, days: [{ date: '2026-03-11', done: true, pain: 2 }] })

    const next = await clinic.value<Prescription>('sessions/prescription', { enrollmentId, sessionDate: '2026-03-12' })
    expect(lastOf(next, 'leg-press')).toEqual({ sessionDate: '2026-03-05', sets: 2, reps: 12, loadKg: 45, holdSeconds: null, durationSeconds: null })
    // Not done on the 5th: the last time it was done was the 3rd.
    expect(lastOf(next, 'single-leg-squat')).toEqual({ sessionDate: '2026-03-03', sets: 2, reps: 10, loadKg: null, holdSeconds: null, durationSeconds: null })

    // A form dated the 5th shows the 3rd: only earlier days count.
    const sameDay = await clinic.value<Prescription>('sessions/prescription', { enrollmentId, sessionDate: '2026-03-05' })
    expect(lastOf(sameDay, 'leg-press')).toMatchObject({ sessionDate: '2026-03-03', loadKg: 40 })
    const first = await clinic.value<Prescription>('sessions/prescription', { enrollmentId, sessionDate: '2026-03-03' })
    expect(first.exercises.every((e) => e.lastPerformance === null)).toBe(true)
  })
})

describe('an exercise recorded as not done', () => {
  it('is kept with its reason and counts as zero in fidelity, in the runner\'s figures and the dose totals', async () => {
    const { patientId, enrollmentId } = await enrolled()
    await clinic.value('sessions/record', {
      enrollmentId,
      sessionDate: '2026-03-03',
      attended: true,
      painBefore: 4,
      exercises: [
        { exerciseCode: 'leg-press', doneSets: 2, doneReps: 12, doneLoadKg: 40 },
        { exerciseCode: 'single-leg-squat', notDone: true, notDoneReason: 'knee sore' },
      ],
    })
    const record = await clinic.value<PatientRecord>('patients/get', { patientId })
    expect(record.sessions[0].exercises.map((e) => [e.exerciseCode, e.notDone, e.notDoneReason, e.done.sets])).toEqual([
      ['leg-press', false, null, 2],
      ['single-leg-squat', true, 'knee sore', null],
    ])
    // By hand: leg press as prescribed (volume 1), squat not done (volume 0) → 1 of 2 as prescribed, volume (1 + 0) / 2.
    const adherence = await clinic.value<PatientAdherence>('outcomes/adherence', { enrollmentId })
    expect(adherence.fidelity).toEqual({ exercises: 2, asPrescribedPercent: 50, volumePercent: 50 })
    const doses = (await clinic.query<Record<string, number>>('select exercises, as_prescribed, volume_ratio_sum from session_doses')).map(Object.values)
    expect(doses).toEqual([[2, 1, 1]])
  })

  // Upgrading a SQLite file of an earlier release: SQLite only.
  it.skipIf(TEST_STORE === 'postgres')('keeps the exercises of a database of the earlier release as done when migration 0005 upgrades it', async () => {
    const { patientId, enrollmentId } = await enrolled()
    await clinic.value('sessions/record', {
      enrollmentId,
      sessionDate: '2026-03-03',
      attended: true,
      painBefore: 4,
      exercises: [{ exerciseCode: 'leg-press', doneSets: 2, doneReps: 12, doneLoadKg: 40 }],
    })
    // Back to the release before 0005_exercises_not_done, the record kept.
    undoMigrationsAfter(fileStore(clinic.store).sqlite, '0004_clinic_scale')
    await clinic.restart()
    const record = await clinic.value<PatientRecord>('patients/get', { patientId })
    expect(record.sessions[0].exercises).toMatchObject([{ exerciseCode: 'leg-press', notDone: false, notDoneReason: null, done: { loadKg: 40 } }])
    const next = await clinic.value<Prescription>('sessions/prescription', { enrollmentId, sessionDate: '2026-03-05' })
    expect(lastOf(next, 'leg-press')).toMatchObject({ sessionDate: '2026-03-03', loadKg: 40 })
  })

  it('is refused with a dose, or a reason given for an exercise that was done, at the field', async () => {
    const { patientId, enrollmentId } = await enrolled()
    const send = (exercise: object) =>
      clinic.call('sessions/record', { enrollmentId, sessionDate: '2026-03-03', attended: true, painBefore: 4, exercises: [exercise] })
    expect(await send({ exerciseCode: 'leg-press', notDone: true, doneSets: 2 })).toMatchObject({
      ok: false,
      error: { fields: [{ path: 'exercises.0.notDone', message: 'An exercise not done has no sets, reps, load, hold or duration' }] },
    })
    expect(await send({ exerciseCode: 'leg-press', doneSets: 2, notDoneReason: 'tired' })).toMatchObject({
      ok: false,
      error: { fields: [{ path: 'exercises.0.notDoneReason' }] },
    })
    expect((await clinic.value<PatientRecord>('patients/get', { patientId })).sessions).toEqual([])
  })
})

describe('a session form with several fields wrong', () => {
  it('names every one of them at once, the pain before the session too', async () => {
    const { enrollmentId } = await enrolled()
    const result = await clinic.call('sessions/record', {
      enrollmentId,
      sessionDate: '2026-03-03',
      attended: true,
      painBefore: null,
      // The assessment due that day, left unanswered (as the form sends it): no score at all, not just one out of range.
      assessment: { timePoint: 'week_4', runningPain: null, ratings: [{ activityId: 1, rating: null }] },
    })
    expect(result.ok).toBe(false)
    if (!result.ok) {
      expect(result.error.fields.map((f) => f.path).sort()).toEqual(['assessment.ratings.0.rating', 'assessment.runningPain', 'painBefore'])
    }
  })
})
