import { fileStore } from '../../db/client'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { PatientRecord, PatientPage, Prescription } from '../../electron/clinic/contract'
import { enrollment, TEST_ACCOUNT, tempClinic, withRedFlag, type TempClinic, TEST_STORE, testQuery } from './factories'

let clinic: TempClinic
beforeEach(async () => {
  clinic = await tempClinic()
})
afterEach(() => clinic.close())

describe('a new database', () => {
  // The SQLite file's pragmas: SQLite only (the catalogue on a server: every other test here).
  it.skipIf(TEST_STORE === 'postgres')('is migrated from an empty file, in WAL mode with foreign keys on, and holds the three programs', async () => {
    const pragmas = fileStore(clinic.store).sqlite
    expect(pragmas.pragma('journal_mode', { simple: true })).toBe('wal')
    expect(pragmas.pragma('foreign_keys', { simple: true })).toBe(1)
    const programs = await clinic.value<{ code: string; version: number; exercises: unknown[] }[]>('catalogue/programs')
    expect(programs.map((p) => [p.code, p.version])).toEqual([
      ['P1', 1],
      ['P2', 1],
      ['P3', 1],
    ])
    expect(programs.every((p) => p.exercises.length >= 4)).toBe(true)
  })

  it('loads the catalogue once: a restart with an unchanged catalogue creates no new versions', async () => {
    await clinic.restart()
    const programs = await clinic.value<{ version: number }[]>('catalogue/programs')
    expect(programs.map((p) => p.version)).toEqual([1, 1, 1])
  })
})

describe('enroll → assign → sessions → assessments', () => {
  it('keeps the whole first visit and follow-up across a restart', async () => {
    const { patientId, enrollmentId } = await clinic.value<{ patientId: number; enrollmentId: number }>(
      'patients/enroll',
      enrollment(),
    )
    const prescription = await clinic.value<Prescription>('sessions/prescription', { enrollmentId, sessionDate: '2026-03-03' })
    expect(prescription.week).toBe(1)
    const main = prescription.exercises.filter((e) => e.section === 'main')
    expect(main.length).toBeGreaterThan(0)
    expect(prescription.exercises.some((e) => e.exerciseCode === 'retro-walking')).toBe(false)

    await clinic.value('sessions/record', {
      enrollmentId,
      sessionDate: '2026-03-03',
      attended: true,
      painBefore: 6,
      painAfter: 5,
      exercises: main.map((e) => ({ exerciseCode: e.exerciseCode, doneSets: e.dosage.sets, doneReps: e.dosage.repsMax, doneLoadKg: 40 })),
      notes: 'Tolerated well',
    })
    await clinic.value('sessions/record', { enrollmentId, sessionDate: '2026-03-06', attended: false, missedReason: 'Ill' })
    await clinic.value('sessions/record', { enrollmentId, sessionDate: '2026-03-09', attended: true, painBefore: 4 })

    await clinic.restart()
    const record = await clinic.value<PatientRecord>('patients/get', { patientId })
    expect(record.patient).toMatchObject({ clinicId: 'BS-00001', firstName: 'Anna', lastName: 'Meier', preferredLanguage: 'de' })
    expect(record.status).toBe('active')
    expect(record.currentWeek).toBe(2)
    expect(record.assignment).toMatchObject({ programCode: 'P1', programVersion: 1, startDate: '2026-03-02' })
    expect(record.sessions.map((s) => [s.sessionDate, s.week, s.attended, s.painBefore])).toEqual([
      ['2026-03-03', 1, true, 6],
      ['2026-03-06', 1, false, null],
      ['2026-03-09', 2, true, 4],
    ])
    expect(record.sessions[0].exercises[0]).toMatchObject({ done: { loadKg: 40 } })
    expect(record.sessions[0].exercises[0].prescribed.sets).toBe(main[0].dosage.sets)
    expect(record.assessments).toHaveLength(1)
    expect(record.assessments[0]).toMatchObject({ timePoint: 'baseline', runningPain: 6, runability: 4 })
    expect(record.activities.map((a) => a.description)).toEqual(['Run 10 km', 'Run downhill', 'Run on consecutive days'])
    expect(record.followUps.map((f) => [f.timePoint, f.dueOn, f.status])).toEqual([
      ['week_4', '2026-03-29', 'upcoming'],
      ['week_8', '2026-04-26', 'upcoming'],
      ['month_3', '2026-07-26', 'upcoming'],
      ['month_6', '2026-10-26', 'upcoming'],
    ])
  })

  it('records the week-4 assessment with a session and marks that follow-up done', async () => {
    const later = await tempClinic(() => new Date('2026-03-30T10:00:00'))
    try {
      const { patientId, enrollmentId } = await later.value<{ patientId: number; enrollmentId: number }>(
        'patients/enroll',
        enrollment(),
      )
      const prescription = await later.value<Prescription>('sessions/prescription', { enrollmentId, sessionDate: '2026-03-30' })
      expect(prescription.assessmentDue).toBe('week_4')
      const record = await later.value<PatientRecord>('patients/get', { patientId })
      const ratings = record.activities.map((a, i) => ({ activityId: a.activityId, rating: 5 + i }))
      await later.value('sessions/record', {
        enrollmentId,
        sessionDate: '2026-03-30',
        attended: true,
        painBefore: 3,
        assessment: { timePoint: 'week_4', runningPain: 3, ratings },
      })
      const after = await later.value<PatientRecord>('patients/get', { patientId })
      expect(after.assessments.map((a) => [a.timePoint, a.runningPain, a.runability])).toEqual([
        ['baseline', 6, 4],
        ['week_4', 3, 6],
      ])
      expect(after.followUps[0]).toMatchObject({ timePoint: 'week_4', status: 'done' })
      const [listed] = (await later.value<PatientPage>('patients/list', {})).rows
      expect(listed.nextDue).toEqual({ what: 'week_8', dueOn: after.followUps[1].dueOn, status: 'upcoming' })
      const twice = await later.call('assessments/record', {
        enrollmentId,
        assessedOn: '2026-03-30',
        timePoint: 'week_4',
        runningPain: 2,
        ratings,
      })
      expect(twice).toMatchObject({ ok: false, error: { kind: 'rule', fields: [{ path: 'timePoint' }] } })

      // The database keeps the rule too (unique index assessments_scheduled_time_point): a write that
      // bypassed the service is refused at a scheduled time point, while unscheduled assessments may repeat.
      const insert = (timePoint: string) =>
        testQuery(
          later.store.db,
          "insert into assessments (enrollment_id, time_point, assessed_on, running_pain, runability, created_by) values (?, ?, '2026-03-31', 2, 6, 'test')",
          enrollmentId,
          timePoint,
        )
      // SQLite names the columns, PostgreSQL the index.
      await expect(insert('week_4')).rejects.toThrow(/UNIQUE constraint failed: assessments.enrollment_id, assessments.time_point|"assessments_scheduled_time_point"/)
      await insert('unscheduled')
      await insert('unscheduled')
    } finally {
      later.close()
    }
  })

  it('keeps a program version for assigned runners when the catalogue changes', async () => {
    const { patientId } = await clinic.value<{ patientId: number }>('patients/enroll', enrollment())
    // Simulate an edited catalogue: the latest P1 version no longer matches the file, so a restart adds version 2.
    await clinic.query("update program_versions set content_hash = 'edited' where id = 1")
    await clinic.restart()
    const programs = await clinic.value<{ code: string; version: number }[]>('catalogue/programs')
    expect(programs.find((p) => p.code === 'P1')?.version).toBe(2)
    const record = await clinic.value<PatientRecord>('patients/get', { patientId })
    expect(record.assignment?.programVersion).toBe(1)
  })
})

describe('red flags', () => {
  it('refuses a program at enrollment while a red flag has no clearance, and writes nothing', async () => {
    const before = await clinic.rowCounts()
    const result = await clinic.call('patients/enroll', withRedFlag('saddle_numbness'))
    expect(result).toMatchObject({ ok: false, error: { kind: 'rule', fields: [{ path: 'program' }] } })
    expect(await clinic.rowCounts()).toEqual(before)
  })

  it('enrolls without a program, waits for clearance, then lets the program be assigned', async () => {
    const { patientId, enrollmentId } = await clinic.value<{ patientId: number; enrollmentId: number }>(
      'patients/enroll',
      withRedFlag('history_of_cancer', { program: null }),
    )
    const listed = async () => ((await clinic.value<PatientPage>('patients/list', {})).rows).find((p) => p.patientId === patientId)
    let record = await clinic.value<PatientRecord>('patients/get', { patientId })
    expect(record.status).toBe('awaiting_clearance')
    expect(await listed()).toMatchObject({ status: 'awaiting_clearance', nextDue: { what: 'clearance', dueOn: null, status: 'due' } })
    expect(record.screening).toMatchObject({ outcome: 'refer', flagsPresent: ['history_of_cancer'], programMayStart: false })

    const blocked = await clinic.call('assignments/assign', { enrollmentId, programCode: 'P2', startDate: '2026-03-09' })
    expect(blocked).toMatchObject({ ok: false, error: { kind: 'rule' } })

    // The clearance is a clinical decision: the blinded outcome assessor cannot record it.
    await clinic.value('users/create', { username: 'ada', displayName: 'Ada Assessor', role: 'assessor', password: 'ada-assesses-blind' })
    await clinic.value('auth/signIn', { username: 'ada', password: 'ada-assesses-blind' })
    const byAssessor = await clinic.call('screenings/recordClearance', { enrollmentId, clearedOn: '2026-03-05', clearedBy: 'Dr. Weber' })
    expect(byAssessor).toMatchObject({ ok: false, error: { kind: 'forbidden' } })
    await clinic.value('auth/signIn', { username: TEST_ACCOUNT.username, password: TEST_ACCOUNT.password })
    expect((await clinic.value<PatientRecord>('patients/get', { patientId })).status).toBe('awaiting_clearance')

    await clinic.value('screenings/recordClearance', { enrollmentId, clearedOn: '2026-03-05', clearedBy: 'Dr. Weber' })
    record = await clinic.value<PatientRecord>('patients/get', { patientId })
    expect(record.status).toBe('ready')
    expect(await listed()).toMatchObject({ status: 'ready', programCode: null, nextDue: { what: 'program', dueOn: null } })
    await clinic.value('assignments/assign', { enrollmentId, programCode: 'P2', startDate: '2026-03-09' })
    record = await clinic.value<PatientRecord>('patients/get', { patientId })
    expect(record.assignment?.programCode).toBe('P2')
    // The list shows the program, the week (today 2026-03-10 is in week 1) and the first follow-up as the patient page does.
    expect(record.followUps[0]).toMatchObject({ timePoint: 'week_4', status: 'upcoming' })
    expect(await listed()).toMatchObject({
      status: 'active',
      programCode: 'P2',
      week: 1,
      nextDue: { what: 'week_4', dueOn: record.followUps[0].dueOn, status: 'upcoming' },
    })
  })
})

describe('corrections', () => {
  it('keeps the earlier value and the reason when a session is corrected', async () => {
    const { patientId, enrollmentId } = await clinic.value<{ patientId: number; enrollmentId: number }>(
      'patients/enroll',
      enrollment(),
    )
    const { sessionId } = await clinic.value<{ sessionId: number }>('sessions/record', {
      enrollmentId,
      sessionDate: '2026-03-03',
      attended: true,
      painBefore: 7,
    })
    await clinic.value('sessions/correct', { sessionId, painBefore: 5, reason: 'Typed 7 instead of 5' })
    const record = await clinic.value<PatientRecord>('patients/get', { patientId })
    expect(record.sessions[0]).toMatchObject({ painBefore: 5, corrected: true })
    const history = await clinic.value<{ action: string; before: unknown; after: unknown; reason: string | null }[]>(
      'sessions/history',
      { sessionId },
    )
    expect(history.map((h) => h.action)).toEqual(['create', 'update'])
    expect(history[1]).toMatchObject({ before: { painBefore: 7 }, after: { painBefore: 5 }, reason: 'Typed 7 instead of 5' })
  })

  it('never clears the pain score an attended session requires', async () => {
    const { patientId, enrollmentId } = await clinic.value<{ patientId: number; enrollmentId: number }>('patients/enroll', enrollment())
    const { sessionId } = await clinic.value<{ sessionId: number }>('sessions/record', {
      enrollmentId,
      sessionDate: '2026-03-03',
      attended: true,
      painBefore: 7,
    })
    const cleared = await clinic.call('sessions/correct', { sessionId, painBefore: null, reason: 'Not asked' })
    // An attended session keeps its pain before: clearing it is refused at the field (a session corrected to missed drops it).
    expect(cleared).toMatchObject({ ok: false, error: { kind: 'rule', fields: [{ path: 'painBefore', code: 'pain_before_needed' }] } })
    // Pain after stays optional: a correction may clear it.
    await clinic.value('sessions/correct', { sessionId, painAfter: 3, reason: 'Asked after' })
    await clinic.value('sessions/correct', { sessionId, painAfter: null, reason: 'Was not asked after all' })
    const record = await clinic.value<PatientRecord>('patients/get', { patientId })
    expect(record.sessions[0]).toMatchObject({ painBefore: 7, painAfter: null })
  })
})
