import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { PatientHistoryEntry, PatientRecord, PatientPage } from '../../electron/clinic/contract'
import { enrollment, tempClinic, type TempClinic } from './factories'

let clinic: TempClinic
beforeEach(async () => {
  clinic = await tempClinic()
})
afterEach(() => clinic.close())

const names = async (input: Record<string, unknown> = {}) =>
  (await clinic.value<PatientPage>('patients/list', input)).rows.map((p) => p.lastName)

describe('archive and restore', () => {
  it('takes an archived patient out of the list, keeps every record, and restores them', async () => {
    const { patientId, enrollmentId } = await clinic.value<{ patientId: number; enrollmentId: number }>('patients/enroll', enrollment())
    await clinic.value('sessions/record', { enrollmentId, sessionDate: '2026-03-03', attended: true, painBefore: 5 })
    const rowsBefore = (await clinic.query('select (select count(*) from sessions) + (select count(*) from assessments) as n'))[0]

    await clinic.value('patients/archive', { patientId, reason: 'Moved to another city' })
    expect(await names()).toEqual([])
    expect(await names({ archived: true })).toEqual(['Meier'])
    const archived = await clinic.value<PatientRecord>('patients/get', { patientId })
    expect(archived.patient.archived).toMatchObject({ by: 'test-therapist' })
    expect(archived.sessions).toHaveLength(1)
    expect((await clinic.query('select (select count(*) from sessions) + (select count(*) from assessments) as n'))[0]).toEqual(
      rowsBefore,
    )

    expect(await clinic.call('patients/archive', { patientId, reason: 'again' })).toMatchObject({ ok: false, error: { kind: 'rule' } })
    await clinic.value('patients/restore', { patientId, reason: 'Came back for the follow-up' })
    expect(await names()).toEqual(['Meier'])
  })

  it('needs a reason', async () => {
    const { patientId } = await clinic.value<{ patientId: number }>('patients/enroll', enrollment())
    expect(await clinic.call('patients/archive', { patientId, reason: ' ' })).toMatchObject({
      ok: false,
      error: { kind: 'validation', fields: [{ path: 'reason' }] },
    })
  })
})

describe('patient history', () => {
  it('lists every change of the patient and their records with who, when, before, after and why', async () => {
    const { patientId, enrollmentId } = await clinic.value<{ patientId: number; enrollmentId: number }>('patients/enroll', enrollment())
    const { sessionId } = await clinic.value<{ sessionId: number }>('sessions/record', {
      enrollmentId,
      sessionDate: '2026-03-03',
      attended: true,
      painBefore: 7,
    })
    await clinic.value('sessions/correct', { sessionId, painBefore: 6, reason: 'Typed 7 for 6' })
    await clinic.value('patients/archive', { patientId, reason: 'Entered twice' })
    const history = await clinic.value<PatientHistoryEntry[]>('patients/history', { patientId })
    expect(history.map((h) => [h.record, h.action])).toEqual([
      ['assignments', 'create'],
      ['enrollments', 'create'],
      ['patients', 'create'],
      ['sessions', 'create'],
      ['sessions', 'update'],
      ['patients', 'archive'],
    ])
    // The enrollment's entry records the consent taken at enrollment.
    expect(history[1].after).toMatchObject({ treatmentConsentOn: '2026-03-02', treatmentConsentBy: 'Test Therapist', comparisonConsent: 'given' })
    expect(history[4]).toMatchObject({ before: { painBefore: 7 }, after: { painBefore: 6 }, reason: 'Typed 7 for 6', actor: 'test-therapist' })
    expect(history[5]).toMatchObject({ reason: 'Entered twice' })
  })
})
