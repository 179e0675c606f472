import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { MEASURES, SCHEDULED_TIME_POINTS } from '../../electron/clinic/domain/vocabulary'
import type { GroupComparisonResult } from '../../electron/clinic/contract'
import { fileStore } from '../../db/client'
import { enrollment, tempClinic, TEST_STORE, type TempClinic } from './factories'
import { undoMigrationsAfter } from './undoMigrations'

/*
 * enrollment_scores (migration 0016_enrollment_scores; PostgreSQL 0005): each enrollment's scores at the
 * scheduled time points side by side, kept by triggers on assessments; the group comparison reads it.
 * After every kind of write to assessments the table must equal the same pivot written independently
 * here (a left join per time point, not the migration's view), and hold the hand-known values.
 * Checked that it fails: with the update trigger dropped, the first correction below is not seen.
 */

const snake = (measure: string) => measure.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)
const COLUMNS = SCHEDULED_TIME_POINTS.flatMap((point) => [...MEASURES.map((m) => `${snake(m)}_${point}`), `out_of_window_${point}`])

/** The scores side by side from the assessments themselves: what enrollment_scores must hold. */
const PIVOT = `
  select e.id as enrollment_id, ${SCHEDULED_TIME_POINTS.map(
    (point, t) =>
      `${MEASURES.map((m) => `a${t}.${snake(m)} as ${snake(m)}_${point}`).join(', ')},
       case when a${t}.id is null then null when a${t}.deviation_reason is null then 0 else 1 end as out_of_window_${point}`,
  ).join(', ')}
  from enrollments e
  ${SCHEDULED_TIME_POINTS.map((point, t) => `left join assessments a${t} on a${t}.enrollment_id = e.id and a${t}.time_point = '${point}' and a${t}.voided_at is null`).join('\n  ')}
  where ${SCHEDULED_TIME_POINTS.map((_, t) => `a${t}.id is not null`).join(' or ')}
  order by e.id`

let clinic: TempClinic
let first: number
let second: number
beforeEach(async () => {
  clinic = await tempClinic()
  ;({ enrollmentId: first } = await clinic.value<{ enrollmentId: number }>('patients/enroll', enrollment()))
  ;({ enrollmentId: second } = await clinic.value<{ enrollmentId: number }>(
    'patients/enroll',
    enrollment({ patient: { ...enrollment().patient, firstName: 'Jonas', lastName: 'Berg', email: 'jonas@example.org' } }),
  ))
})
afterEach(() => clinic.close())

const kept = () => clinic.query(`select enrollment_id, ${COLUMNS.join(', ')} from enrollment_scores order by enrollment_id`)
const expected = () => clinic.query(PIVOT)
const rowOf = async (enrollmentId: number) => (await kept()).find((row) => row.enrollment_id === enrollmentId)
const record = (enrollmentId: number, timePoint: string, runningPain: number, runability: number) =>
  clinic.query(
    "insert into assessments (enrollment_id, time_point, assessed_on, running_pain, runability) values (?, ?, '2026-04-01', ?, ?)",
    enrollmentId,
    timePoint,
    runningPain,
    runability,
  )
const idOf = (enrollmentId: number, timePoint: string) =>
  clinic.scalar<number>('select id from assessments where enrollment_id = ? and time_point = ? and voided_at is null', enrollmentId, timePoint)

describe('enrollment_scores', () => {
  it('holds each runner\'s baseline from enrollment: running pain 6, runability the mean PSFS rating 4', async () => {
    expect(await rowOf(first)).toMatchObject({ running_pain_baseline: 6, runability_baseline: 4, sit_to_stand_reps_baseline: null, out_of_window_baseline: 0, running_pain_week_4: null })
    expect(await kept()).toEqual(await expected())
    expect(await kept()).toHaveLength(2)
  })

  it('follows every write to the assessments: record, correct, deviation, void, time point moved, delete', async () => {
    await record(first, 'week_4', 3, 6.5)
    expect(await rowOf(first)).toMatchObject({ running_pain_week_4: 3, runability_week_4: 6.5, out_of_window_week_4: 0 })
    // An unscheduled assessment changes nothing.
    const before = await kept()
    await record(first, 'unscheduled', 9, 1)
    expect(await kept()).toEqual(before)

    await clinic.query('update assessments set running_pain = 2, runability = 7 where id = ?', await idOf(first, 'week_4'))
    expect(await rowOf(first)).toMatchObject({ running_pain_week_4: 2, runability_week_4: 7 })
    await clinic.query("update assessments set deviation_reason = 'taken in week 6' where id = ?", await idOf(first, 'week_4'))
    expect(await rowOf(first)).toMatchObject({ running_pain_week_4: 2, out_of_window_week_4: 1 })
    expect(await kept()).toEqual(await expected())

    // The comparison reads the table: the week-4 change is there, and left out with out-of-window follow-ups excluded.
    const compared = async (outOfWindow: 'include' | 'exclude') =>
      (await clinic.value<GroupComparisonResult>('outcomes/compare', { outOfWindow })).comparison.measures.runningPain.followUps.week_4.change.P1
    expect(await compared('include')).toMatchObject({ n: 1, mean: 2 - 6 })
    expect(await compared('exclude')).toMatchObject({ n: 0 })

    await clinic.query("update assessments set voided_at = '2026-04-02T10:00:00.000Z', voided_by = 'test', void_reason = 'wrong runner' where id = ?", await idOf(first, 'week_4'))
    expect(await rowOf(first)).toMatchObject({ running_pain_week_4: null, runability_week_4: null, out_of_window_week_4: null })

    // The unscheduled one becomes the week-8 assessment.
    await clinic.query("update assessments set time_point = 'week_8' where enrollment_id = ? and time_point = 'unscheduled'", first)
    expect(await rowOf(first)).toMatchObject({ running_pain_week_8: 9, runability_week_8: 1 })
    await clinic.query('delete from assessments where id = ?', await idOf(first, 'week_8'))
    expect(await rowOf(first)).toMatchObject({ running_pain_week_8: null })
    expect(await kept()).toEqual(await expected())
  })

  it('follows writes of several runners in one statement, and has no row for a runner without a scheduled assessment', async () => {
    await clinic.query(
      "insert into assessments (enrollment_id, time_point, assessed_on, running_pain, runability, sit_to_stand_reps) values (?, 'week_4', '2026-04-01', 4, 5, 12), (?, 'week_4', '2026-04-01', 1, 8, 15)",
      first,
      second,
    )
    expect(await rowOf(first)).toMatchObject({ running_pain_week_4: 4, sit_to_stand_reps_week_4: 12 })
    expect(await rowOf(second)).toMatchObject({ running_pain_week_4: 1, sit_to_stand_reps_week_4: 15 })
    await clinic.query("update assessments set voided_at = '2026-04-02T10:00:00.000Z', voided_by = 'test', void_reason = 'test' where enrollment_id = ? and time_point <> 'unscheduled'", second)
    expect(await rowOf(second)).toBeUndefined()
    expect(await kept()).toEqual(await expected())
  })

  // Upgrading a SQLite file of the earlier release (migration 0016 undone and run again): SQLite only.
  it.skipIf(TEST_STORE === 'postgres')('is filled from the assessments already there when a database of the earlier release is upgraded', async () => {
    await record(first, 'week_4', 3, 6.5)
    const before = await kept()
    undoMigrationsAfter(fileStore(clinic.store).sqlite, '0015_patient_word_starts')
    await clinic.restart()
    expect(await kept()).toEqual(before)
    expect(before).toHaveLength(2)
  })
})
