import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { PatientHistoryEntry, PatientRecord } from '../../electron/clinic/contract'
import { enrollment, tempClinic, withRedFlag, type TempClinic } from './factories'

/*
 * A program that starts more than 14 days after the baseline (here: after three
 * weeks waiting for a physician's clearance) needs a fresh baseline first. The
 * 14 days are the clinic's rule, counted here by hand: baseline 2 March,
 * 16 March is day 14, 17 March day 15.
 */

let clinic: TempClinic
beforeEach(async () => {
  clinic = await tempClinic(() => new Date('2026-03-25T09:00:00'))
})
afterEach(() => clinic.close())

async function waitedForClearance() {
  const ids = await clinic.value<{ patientId: number; enrollmentId: number }>('patients/enroll', withRedFlag('history_of_cancer', { program: null }))
  await clinic.value('screenings/recordClearance', { enrollmentId: ids.enrollmentId, clearedOn: '2026-03-23', clearedBy: 'Dr. Weber' })
  const record = await clinic.value<PatientRecord>('patients/get', { patientId: ids.patientId })
  return { ...ids, record }
}

describe('a fresh baseline before a late program start', () => {
  it('refuses a program start more than 14 days after the baseline, at the start date', async () => {
    const { enrollmentId } = await waitedForClearance()
    const late = await clinic.call('assignments/assign', { enrollmentId, programCode: 'P2', startDate: '2026-03-17' })
    expect(late).toMatchObject({
      ok: false,
      error: { kind: 'rule', fields: [{ path: 'startDate', message: expect.stringMatching(/baseline was taken on 2026-03-02.*take a fresh baseline first/) }] },
    })
    // Day 14 is still within the rule.
    expect(await clinic.call('assignments/assign', { enrollmentId, programCode: 'P2', startDate: '2026-03-16' })).toMatchObject({ ok: true })
  })

  it('takes the fresh baseline, keeps the first in the history, then lets the program start', async () => {
    const { enrollmentId, patientId, record } = await waitedForClearance()
    const ratings = record.activities.map((a, i) => ({ activityId: a.activityId, rating: [6, 7, 8][i] }))
    // Not before the first baseline.
    expect(await clinic.call('assessments/renewBaseline', { enrollmentId, assessedOn: '2026-03-01', runningPain: 4, ratings })).toMatchObject({
      ok: false,
      error: { fields: [{ path: 'assessedOn' }] },
    })
    await clinic.value('assessments/renewBaseline', { enrollmentId, assessedOn: '2026-03-24', runningPain: 4, ratings })
    await clinic.value('assignments/assign', { enrollmentId, programCode: 'P2', startDate: '2026-03-25' })

    const after = await clinic.value<PatientRecord>('patients/get', { patientId })
    const baselines = after.assessments.filter((a) => a.timePoint === 'baseline')
    expect(baselines).toHaveLength(1)
    expect(baselines[0]).toMatchObject({ assessedOn: '2026-03-24', runningPain: 4, runability: 7 })
    const history = await clinic.value<PatientHistoryEntry[]>('patients/history', { patientId })
    const renewed = history.find((entry) => entry.record === 'assessments' && entry.action === 'update')
    expect(renewed).toMatchObject({ before: { assessedOn: '2026-03-02', runningPain: 6, runability: 4 }, after: { assessedOn: '2026-03-24', runningPain: 4 } })

    // Once the program has started from it, the baseline stays.
    expect(await clinic.call('assessments/renewBaseline', { enrollmentId, assessedOn: '2026-03-25', runningPain: 3, ratings })).toMatchObject({
      ok: false,
      error: { kind: 'rule' },
    })
  })

  it('applies at enrollment too: program or allocation more than 14 days after the baseline', async () => {
    const late = await clinic.call('patients/enroll', enrollment({ program: { programCode: 'P1', startDate: '2026-03-17', optionalExercises: [] } }))
    expect(late).toMatchObject({ ok: false, error: { kind: 'rule', fields: [{ path: 'program.startDate' }] } })
    expect(await clinic.call('patients/enroll', enrollment({ program: { programCode: 'P1', startDate: '2026-03-16', optionalExercises: [] } }))).toMatchObject({
      ok: true,
    })
  })
})
