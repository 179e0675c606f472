import { parse } from 'csv-parse/sync'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ExportFile, GroupComparisonResult, HomeSheet, PatientHistoryEntry, PatientRecord, RunningAdviceSettings } from '../../electron/clinic/contract'
import { dispatch } from '../../electron/clinic/dispatch'
import { CATALOGUES, translate } from '../../electron/clinic/contract/messages'
import { enrollment, tempClinic, type TempClinic } from './factories'

/*
 * Issue 16: the runner's advice on running during the program (a clinic default the therapist changes per runner,
 * audited), and leg strength as the optional 30-second sit-to-stand test at baseline, week 4 and week 8.
 */

let clinic: TempClinic
beforeEach(async () => {
  clinic = await tempClinic(() => new Date('2026-05-04T09:00:00'))
})
afterEach(() => clinic.close())

const ratings = (record: PatientRecord, rating: number) => record.activities.map((a) => ({ activityId: a.activityId, rating }))

async function enrolled(program: 'P1' | 'P2' | 'P3' = 'P1', sitToStandReps: number | null = null, lastName = 'Meier') {
  const input = enrollment({ program: { programCode: program, startDate: '2026-03-02', optionalExercises: [] } })
  input.patient = { ...input.patient, lastName }
  input.baseline = { ...input.baseline, sitToStandReps }
  const { patientId, enrollmentId } = await clinic.value<{ patientId: number; enrollmentId: number }>('patients/enroll', input)
  const record = await clinic.value<PatientRecord>('patients/get', { patientId })
  return { patientId, enrollmentId, record }
}

/** A scheduled follow-up within its window: week 4 on day 28, week 8 on the program's last day. */
const FOLLOW_UP_ON = { week_4: '2026-03-30', week_8: '2026-04-26' } as const

async function followUp(runner: Awaited<ReturnType<typeof enrolled>>, timePoint: 'week_4' | 'week_8', sitToStandReps: number | null) {
  return clinic.value<{ assessmentId: number }>('assessments/record', {
    enrollmentId: runner.enrollmentId,
    assessedOn: FOLLOW_UP_ON[timePoint],
    timePoint,
    runningPain: 4,
    ratings: ratings(runner.record, 6),
    sitToStandReps,
  })
}

const history = (patientId: number) => clinic.value<PatientHistoryEntry[]>('patients/history', { patientId })

describe('running during the program: a clinic default the therapist changes per runner', () => {
  it('prints the clinic default until the clinic lead changes it, and the runner’s own advice once chosen, with every change in the history', async () => {
    const runner = await enrolled()
    // Until the clinic lead chooses: keep running (docs/clinical-basis.md).
    expect(await clinic.value<RunningAdviceSettings>('settings/runningAdvice')).toEqual({ clinicDefault: 'keep_running' })
    expect(runner.record.runningAdvice).toEqual({ advice: 'keep_running', own: false })
    expect((await clinic.value<HomeSheet>('sheets/home', { patientId: runner.patientId, week: 2 })).runningAdvice).toBe('keep_running')

    // The clinic lead sets the default: every runner without their own advice follows it.
    expect(await clinic.value('settings/updateRunningAdvice', { clinicDefault: 'pause_running' })).toEqual({ clinicDefault: 'pause_running' })
    expect((await clinic.value<PatientRecord>('patients/get', { patientId: runner.patientId })).runningAdvice).toEqual({ advice: 'pause_running', own: false })
    expect((await clinic.value<HomeSheet>('sheets/home', { patientId: runner.patientId, week: 2 })).runningAdvice).toBe('pause_running')
    const settingsAudit = await clinic.query("select actor, before, after, reason from audit_log where table_name = 'settings' and reason = 'running_advice' order by id")
    expect(settingsAudit).toEqual([
      { actor: 'test-therapist', before: JSON.stringify({ clinicDefault: 'keep_running' }), after: JSON.stringify({ clinicDefault: 'pause_running' }), reason: 'running_advice' },
    ])

    // A therapist (not the clinic lead) may not change the default, but changes a runner's advice with a reason.
    await clinic.value('users/create', { username: 'jonas', displayName: 'Jonas Weber', role: 'therapist', password: 'a long therapist password' })
    await clinic.value('auth/signOut')
    await clinic.value('auth/signIn', { username: 'jonas', password: 'a long therapist password' })
    expect(await clinic.call('settings/updateRunningAdvice', { clinicDefault: 'keep_running' })).toMatchObject({ ok: false, error: { kind: 'forbidden', code: 'clinic_lead_only' } })
    expect(await clinic.call('enrollments/correct', { enrollmentId: runner.enrollmentId, runningAdvice: 'keep_running' })).toMatchObject({
      ok: false,
      error: { kind: 'validation', fields: [{ path: 'reason' }] },
    })
    expect(await clinic.call('enrollments/correct', { enrollmentId: runner.enrollmentId, runningAdvice: 'jogging', reason: 'x' })).toMatchObject({
      ok: false,
      error: { fields: [{ path: 'runningAdvice', code: 'field_choose', params: { field: 'runningAdvice' } }] },
    })
    await clinic.value('enrollments/correct', { enrollmentId: runner.enrollmentId, runningAdvice: 'keep_running', reason: 'Runs pain-free at an easy pace' })
    expect((await clinic.value<PatientRecord>('patients/get', { patientId: runner.patientId })).runningAdvice).toEqual({ advice: 'keep_running', own: true })
    expect((await clinic.value<HomeSheet>('sheets/home', { patientId: runner.patientId, week: 2, language: 'en' })).runningAdvice).toBe('keep_running')
    // The same choice again changes nothing and writes nothing.
    expect(await clinic.call('enrollments/correct', { enrollmentId: runner.enrollmentId, runningAdvice: 'keep_running', reason: 'again' })).toMatchObject({
      ok: false,
      error: { code: 'nothing_changed' },
    })
    // Back to the clinic default (null).
    await clinic.value('enrollments/correct', { enrollmentId: runner.enrollmentId, runningAdvice: null, reason: 'Flare: follows the clinic again' })
    expect((await clinic.value<PatientRecord>('patients/get', { patientId: runner.patientId })).runningAdvice).toEqual({ advice: 'pause_running', own: false })

    const changes = (await history(runner.patientId)).filter((entry) => entry.after && 'runningAdvice' in entry.after)
    expect(changes.map(({ record, actor, action, before, after, reason }) => ({ record, actor, action, before, after, reason }))).toEqual([
      { record: 'enrollments', actor: 'jonas', action: 'update', before: { runningAdvice: null }, after: { runningAdvice: 'keep_running' }, reason: 'Runs pain-free at an easy pace' },
      { record: 'enrollments', actor: 'jonas', action: 'update', before: { runningAdvice: 'keep_running' }, after: { runningAdvice: null }, reason: 'Flare: follows the clinic again' },
    ])
    // When: the audit trail stamps the database clock.
    for (const entry of changes) expect(entry.at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/)
  })
})

describe('leg strength: the 30-second sit-to-stand test', () => {
  it('records it at baseline, week 4 and week 8, refuses it elsewhere and outside 0–60, and corrects it with an audit entry', async () => {
    const runner = await enrolled('P1', 12)
    expect(runner.record.assessments).toMatchObject([{ timePoint: 'baseline', sitToStandReps: 12 }])
    const week4 = await followUp(runner, 'week_4', 14)
    await followUp(runner, 'week_8', null)

    // Outside 0–60 or not whole: the field's coded message (English and German texts in the message catalogue).
    for (const reps of [61, -1, 12.5]) {
      const refused = await clinic.call('assessments/correct', { assessmentId: week4.assessmentId, sitToStandReps: reps, reason: 'recount' })
      expect(refused).toMatchObject({ ok: false, error: { kind: 'validation', fields: [{ path: 'sitToStandReps', code: 'sit_to_stand_range', params: { max: 60 } }] } })
    }
    // Not at an unscheduled assessment (nor at 3 and 6 months).
    const unscheduled = await clinic.call('assessments/record', {
      enrollmentId: runner.enrollmentId,
      assessedOn: '2026-04-01',
      timePoint: 'unscheduled',
      runningPain: 4,
      ratings: ratings(runner.record, 5),
      sitToStandReps: 15,
    })
    expect(unscheduled).toMatchObject({ ok: false, error: { kind: 'rule', code: 'sit_to_stand_not_at_time_point', fields: [{ path: 'sitToStandReps' }] } })

    await clinic.value('assessments/correct', { assessmentId: week4.assessmentId, sitToStandReps: 15, reason: 'Counted again from the video' })
    const record = await clinic.value<PatientRecord>('patients/get', { patientId: runner.patientId })
    expect(record.assessments.map((a) => [a.timePoint, a.sitToStandReps, a.corrected])).toEqual([
      ['baseline', 12, false],
      ['week_4', 15, true],
      ['week_8', null, false],
    ])
    const corrected = (await history(runner.patientId)).find((e) => e.record === 'assessments' && e.action === 'update')
    expect(corrected).toMatchObject({ actor: 'test-therapist', before: { sitToStandReps: 14 }, after: { sitToStandReps: 15 }, reason: 'Counted again from the video' })
  })

  it('compares the programs on the runners tested, at baseline, week 4 and week 8, with figures worked out by hand', async () => {
    // Repetitions at baseline and week 8; one P2 runner was not tested (pain and runability only).
    const tested = {
      P1: [[10, 16], [12, 16], [14, 19]],
      P2: [[11, 12], [13, 15]],
      P3: [[12, 13], [15, 15]],
    } as const
    for (const [program, pairs] of Object.entries(tested) as [keyof typeof tested, readonly (readonly [number, number])[]][]) {
      for (const [i, [baseline, week8]] of pairs.entries()) {
        const runner = await enrolled(program, baseline, `${program}-${i}`)
        await followUp(runner, 'week_8', week8)
      }
    }
    const untested = await enrolled('P2', null, 'Untested')
    await followUp(untested, 'week_8', null)

    const { comparison } = await clinic.value<GroupComparisonResult>('outcomes/compare', {})
    const legs = comparison.measures.sitToStandReps
    // By hand. P1 baseline 10, 12, 14: mean 12, SD √((4 + 0 + 4) / 2) = 2. Week 8 16, 16, 19: mean 17, SD √((1 + 1 + 4) / 2) = √3.
    expect(legs.scores.P1.baseline).toMatchObject({ n: 3, mean: 12, sd: 2 })
    expect(legs.scores.P1.week_8.n).toBe(3)
    expect(legs.scores.P1.week_8.mean).toBeCloseTo(17, 10)
    expect(legs.scores.P1.week_8.sd).toBeCloseTo(Math.sqrt(3), 10)
    // n per group counts the runners tested: P2 has three runners, two tested.
    expect(legs.scores.P2.baseline).toMatchObject({ n: 2, mean: 12 })
    expect(comparison.measures.runningPain.scores.P2.baseline.n).toBe(3)
    expect(legs.scores.P1.week_4.n).toBe(0)
    expect(legs.scores.P1.month_6.n).toBe(0)
    // Change: P1 6, 4, 5 (mean 5, SD 1); P2 1, 2 (mean 1.5, SD √0.5); P3 1, 0 (mean 0.5, SD √0.5).
    const change = legs.followUps.week_8.change
    expect(change.P1).toMatchObject({ n: 3, mean: 5, sd: 1 })
    expect(change.P2.n).toBe(2)
    expect(change.P2.mean).toBeCloseTo(1.5, 10)
    expect(change.P2.sd).toBeCloseTo(Math.sqrt(0.5), 10)
    expect(change.P3.mean).toBeCloseTo(0.5, 10)
    // Welch, P1 − P2: difference 3.5; SE² = 1/3 + 0.5/2 = 7/12; t = 3.5 / √(7/12) ≈ 4.5826;
    // df = (7/12)² / ((1/3)²/2 + (0.25)²/1) = 0.340278 / 0.118056 ≈ 2.8824.
    const p1p2 = legs.followUps.week_8.differences.find((d) => d.first === 'P1' && d.second === 'P2')
    expect(p1p2).toMatchObject({ nFirst: 3, nSecond: 2, reason: null })
    expect(p1p2?.value?.difference).toBeCloseTo(3.5, 10)
    expect(p1p2?.value?.t).toBeCloseTo(3.5 / Math.sqrt(7 / 12), 6)
    expect(p1p2?.value?.t).toBeCloseTo(4.5826, 3)
    expect(p1p2?.value?.df).toBeCloseTo((7 / 12) ** 2 / ((1 / 3) ** 2 / 2 + 0.25 ** 2 / 1), 6)
    expect(p1p2?.value?.df).toBeCloseTo(2.8824, 3)
    // Higher is better; no responder definition for this test.
    expect(legs.improvement).toBe('increase')
    expect(legs.followUps.week_8.responders).toBeNull()
    expect(comparison.measures.runability.followUps.week_8.responders).not.toBeNull()
  })

  it('goes into the long and wide exports with its data-dictionary entries, and into the FHIR bundle', async () => {
    const runner = await enrolled('P1', 12)
    await followUp(runner, 'week_4', 15)
    const csv = async (form: string) => {
      const file = await clinic.value<ExportFile>('exports/csv', { form })
      return parse(file.content, { columns: true, bom: true }) as Record<string, string>[]
    }
    expect((await csv('long')).map((r) => [r.time_point, r.sit_to_stand_reps])).toEqual([
      ['baseline', '12'],
      ['week_4', '15'],
    ])
    const [wide] = await csv('wide')
    expect(wide).toMatchObject({ sit_to_stand_reps_baseline: '12', sit_to_stand_reps_week_4: '15', sit_to_stand_reps_week_8: '' })
    expect(Object.keys(wide)).not.toContain('sit_to_stand_reps_month_6')
    const dictionary = (await csv('dictionary')).filter((r) => Object.values(r).some((v) => v.startsWith('sit_to_stand_reps')))
    const names = dictionary.map((r) => Object.values(r).find((v) => v.startsWith('sit_to_stand_reps')))
    expect(names).toEqual(['sit_to_stand_reps', 'sit_to_stand_reps_baseline', 'sit_to_stand_reps_week_4', 'sit_to_stand_reps_week_8'])
    for (const entry of dictionary) expect(Object.values(entry).join(' ')).toContain('repetitions in 30 s')
    expect(Object.values(dictionary[0]).join(' ')).toContain('baseline, week 4 and week 8')

    const fhir = await clinic.value<ExportFile>('exports/fhir', {})
    const bundle = JSON.parse(fhir.content) as { entry: { resource: { resourceType: string; code?: { coding: { code: string }[] }; valueQuantity?: { value: number; unit: string } } }[] }
    const legs = bundle.entry.map((e) => e.resource).filter((r) => r.code?.coding[0].code === 'sit-to-stand-30s')
    expect(legs.map((r) => r.valueQuantity)).toEqual([
      { value: 12, unit: 'repetitions in 30 s', system: 'http://unitsofmeasure.org', code: '{repetitions}' },
      { value: 15, unit: 'repetitions in 30 s', system: 'http://unitsofmeasure.org', code: '{repetitions}' },
    ])
  })

  it('gives its German field message from the message catalogue', async () => {
    const runner = await enrolled('P1', 12)
    const [assessment] = runner.record.assessments
    const refused = await dispatch(clinic.handlers, 'assessments/correct', { assessmentId: assessment.assessmentId, sitToStandReps: 70, reason: 'x' })
    expect(refused).toMatchObject({ ok: false, error: { fields: [{ code: 'sit_to_stand_range' }] } })
    expect(translate(CATALOGUES.de, { code: 'sit_to_stand_range', params: { max: 60 } })).toContain('Aufstehtest (30 Sekunden) als ganze Zahl von 0 bis 60')
    expect(translate(CATALOGUES.en, { code: 'sit_to_stand_range', params: { max: 60 } })).toContain('whole number from 0 to 60')
  })
})
