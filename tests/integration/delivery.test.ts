import { fileStore } from '../../db/client'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { AuditEntry, DeliveryResult, GroupComparisonResult, PatientAdherence, PatientRecord } from '../../electron/clinic/contract'
import { enrollment, tempClinic, type TempClinic, TEST_STORE } from './factories'
import { undoMigrationsAfter } from './undoMigrations'

// Program start Monday 2026-03-02 (the factory's); today 2026-04-01 is in week 5: 4 weeks completed.
let clinic: TempClinic
beforeEach(async () => {
  clinic = await tempClinic(() => new Date('2026-04-01T09:00:00'))
})
afterEach(() => clinic.close())

const WEEK_1 = ['2026-03-02', '2026-03-03', '2026-03-04', '2026-03-05', '2026-03-06', '2026-03-07', '2026-03-08']

async function enrolled(programCode: 'P1' | 'P2' = 'P1') {
  const input = enrollment({ program: { programCode, startDate: '2026-03-02', optionalExercises: [] } })
  return clinic.value<{ patientId: number; enrollmentId: number }>('patients/enroll', input)
}
const homeSessions = async (patientId: number) =>
  (await clinic.value<PatientRecord>('patients/get', { patientId })).sessions.filter((s) => s.kind === 'home')

/** Week 1's log: done Tuesday, Thursday and Saturday with pain 3, 4, 2; the other days not done. */
const week1Log = () =>
  WEEK_1.map((date, i) => ({ date, done: i % 2 === 1, pain: i === 1 ? 3 : i === 3 ? 4 : i === 5 ? 2 : null }))

describe('recording a home week from the returned sheet', () => {
  it('writes the 7 days as home sessions: attended = done, pain before = pain', async () => {
    const { patientId, enrollmentId } = await enrolled()
    const { sessionIds } = await clinic.value<{ sessionIds: number[] }>('sessions/recordHomeWeek', { enrollmentId, week: 1, days: week1Log() })
    expect(sessionIds).toHaveLength(7)
    const home = await homeSessions(patientId)
    expect(home.map((s) => [s.sessionDate, s.week, s.attended, s.painBefore])).toEqual([
      ['2026-03-02', 1, false, null],
      ['2026-03-03', 1, true, 3],
      ['2026-03-04', 1, false, null],
      ['2026-03-05', 1, true, 4],
      ['2026-03-06', 1, false, null],
      ['2026-03-07', 1, true, 2],
      ['2026-03-08', 1, false, null],
    ])
  })

  it('rejects a date outside the chosen week with a field error and writes nothing', async () => {
    const { patientId, enrollmentId } = await enrolled()
    const days = week1Log()
    days[6] = { date: '2026-03-09', done: true, pain: 2 } // Monday of week 2
    const result = await clinic.call('sessions/recordHomeWeek', { enrollmentId, week: 1, days })
    expect(result).toMatchObject({
      ok: false,
      error: { kind: 'rule', fields: [{ path: 'days.6.date', message: 'This day is not in the chosen program week' }] },
    })
    expect(await homeSessions(patientId)).toHaveLength(0)
  })

  it('rejects a day in the future of the week in progress, and a pain of 11, at the field', async () => {
    const { patientId, enrollmentId } = await enrolled()
    const future = await clinic.call('sessions/recordHomeWeek', { enrollmentId, week: 5, days: [{ date: '2026-04-02', done: true, pain: 2 }] })
    expect(future).toMatchObject({ ok: false, error: { fields: [{ path: 'days.0.date', message: 'This date is in the future: enter today or an earlier date' }] } })
    const pain = await clinic.call('sessions/recordHomeWeek', { enrollmentId, week: 1, days: [{ date: '2026-03-03', done: true, pain: 11 }] })
    expect(pain).toMatchObject({ ok: false, error: { kind: 'validation', fields: [{ path: 'days.0.pain' }] } })
    expect(await homeSessions(patientId)).toHaveLength(0)
  })

  it('corrects the week when it is entered again, keeping the earlier values in the audit trail', async () => {
    const { patientId, enrollmentId } = await enrolled()
    await clinic.value('sessions/recordHomeWeek', { enrollmentId, week: 1, days: week1Log() })
    const corrected = week1Log()
    corrected[2] = { date: '2026-03-04', done: true, pain: 5 } // Wednesday: done after all
    await clinic.value('sessions/recordHomeWeek', { enrollmentId, week: 1, days: corrected })

    const home = await homeSessions(patientId)
    expect(home).toHaveLength(7)
    const wednesday = home.find((s) => s.sessionDate === '2026-03-04')!
    expect(wednesday).toMatchObject({ attended: true, painBefore: 5, corrected: true })
    expect(home.filter((s) => s.corrected)).toHaveLength(1)
    const history = await clinic.value<AuditEntry[]>('sessions/history', { sessionId: wednesday.sessionId })
    expect(history.map((h) => h.action)).toEqual(['create', 'update'])
    expect(history[1]).toMatchObject({
      before: { attended: false, painBefore: null },
      after: { attended: true, painBefore: 5 },
      reason: 'home log re-entered',
    })
  })
})

describe('adherence and fidelity', () => {
  /**
   * A P1 runner, 4 weeks completed. Home: 3 done in week 1, 2 in week 2 → 5 of 5 × 4 = 20 (home
   * sessions are planned on the 5 days a week without a supervised session).
   * Supervised: 2 attended in week 1, 1 in week 2, 1 missed → 3 of 2 × 4 = 8.
   * Fidelity: leg press 2 × 12 as prescribed (volume 1); single-leg squat 1 × 12 of 2 × 12 (0.5);
   * wall sit 2 × 15 s of 2 × 30 s (0.5); step-up 2 × 10 (1) → 2 of 4 as prescribed, volume 75 %.
   */
  async function constructedRunner() {
    const ids = await enrolled('P1')
    const { enrollmentId } = ids
    await clinic.value('sessions/recordHomeWeek', { enrollmentId, week: 1, days: week1Log() })
    await clinic.value('sessions/recordHomeWeek', {
      enrollmentId,
      week: 2,
      days: [
        { date: '2026-03-10', done: true, pain: 3 },
        { date: '2026-03-12', done: true, pain: 2 },
        { date: '2026-03-14', done: false, pain: null },
      ],
    })
    const session = (sessionDate: string, exercises: object[]) =>
      clinic.value('sessions/record', { enrollmentId, sessionDate, attended: true, painBefore: 5, exercises })
    await session('2026-03-03', [
      { exerciseCode: 'leg-press', doneSets: 2, doneReps: 12, doneLoadKg: 60 },
      { exerciseCode: 'single-leg-squat', doneSets: 1, doneReps: 12 },
    ])
    await session('2026-03-05', [{ exerciseCode: 'wall-sit', doneSets: 2, doneHoldSeconds: 15 }])
    await session('2026-03-11', [{ exerciseCode: 'step-up', doneSets: 2, doneReps: 10 }])
    await clinic.value('sessions/record', { enrollmentId, sessionDate: '2026-03-13', attended: false, missedReason: 'ill' })
    return ids
  }

  it('gives a runner home and supervised adherence and fidelity, worked by hand', async () => {
    const { enrollmentId } = await constructedRunner()
    const result = await clinic.value<PatientAdherence>('outcomes/adherence', { enrollmentId })
    expect(result.weeksElapsed).toBe(4)
    expect(result.home).toMatchObject({ done: 5, planned: 20 })
    expect(result.home.percent).toBeCloseTo(25, 10)
    expect(result.supervised).toEqual({ done: 3, planned: 8, percent: 37.5 })
    expect(result.fidelity).toEqual({ exercises: 4, asPrescribedPercent: 50, volumePercent: 75 })
  })

  it('averages adherence and fidelity per program with the same figures as the runner', async () => {
    await constructedRunner()
    await enrolled('P2') // nothing recorded: 0 % adherence, no exercises for fidelity
    const { programs } = await clinic.value<DeliveryResult>('outcomes/fidelity', {})
    const p1 = programs.find((p) => p.programCode === 'P1')!
    expect(p1.patients).toBe(1)
    expect(p1.homeAdherence.n).toBe(1)
    expect(p1.homeAdherence.mean).toBeCloseTo(25, 10)
    expect(p1.supervisedAdherence).toEqual({ n: 1, mean: 37.5 })
    expect(p1.fidelityAsPrescribed).toEqual({ n: 1, mean: 50 })
    expect(p1.fidelityVolume).toEqual({ n: 1, mean: 75 })
    expect(programs.find((p) => p.programCode === 'P2')).toMatchObject({
      patients: 1,
      homeAdherence: { n: 1, mean: 0 },
      supervisedAdherence: { n: 1, mean: 0 },
      fidelityVolume: { n: 0, mean: null },
    })
    expect(programs.find((p) => p.programCode === 'P3')).toMatchObject({ patients: 0, homeAdherence: { n: 0, mean: null } })
    // The filter applies: nobody is male.
    const male = await clinic.value<DeliveryResult>('outcomes/fidelity', { sex: 'male' })
    expect(male.programs.every((p) => p.patients === 0)).toBe(true)
  })

  it('keeps each session\'s dose totals (session_doses) in step with its exercises when rows change or go', async () => {
    await constructedRunner()
    const doses = async () =>
      (await clinic.query<Record<string, number>>('select session_id, exercises, as_prescribed, volume_ratio_sum from session_doses order by session_id')).map(Object.values)
    const first = await clinic.scalar<number>("select id from sessions where session_date = '2026-03-03' and kind = 'supervised'")
    // Week 1's dose is 2 sets for both (constructedRunner): leg press 2 × 12 as prescribed (ratio 1),
    // single-leg squat 1 × 12 (ratio 1/2): 2 exercises, 1 as prescribed, volume ratios 1.5.
    expect(await doses()).toContainEqual([first, 2, 1, 1.5])
    await clinic.query("update session_exercises set done_sets = 2 where session_id = ? and exercise_id = (select id from exercises where code = 'single-leg-squat')", first)
    expect(await doses()).toContainEqual([first, 2, 2, 2])
    await clinic.query('delete from session_exercises where session_id = ?', first)
    expect((await doses()).some(([sessionId]) => sessionId === first)).toBe(false)
    // The per-program fidelity reads the totals: the runner's two other exercises, one of them as prescribed.
    const { programs } = await clinic.value<DeliveryResult>('outcomes/fidelity', {})
    expect(programs.find((p) => p.programCode === 'P1')?.fidelityAsPrescribed).toEqual({ n: 1, mean: 50 })
  })

  it('keeps each runner\'s supervised sessions attended (enrollment_attendance) in step with the sessions', async () => {
    const { enrollmentId } = await constructedRunner()
    const attended = () => clinic.scalar<number>('select supervised_attended from enrollment_attendance where enrollment_id = ?', enrollmentId)
    const compared = async () =>
      (await clinic.value<GroupComparisonResult>('outcomes/compare', {})).comparison.attendance.P1.meanAttended
    // Three supervised sessions attended, one missed; home sessions do not count.
    expect(await attended()).toBe(3)
    expect(await compared()).toBe(3)
    await clinic.query("update sessions set attended = 0 where enrollment_id = ? and kind = 'supervised' and session_date = '2026-03-11'", enrollmentId)
    expect(await attended()).toBe(2)
    await clinic.query("update sessions set attended = 1 where enrollment_id = ? and kind = 'supervised' and session_date = '2026-03-13'", enrollmentId)
    expect(await attended()).toBe(3)
    const first = await clinic.scalar<number>("select id from sessions where enrollment_id = ? and kind = 'supervised' and session_date = '2026-03-03'", enrollmentId)
    await clinic.query('delete from session_exercises where session_id = ?', first)
    await clinic.query('delete from sessions where id = ?', first)
    expect(await attended()).toBe(2)
    expect(await compared()).toBe(2)
  })

  // Upgrading a SQLite file of an earlier release (its migrations undone and run again): SQLite only.
  it.skipIf(TEST_STORE === 'postgres')('fills both tables from the records already there when a database of the earlier release is upgraded', async () => {
    const { enrollmentId } = await constructedRunner()
    // The connection of the moment (a restart opens a new one).
    const totals = () => ({
      doses: fileStore(clinic.store).sqlite.prepare('select * from session_doses order by session_id').raw().all(),
      attendance: fileStore(clinic.store).sqlite.prepare('select * from enrollment_attendance order by enrollment_id').raw().all(),
    })
    const kept = totals()
    expect(kept.attendance).toEqual([[enrollmentId, 3]])
    expect(kept.doses).toHaveLength(3)
    // Back to the earlier release's schema, records kept: the migrations after 0004 undone, then 0004_clinic_scale undone and forgotten.
    undoMigrationsAfter(fileStore(clinic.store).sqlite, '0004_clinic_scale')
    fileStore(clinic.store).sqlite.exec(`
      drop trigger session_doses_after_insert; drop trigger session_doses_after_update; drop trigger session_doses_after_delete;
      drop trigger enrollment_attendance_after_insert; drop trigger enrollment_attendance_after_update; drop trigger enrollment_attendance_after_delete;
      drop table session_doses; drop table enrollment_attendance; drop view session_dose_totals; drop view supervised_attendance_counts;
      drop index assessments_scheduled_time_point; drop index follow_ups_open; drop index sessions_attended_weeks;
      delete from __drizzle_migrations where created_at = (select max(created_at) from __drizzle_migrations);
    `)
    await clinic.restart()
    expect(totals()).toEqual(kept)
  })

  it('is closed to a blinded assessor: it would show the program', async () => {
    const { enrollmentId } = await enrolled()
    await clinic.value('users/create', { username: 'ada', displayName: 'Ada Assessor', role: 'assessor', password: '135791' })
    await clinic.value('auth/signIn', { username: 'ada', password: '135791' })
    for (const [channel, input] of [
      ['sessions/recordHomeWeek', { enrollmentId, week: 1, days: week1Log() }],
      ['outcomes/adherence', { enrollmentId }],
      ['outcomes/fidelity', {}],
    ] as const) {
      expect(await clinic.call(channel, input), channel).toMatchObject({ ok: false, error: { kind: 'forbidden' } })
    }
  })
})
