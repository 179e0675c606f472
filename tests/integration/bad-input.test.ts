import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ApiResult } from '../../electron/clinic/contract'
import { enrollment, tempClinic, type TempClinic } from './factories'

/** Rows in every table together. */
const totalRows = async (clinic: TempClinic) => Object.values(await clinic.rowCounts()).reduce((sum, n) => sum + n, 0)

let clinic: TempClinic
let enrollmentId: number
beforeAll(async () => {
  clinic = await tempClinic()
  ;({ enrollmentId } = await clinic.value<{ enrollmentId: number }>('patients/enroll', enrollment()))
})
afterAll(() => clinic.close())

/**
 * Sends a call that must be refused with a field error at `path` (its English message matching, and its code
 * when given), and checks that nothing was written. Returns the field error.
 */
async function refused(channel: Parameters<TempClinic['call']>[0], input: unknown, path: string, message: RegExp, code?: string) {
  const before = await totalRows(clinic)
  const result: ApiResult<unknown> = await clinic.call(channel, input)
  expect(result.ok).toBe(false)
  if (result.ok) return
  expect(result.error.fields).toContainEqual(expect.objectContaining({ path, message: expect.stringMatching(message), ...(code ? { code } : {}) }))
  expect(await totalRows(clinic)).toBe(before)
  return result.error.fields.find((field) => field.path === path)
}

const session = (overrides: Record<string, unknown>) => ({
  enrollmentId,
  sessionDate: '2026-03-03',
  attended: true,
  painBefore: 5,
  ...overrides,
})

describe('bad input is refused with a field error and writes nothing', () => {
  it('rejects a pain score of 11', async () => {
    await refused('sessions/record', session({ painBefore: 11 }), 'painBefore', /between 0 and 10/)
  })

  it('rejects a negative or fractional score', async () => {
    await refused('sessions/record', session({ painAfter: -1 }), 'painAfter', /between 0 and 10/)
    await refused('sessions/record', session({ painAfter: 4.5 }), 'painAfter', /whole number/)
  })

  it('rejects a baseline pain of 11 at enrollment', async () => {
    const input = enrollment({ patient: { ...enrollment().patient, clinicId: 'X-1' } })
    input.baseline.runningPain = 11
    await refused('patients/enroll', input, 'baseline.runningPain', /between 0 and 10/)
  })

  it('rejects a session dated in the future', async () => {
    await refused('sessions/record', session({ sessionDate: '2999-01-01' }), 'sessionDate', /in the future/)
  })

  it('rejects a session dated before the program starts', async () => {
    const field = await refused('sessions/record', session({ sessionDate: '2026-03-01' }), 'sessionDate', /before the program starts/)
    // On the wire as a code with its value, for the desk to say in its language.
    expect(field).toMatchObject({ code: 'session_before_program_start', params: { date: enrollment().program?.startDate } })
  })

  it('rejects an impossible date', async () => {
    await refused('sessions/record', session({ sessionDate: '2026-02-30' }), 'sessionDate', /valid date/)
  })

  it('rejects a missing required field', async () => {
    const input = enrollment()
    const { lastName: _omitted, ...patient } = input.patient
    await refused('patients/enroll', { ...input, patient }, 'patient.lastName', /last name/, 'field_required')
    await refused('sessions/record', { enrollmentId, sessionDate: '2026-03-03' }, 'attended', /attended/)
  })

  it('rejects a missed session without a reason', async () => {
    await refused('sessions/record', session({ attended: false, painBefore: null }), 'missedReason', /reason/)
  })

  it('rejects an unmet eligibility criterion without a reason', async () => {
    const input = enrollment()
    input.eligibility[2] = { criterion: 'runs_2_to_5_per_week', met: false }
    await refused('patients/enroll', input, 'eligibility.2.overrideReason', /reason/)
  })

  it('rejects fewer than three PSFS activities', async () => {
    const input = enrollment()
    input.baseline.activities = input.baseline.activities.slice(0, 2)
    await refused('patients/enroll', input, 'baseline.activities', /at least 3/)
  })

  it('refuses an unknown patient or enrollment', async () => {
    await refused('patients/get', { patientId: 999 }, 'patientId', /does not exist/)
    await refused('sessions/record', session({ enrollmentId: 999 }), 'enrollmentId', /does not exist/)
  })

  it('refuses a clinic ID that is already taken', async () => {
    const input = enrollment({ patient: { ...enrollment().patient, clinicId: 'bs-00001' } })
    await refused('patients/enroll', input, 'patient.clinicId', /already used/)
  })

  it('refuses an exercise that is not in the runner\'s program', async () => {
    await refused('sessions/record', session({ exercises: [{ exerciseCode: 'plank-on-the-moon' }] }), 'exercises.0.exerciseCode', /not part/)
  })

  it('answers an unknown method and a non-object input without crashing', async () => {
    expect(await clinic.call('patients/nope' as never, {})).toMatchObject({ ok: false, error: { kind: 'not_found' } })
    expect(await clinic.call('patients/list', 'not an object')).toMatchObject({ ok: false, error: { kind: 'validation' } })
    expect(await clinic.call('patients/list', {})).toMatchObject({ ok: true })
  })
})
