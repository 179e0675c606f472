import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { GroupComparisonResult, PatientRecord } from '../../electron/clinic/contract'
import { enrollment, tempClinic, type TempClinic } from './factories'

let clinic: TempClinic
beforeEach(async () => {
  clinic = await tempClinic(() => new Date('2026-05-04T09:00:00'))
})
afterEach(() => clinic.close())

async function runner(program: 'P1' | 'P2' | 'P3', baselinePain: number, week4Pain: number | null, patient: Record<string, unknown> = {}) {
  const input = enrollment({ program: { programCode: program, startDate: '2026-03-02', optionalExercises: [] } })
  input.patient = { ...input.patient, ...patient }
  input.baseline.runningPain = baselinePain
  const { patientId, enrollmentId } = await clinic.value<{ patientId: number; enrollmentId: number }>('patients/enroll', input)
  await clinic.value('sessions/record', { enrollmentId, sessionDate: '2026-03-03', attended: true, painBefore: 5 })
  if (week4Pain !== null) {
    const record = await clinic.value<PatientRecord>('patients/get', { patientId })
    await clinic.value('assessments/record', {
      enrollmentId,
      assessedOn: '2026-03-30',
      timePoint: 'week_4',
      runningPain: week4Pain,
      ratings: record.activities.map((a) => ({ activityId: a.activityId, rating: 6 })),
    })
  }
}

describe('group comparison through the clinic API', () => {
  it('summarises each program at each time point from the recorded assessments', async () => {
    await runner('P1', 6, 3)
    await runner('P1', 8, 4)
    await runner('P2', 5, null)
    const { patients, comparison } = await clinic.value<GroupComparisonResult>('outcomes/compare', {})
    expect(patients).toBe(3)
    const pain = comparison.measures.runningPain
    expect(pain.scores.P1.baseline).toMatchObject({ n: 2, mean: 7 })
    expect(pain.scores.P1.week_4).toMatchObject({ n: 2, mean: 3.5 })
    expect(pain.scores.P2.baseline).toMatchObject({ n: 1, mean: 5 })
    expect(pain.scores.P2.week_4.n).toBe(0)
    expect(pain.followUps.week_4.change.P1).toMatchObject({ n: 2, mean: -3.5 })
    expect(pain.followUps.week_4.responders!.P1).toMatchObject({ n: 2, responders: 2 })
    // Runability: baseline mean of ratings 3, 4, 5 = 4; week 4 all 6.
    expect(comparison.measures.runability.followUps.week_4.change.P1).toMatchObject({ n: 2, mean: 2 })
    expect(comparison.attendance.P1).toMatchObject({ n: 2, meanAttended: 1, droppedOut: 0 })
  })

  it('applies the filters: sex, age band, runs per week and enrollment dates', async () => {
    await runner('P1', 6, 3, { sex: 'female', dateOfBirth: '1990-01-01' })
    await runner('P1', 7, 5, { sex: 'male', dateOfBirth: '1970-01-01' })
    const count = async (filter: Record<string, unknown>) =>
      (await clinic.value<GroupComparisonResult>('outcomes/compare', filter)).patients
    expect(await count({ sex: 'male' })).toBe(1)
    expect(await count({ ageBand: '30_to_39' })).toBe(1)
    expect(await count({ ageBand: '50_and_over' })).toBe(1)
    expect(await count({ ageBand: 'under_30' })).toBe(0)
    expect(await count({ runsPerWeekMin: 4 })).toBe(0)
    expect(await count({ enrolledFrom: '2026-03-03' })).toBe(0)
    expect(await count({ enrolledFrom: '2026-03-01', enrolledTo: '2026-03-02' })).toBe(2)
  })

  it('counts age in whole years at enrollment: a runner turning 30 the day after is in the band under 30', async () => {
    await runner('P2', 6, null, { dateOfBirth: '1996-03-03' })
    const under30 = await clinic.value<GroupComparisonResult>('outcomes/compare', { ageBand: 'under_30' })
    expect(under30.patients).toBe(1)
  })

  it('refuses a date range that ends before it starts', async () => {
    const result = await clinic.call('outcomes/compare', { enrolledFrom: '2026-04-01', enrolledTo: '2026-03-01' })
    expect(result).toMatchObject({ ok: false, error: { kind: 'validation', fields: [{ path: 'enrolledTo' }] } })
  })
})
