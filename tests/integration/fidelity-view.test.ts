import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { insertSession } from '../../db/repositories/sessions'
import { exercises } from '../../db/schema'
import { exerciseFidelity, type ExerciseDose } from '../../electron/clinic/stats/fidelity'
import { enrollment, tempClinic, type TempClinic } from './factories'

/*
 * The fidelity dose rule is written twice: in TypeScript (exerciseFidelity) and
 * as the SQL view session_dose_totals of the released migration 0004, whose
 * totals triggers copy into session_doses. Over generated doses, both must give
 * every session the same totals. Sessions are written through the real
 * repository into a real, migrated SQLite file.
 */

let clinic: TempClinic
let enrollmentId: number
let exerciseId: number
beforeAll(async () => {
  clinic = await tempClinic()
  ;({ enrollmentId } = await clinic.value<{ enrollmentId: number }>('patients/enroll', enrollment()))
  ;[{ id: exerciseId }] = await clinic.store.db.select({ id: exercises.id }).from(exercises).limit(1)
})
afterAll(() => clinic.close())

/** A dose field: mostly small counts, sometimes 0 or left empty. */
const field = fc.oneof({ weight: 5, arbitrary: fc.integer({ min: 1, max: 30 }) }, { weight: 1, arbitrary: fc.constant(0) }, { weight: 2, arbitrary: fc.constant(null) })

const dose: fc.Arbitrary<ExerciseDose> = fc.record({
  prescribedSets: field,
  prescribedRepsMin: field,
  prescribedRepsMax: field,
  prescribedHoldSeconds: field,
  prescribedDurationSeconds: field,
  doneSets: field,
  doneReps: field,
  doneHoldSeconds: field,
  doneDurationSeconds: field,
})

/** The session's totals by the TypeScript rule: exercises with a prescribed dose, those done as prescribed, the sum of volume ratios. */
function totalsInTypeScript(doses: ExerciseDose[]) {
  const rated = doses.map(exerciseFidelity).filter((f) => f !== null)
  return { exercises: rated.length, asPrescribed: rated.filter((f) => f.asPrescribed).length, volumeRatioSum: rated.reduce((sum, f) => sum + f.volumeRatio, 0) }
}

type Totals = { exercises: number; asPrescribed: number; volumeRatioSum: number }

/** The same session's totals as the view computes them, and as the triggers kept them in session_doses (no row: no rated exercise). */
async function totalsInSql(sessionId: number): Promise<{ view: Totals; kept: Totals }> {
  const read = async (table: string): Promise<Totals> =>
    ((await clinic.query(`select exercises, as_prescribed as "asPrescribed", volume_ratio_sum as "volumeRatioSum" from ${table} where session_id = ?`, sessionId))[0] as Totals | undefined) ?? { exercises: 0, asPrescribed: 0, volumeRatioSum: 0 }
  return { view: await read('session_dose_totals'), kept: await read('session_doses') }
}

describe('the fidelity dose rule, in TypeScript and in the session_dose_totals view', () => {
  it('gives every generated session the same totals both ways', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(dose, { minLength: 1, maxLength: 6 }), async (doses) => {
        const session = await clinic.store.transaction((tx) =>
          insertSession(
            tx,
            { enrollmentId, kind: 'supervised', sessionDate: '2026-03-03', week: 1, attended: true, missedReason: null, painBefore: 3, painAfter: 2, notes: null },
            doses.map((d) => ({ exerciseId, ...d })),
          ),
        )
        const expected = totalsInTypeScript(doses)
        for (const totals of Object.values((await totalsInSql(session.id)))) {
          expect(totals.exercises).toBe(expected.exercises)
          expect(totals.asPrescribed).toBe(expected.asPrescribed)
          expect(totals.volumeRatioSum).toBeCloseTo(expected.volumeRatioSum, 9)
        }
      }),
      { numRuns: 300 },
    )
  })
})
