import { parse } from 'csv-parse/sync'
import type { Bundle, Patient } from '@medplum/fhirtypes'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ExportFile, PatientRecord } from '../../electron/clinic/contract'
import { expectValidBundle } from '../unit/exports/fhirValidation'
import { enrollment, tempClinic, withRedFlag, type TempClinic } from './factories'

let clinic: TempClinic

/** Anna: P1 from 2 March, two sessions (two exercises in the first) and a missed one, week-4 scores. Jörg: a red flag, waiting for clearance, baseline only. */
async function twoRunners() {
  const anna = await clinic.value<{ patientId: number; enrollmentId: number }>('patients/enroll', enrollment())
  const jorg = await clinic.value<{ patientId: number }>(
    'patients/enroll',
    withRedFlag('history_of_cancer', {
      program: null,
      patient: { firstName: 'Jörg', lastName: 'Müller', dateOfBirth: '1975-11-30', sex: 'male', preferredLanguage: 'de' },
    }),
  )
  const { enrollmentId } = anna
  await clinic.value('sessions/record', {
    enrollmentId,
    sessionDate: '2026-03-03',
    attended: true,
    painBefore: 6,
    painAfter: 5,
    exercises: [
      { exerciseCode: 'leg-press', doneSets: 2, doneReps: 12, doneLoadKg: 42.5 },
      { exerciseCode: 'wall-sit', doneSets: 2, doneHoldSeconds: 15 },
    ],
  })
  await clinic.value('sessions/record', { enrollmentId, sessionDate: '2026-03-06', attended: false, missedReason: 'Ill, "flu"\nstayed home' })
  const record = await clinic.value<PatientRecord>('patients/get', { patientId: anna.patientId })
  await clinic.value('sessions/record', {
    enrollmentId,
    sessionDate: '2026-03-30',
    attended: true,
    painBefore: 3,
    assessment: { timePoint: 'week_4', runningPain: 3, ratings: record.activities.map((a, i) => ({ activityId: a.activityId, rating: 5 + i })) },
  })
  return Promise.all([anna.patientId, jorg.patientId].map((patientId) => clinic.value<PatientRecord>('patients/get', { patientId })))
}

const csvRecords = async (form: string, includeDemo = false) => {
  const file = await clinic.value<ExportFile>('exports/csv', { form, includeDemo })
  expect(file.content.startsWith('\uFEFF'), 'byte-order mark').toBe(true)
  return parse(file.content, { columns: true, bom: true }) as Record<string, string>[]
}
const text = (value: string | number | null | undefined) => (value === null || value === undefined ? '' : String(value))

beforeEach(async () => {
  clinic = await tempClinic(() => new Date('2026-03-30T10:00:00'))
})
afterEach(() => clinic.close())

describe('CSV exports read back with csv-parse', () => {
  it('long form: one row per assessment, equal to the records', async () => {
    const records = await twoRunners()
    const expected = records.flatMap((r) =>
      r.assessments.map((a) => ({
        clinic_id: r.patient.clinicId,
        enrolled_on: r.enrolledOn,
        program: text(r.assignment?.programCode),
        site: r.site.code,
        time_point: a.timePoint,
        assessed_on: a.assessedOn,
        running_pain: text(a.runningPain),
        runability: text(a.runability),
        sit_to_stand_reps: text(a.sitToStandReps),
        out_of_window: 'false',
        deviation_reason: '',
        is_demo: 'false',
        archived: 'false',
      })),
    )
    expect(await csvRecords('long')).toEqual(expected)
    expect(expected.map((e) => [e.clinic_id, e.time_point, e.running_pain, e.runability])).toEqual([
      ['BS-00001', 'baseline', '6', '4'],
      ['BS-00001', 'week_4', '3', '6'],
      ['BS-00002', 'baseline', '6', '4'],
    ])
  })

  it('wide form: one row per enrollment with sex, age at enrollment and the scores by time point', async () => {
    const [anna, jorg] = await twoRunners()
    const [annaRow, jorgRow] = await csvRecords('wide')
    expect(annaRow).toMatchObject({
      clinic_id: anna.patient.clinicId,
      program: 'P1',
      sex: 'female',
      age_at_enrollment: '37',
      enrolled_on: anna.enrolledOn,
      start_date: anna.assignment?.startDate,
      withdrawn_on: '',
      runs_per_week: text(anna.runningProfile.runsPerWeek),
      running_pain_baseline: '6',
      running_pain_week_4: '3',
      running_pain_week_8: '',
      runability_baseline: '4',
      runability_week_4: '6',
    })
    expect(jorgRow).toMatchObject({ clinic_id: jorg.patient.clinicId, program: '', sex: 'male', age_at_enrollment: '50', start_date: '' })
  })

  it('sessions: one row per session with attendance, the missed reason as typed and the pain scores', async () => {
    const records = await twoRunners()
    const expected = records.flatMap((r) =>
      r.sessions.map((s) => ({
        clinic_id: r.patient.clinicId,
        enrolled_on: r.enrolledOn,
        program: text(r.assignment?.programCode),
        site: r.site.code,
        session_date: s.sessionDate,
        week: text(s.week),
        kind: s.kind,
        attended: String(s.attended),
        missed_reason: text(s.missedReason),
        pain_before: text(s.painBefore),
        pain_after: text(s.painAfter),
        is_demo: 'false',
        archived: 'false',
      })),
    )
    expect(expected).toHaveLength(3)
    expect(await csvRecords('sessions')).toEqual(expected)
  })

  it('doses: one row per exercise of a session, prescribed beside performed', async () => {
    const [anna] = await twoRunners()
    const rows = await csvRecords('doses')
    const session = anna.sessions.find((s) => s.sessionDate === '2026-03-03')!
    expect(rows).toEqual(
      session.exercises.map((e) => ({
        clinic_id: anna.patient.clinicId,
        enrolled_on: anna.enrolledOn,
        program: 'P1',
        site: anna.site.code,
        session_date: '2026-03-03',
        week: '1',
        kind: 'supervised',
        exercise: e.exerciseCode,
        prescribed_sets: text(e.prescribed.sets),
        prescribed_reps_min: text(e.prescribed.repsMin),
        prescribed_reps_max: text(e.prescribed.repsMax),
        prescribed_hold_seconds: text(e.prescribed.holdSeconds),
        prescribed_duration_seconds: text(e.prescribed.durationSeconds),
        done_sets: text(e.done.sets),
        done_reps: text(e.done.reps),
        done_load_kg: text(e.done.loadKg),
        done_hold_seconds: text(e.done.holdSeconds),
        done_duration_seconds: text(e.done.durationSeconds),
        is_demo: 'false',
      })),
    )
    // As typed on the session form (not read back from the export code's own query).
    expect(rows.map((r) => [r.exercise, r.done_sets, r.done_reps, r.done_load_kg, r.done_hold_seconds])).toEqual([
      ['leg-press', '2', '12', '42.5', ''],
      ['wall-sit', '2', '', '', '15'],
    ])
    const dictionary = await csvRecords('dictionary')
    const described = dictionary.filter((d) => d.file === 'backstride-exercise-doses.csv').map((d) => d.column)
    expect(described).toEqual(['', ...Object.keys(rows[0])])
  })

  it('separates fields with semicolons when asked, quoting fields that hold one', async () => {
    await twoRunners()
    const file = await clinic.value<ExportFile>('exports/csv', { form: 'sessions', separator: 'semicolon' })
    expect(file.content.split('\r\n')[0]).toBe(
      '\uFEFFclinic_id;enrolled_on;program;site;session_date;week;kind;attended;missed_reason;pain_before;pain_after;is_demo;archived',
    )
    const rows = parse(file.content, { columns: true, bom: true, delimiter: ';' }) as Record<string, string>[]
    expect(rows.map((r) => r.missed_reason)).toEqual(['', 'Ill, "flu"\nstayed home', ''])
  })

  it('names nobody in the statistics files; the patient register has the names', async () => {
    await twoRunners()
    for (const form of ['long', 'wide', 'sessions', 'doses']) {
      const { content } = await clinic.value<ExportFile>('exports/csv', { form })
      expect(content, form).not.toMatch(/Anna|Meier|Jörg|Müller|1988-05-14|example\.org/)
    }
    const register = await csvRecords('patients')
    expect(register.map((p) => [p.clinic_id, p.first_name, p.last_name, p.date_of_birth])).toEqual([
      ['BS-00001', 'Anna', 'Meier', '1988-05-14'],
      ['BS-00002', 'Jörg', 'Müller', '1975-11-30'],
    ])
  })

  it('returns a file name, media type and row count the renderer can offer as a download', async () => {
    await twoRunners()
    const file = await clinic.value<ExportFile>('exports/csv', { form: 'long' })
    expect(file).toMatchObject({ fileName: 'backstride-outcomes-long.csv', mediaType: 'text/csv; charset=utf-8', records: 3 })
    expect(file.content.split('\r\n')[0]).toBe('\uFEFFclinic_id,enrolled_on,program,site,time_point,assessed_on,running_pain,runability,sit_to_stand_reps,out_of_window,deviation_reason,is_demo,archived')
    const dictionary = await clinic.value<ExportFile>('exports/csv', { form: 'dictionary' })
    expect(dictionary.fileName).toBe('backstride-data-dictionary.csv')
  })

  it('refuses an unknown form with a field error', async () => {
    expect(await clinic.call('exports/csv', { form: 'everything' })).toMatchObject({
      ok: false,
      error: { kind: 'validation', fields: [{ path: 'form' }] },
    })
  })
})

describe('FHIR export', () => {
  it('is a collection bundle of the patients and their scores that validates with @medplum/core', async () => {
    const [anna] = await twoRunners()
    const file = await clinic.value<ExportFile>('exports/fhir', {})
    expect(file).toMatchObject({ fileName: 'backstride-fhir-bundle.json', mediaType: 'application/fhir+json', records: 2 + 3 * 2 })
    const bundle = JSON.parse(file.content) as Bundle
    expect(bundle).toMatchObject({ resourceType: 'Bundle', type: 'collection', timestamp: new Date('2026-03-30T10:00:00').toISOString() })
    expectValidBundle(bundle)
    const patient = bundle.entry?.find((e) => e.resource?.resourceType === 'Patient')?.resource as Patient
    expect(patient).toMatchObject({
      identifier: [{ system: 'urn:backstride:clinic-id', value: anna.patient.clinicId }],
      name: [{ family: 'Meier', given: ['Anna'] }],
      birthDate: '1988-05-14',
    })
  })
})

describe('demo patients', () => {
  it('are left out of every export unless asked for, and marked when included', async () => {
    await twoRunners()
    await clinic.query("update patients set is_demo = 1 where clinic_id = 'BS-00002'")

    for (const form of ['long', 'wide', 'sessions', 'patients']) {
      expect((await csvRecords(form)).map((r) => r.clinic_id), form).not.toContain('BS-00002')
      const withDemo = await csvRecords(form, true)
      if (form !== 'sessions') expect(withDemo.find((r) => r.clinic_id === 'BS-00002')?.is_demo, form).toBe('true')
    }
    const fhir = async (includeDemo: boolean) =>
      JSON.parse((await clinic.value<ExportFile>('exports/fhir', { includeDemo })).content) as Bundle
    const ids = (bundle: Bundle) =>
      bundle.entry?.flatMap((e) => (e.resource?.resourceType === 'Patient' ? [e.resource.identifier?.[0].value] : []))
    expect(ids(await fhir(false))).toEqual(['BS-00001'])
    expect(ids(await fhir(true))).toEqual(['BS-00001', 'BS-00002'])
  })
})
