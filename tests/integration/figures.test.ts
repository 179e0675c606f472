import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { DeliveryResult, EnrollInput, GroupComparisonResult, PatientAdherence, PatientRecord } from '../../electron/clinic/contract'
import { patientProgress } from '../../electron/clinic/reports/patientProgress'
import type { ProgramCode } from '../../electron/clinic/domain/vocabulary'
import { changeFromBaseline } from '../../electron/clinic/stats/runnerFigures'
import { enrollment, tempClinic, type TempClinic } from './factories'

/*
 * One source for each figure: for each runner, the patient page (the adherence
 * API and the assessments table's change), the progress report (patientProgress
 * over the same record) and the group comparison and group report (one runner
 * per program, so each program's mean is that runner's figure, read through the
 * SQL the comparison uses) must give the same attendance, adherence and change.
 * The expected values are worked out by hand below.
 *
 * Programs start on Monday 2 March 2026; today is Wednesday 1 April: 4 program
 * weeks completed, 2 supervised and 5 home sessions planned a week (the catalogue's).
 */

let clinic: TempClinic
beforeEach(async () => {
  clinic = await tempClinic(() => new Date('2026-04-01T10:00:00'))
})
afterEach(() => clinic.close())

const program = (programCode: ProgramCode): EnrollInput['program'] => ({ programCode, startDate: '2026-03-02', optionalExercises: [] })

async function runner(programCode: ProgramCode, firstName: string) {
  const ids = await clinic.value<{ patientId: number; enrollmentId: number }>(
    'patients/enroll',
    enrollment({ program: program(programCode), patient: { ...enrollment().patient, firstName } }),
  )
  return ids
}

const attend = (enrollmentId: number, sessionDate: string) =>
  clinic.value('sessions/record', { enrollmentId, sessionDate, attended: true, painBefore: 4 })
const miss = (enrollmentId: number, sessionDate: string) =>
  clinic.value('sessions/record', { enrollmentId, sessionDate, attended: false, missedReason: 'ill' })

async function weekFour(patientId: number, enrollmentId: number, runningPain: number, rating: number) {
  const record = await clinic.value<PatientRecord>('patients/get', { patientId })
  await clinic.value('assessments/record', {
    enrollmentId,
    timePoint: 'week_4',
    assessedOn: '2026-03-30',
    runningPain,
    ratings: record.activities.map((a) => ({ activityId: a.activityId, rating })),
  })
}

/** Each runner's figures as worked out by hand (baseline: pain 6, runability (3 + 4 + 5) / 3 = 4). */
const EXPECTED = {
  // 3 attended in week 1 (2 count for adherence), 1 in week 2, 1 missed; home: 4 days in week 1, 2 in week 2.
  P1: { attended: 4, missed: 1, supervised: { done: 3, planned: 8 }, home: { done: 6, planned: 20 }, painChange: -3, runabilityChange: 3 },
  // 1 attended in week 1 and 1 in week 3, 1 missed; no home log; worse at week 4.
  P2: { attended: 2, missed: 1, supervised: { done: 2, planned: 8 }, home: { done: 0, planned: 20 }, painChange: 1, runabilityChange: -1 },
  // Nothing recorded yet but a week-4 assessment equal to the baseline.
  P3: { attended: 0, missed: 0, supervised: { done: 0, planned: 8 }, home: { done: 0, planned: 20 }, painChange: 0, runabilityChange: 0 },
}

async function threeRunners() {
  const p1 = await runner('P1', 'Anna')
  for (const day of ['2026-03-03', '2026-03-05', '2026-03-06', '2026-03-10']) await attend(p1.enrollmentId, day)
  await miss(p1.enrollmentId, '2026-03-12')
  const homeDay = (date: string, done: boolean) => ({ date, done, pain: done ? 3 : null })
  await clinic.value('sessions/recordHomeWeek', {
    enrollmentId: p1.enrollmentId,
    week: 1,
    days: [homeDay('2026-03-02', true), homeDay('2026-03-04', true), homeDay('2026-03-07', true), homeDay('2026-03-08', true)],
  })
  await clinic.value('sessions/recordHomeWeek', { enrollmentId: p1.enrollmentId, week: 2, days: [homeDay('2026-03-10', true), homeDay('2026-03-12', true)] })
  await weekFour(p1.patientId, p1.enrollmentId, 3, 7)

  const p2 = await runner('P2', 'Ben')
  await attend(p2.enrollmentId, '2026-03-03')
  await attend(p2.enrollmentId, '2026-03-17')
  await miss(p2.enrollmentId, '2026-03-24')
  await weekFour(p2.patientId, p2.enrollmentId, 7, 3)

  const p3 = await runner('P3', 'Cem')
  await weekFour(p3.patientId, p3.enrollmentId, 6, 4)
  return { P1: p1, P2: p2, P3: p3 }
}

describe('each figure from one source', () => {
  it('the patient page, the progress report and the group comparison agree for every runner', async () => {
    const runners = await threeRunners()
    const comparison = await clinic.value<GroupComparisonResult>('outcomes/compare', {})
    const delivery = await clinic.value<DeliveryResult>('outcomes/fidelity', {})

    for (const code of ['P1', 'P2', 'P3'] as const) {
      const { patientId, enrollmentId } = runners[code]
      const expected = EXPECTED[code]
      const record = await clinic.value<PatientRecord>('patients/get', { patientId })

      // The patient page: the adherence card (attendance and adherence) and the assessments table (change).
      const page = await clinic.value<PatientAdherence>('outcomes/adherence', { enrollmentId })
      expect(page.attendance, code).toMatchObject({ attended: expected.attended, missed: expected.missed, planned: 16 })
      expect(page.supervised, code).toMatchObject(expected.supervised)
      expect(page.home, code).toMatchObject(expected.home)
      const pageChange = changeFromBaseline(record.assessments).changes.find((row) => row.timePoint === 'week_4')
      expect(pageChange?.measures.runningPain.change, code).toBe(expected.painChange)
      expect(pageChange?.measures.runability.change, code).toBeCloseTo(expected.runabilityChange, 10)

      // The progress report: the same record through patientProgress.
      const report = patientProgress(record)
      expect(report.attendance, code).toMatchObject({ attended: expected.attended, missed: expected.missed, planned: page.attendance.planned })
      const reportChange = report.changes.find((row) => row.timePoint === 'week_4')
      expect(reportChange?.measures, code).toEqual(pageChange?.measures)

      // The group comparison and group report: one runner per program, so the program's figures are the runner's.
      expect(comparison.comparison.attendance[code], code).toMatchObject({ n: 1, meanAttended: expected.attended, sessionsPlanned: page.attendance.planned })
      const atWeek4 = (measure: 'runningPain' | 'runability') => comparison.comparison.measures[measure].followUps.week_4.change[code]
      expect(atWeek4('runningPain'), code).toMatchObject({ n: 1, mean: expected.painChange })
      expect(atWeek4('runability').mean, code).toBeCloseTo(expected.runabilityChange, 10)
      const program = delivery.programs.find((p) => p.programCode === code)
      expect(program?.supervisedAdherence.mean, code).toBeCloseTo(page.supervised.percent ?? Number.NaN, 10)
      expect(program?.homeAdherence.mean, code).toBeCloseTo(page.home.percent ?? Number.NaN, 10)
      expect(page.supervised.percent, code).toBeCloseTo((100 * expected.supervised.done) / expected.supervised.planned, 10)
    }
  })
})
