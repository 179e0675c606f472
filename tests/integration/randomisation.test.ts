import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { GroupComparisonResult, PatientRecord, PatientPage } from '../../electron/clinic/contract'
import { allocationSequence } from '../../electron/clinic/rules/randomisation'
import { enrollment, tempClinic, TEST_ACCOUNT, type TempClinic } from './factories'

let clinic: TempClinic
beforeEach(async () => {
  clinic = await tempClinic()
})
afterEach(() => clinic.close())

const randomised = (overrides: Parameters<typeof enrollment>[0] = {}) =>
  enrollment({ program: null, allocation: { startDate: '2026-03-02' }, ...overrides })

const patient = (n: number, sex: 'female' | 'male') => ({
  firstName: `Runner${n}`,
  lastName: `Test${n}`,
  dateOfBirth: '1988-05-14',
  sex,
  preferredLanguage: 'en' as const,
})

const storedSeed = async () =>
  JSON.parse(((await clinic.query("select value from settings where key = 'randomisation_seed'"))[0] as { value: string }).value) as string

describe('randomised allocation', () => {
  it('is off by default and can be switched on by a clinic lead only', async () => {
    expect(await clinic.value('settings/randomisation')).toEqual({ enabled: false, switchedOnAt: null })
    expect(await clinic.call('patients/enroll', randomised())).toMatchObject({ ok: false, error: { kind: 'rule', fields: [{ path: 'allocation' }] } })
    await clinic.value('users/create', { username: 'tom', displayName: 'Tom', role: 'therapist', password: '246810' })
    await clinic.value('auth/signIn', { username: 'tom', password: '246810' })
    expect(await clinic.call('settings/updateRandomisation', { enabled: true })).toMatchObject({ ok: false, error: { kind: 'forbidden' } })
  })

  it('allocates the program from the stratum sequence at enrollment (stratum from sex and baseline pain)', async () => {
    await clinic.value('settings/updateRandomisation', { enabled: true })
    const seed = (await storedSeed())
    expect(seed).toMatch(/^[0-9a-f]{32}$/)
    const settings = await clinic.value<Record<string, unknown>>('settings/randomisation')
    expect(JSON.stringify(settings)).not.toContain(seed)

    const cases = [
      { sex: 'female' as const, pain: 7, stratum: 'female:pain_6_or_more' },
      { sex: 'female' as const, pain: 8, stratum: 'female:pain_6_or_more' },
      { sex: 'male' as const, pain: 3, stratum: 'male:pain_below_6' },
      { sex: 'female' as const, pain: 5, stratum: 'female:pain_below_6' },
      { sex: 'female' as const, pain: 6, stratum: 'female:pain_6_or_more' },
    ]
    const used = new Map<string, number>()
    for (const [i, c] of cases.entries()) {
      const base = randomised({ patient: patient(i, c.sex) })
      const { patientId, enrollmentId } = await clinic.value<{ patientId: number; enrollmentId: number }>('patients/enroll', {
        ...base,
        baseline: { ...base.baseline, runningPain: c.pain },
      })
      const position = (used.get(c.stratum) ?? 0) + 1
      used.set(c.stratum, position)
      const expected = [...takeFrom(allocationSequence(seed, c.stratum), position)].at(-1)!
      const record = await clinic.value<PatientRecord>('patients/get', { patientId })
      expect(record.assignment).toMatchObject({ programCode: expected.programCode, randomised: true, nonRandomisedReason: null })
      const row = (await clinic.query('select * from allocations where enrollment_id = ?', enrollmentId))[0]
      expect(row).toMatchObject({ stratum: c.stratum, position, program_code: expected.programCode, allocated_by: TEST_ACCOUNT.username })
      const audit = (await clinic.query("select action from audit_log where table_name = 'allocations'"))
      expect(audit).toHaveLength(i + 1)
    }
  })

  it('keeps an allocation for ever: no API path changes it, the database refuses an update', async () => {
    await clinic.value('settings/updateRandomisation', { enabled: true })
    const { enrollmentId } = await clinic.value<{ enrollmentId: number }>('patients/enroll', randomised())
    const before = (await clinic.query('select * from allocations'))
    expect(await clinic.call('assignments/allocate', { enrollmentId, startDate: '2026-03-03' })).toMatchObject({ ok: false, error: { kind: 'conflict' } })
    expect(
      await clinic.call('assignments/assign', { enrollmentId, programCode: 'P3', startDate: '2026-03-03', nonRandomisedReason: 'wants P3' }),
    ).toMatchObject({ ok: false, error: { kind: 'conflict' } })
    await expect(clinic.query("update allocations set program_code = 'P3'")).rejects.toThrow(/never changed/)
    await expect(clinic.query('delete from allocations')).rejects.toThrow(/never deleted/)
    expect((await clinic.query('select * from allocations'))).toEqual(before)
    // Switching off and on again keeps the seed: the sequence continues.
    const seed = (await storedSeed())
    await clinic.value('settings/updateRandomisation', { enabled: false })
    await clinic.value('settings/updateRandomisation', { enabled: true })
    expect((await storedSeed())).toBe(seed)
  })

  it('allows a program chosen by hand only with a reason, and marks the runner non-randomised', async () => {
    await clinic.value('settings/updateRandomisation', { enabled: true })
    const noReason = await clinic.call('patients/enroll', enrollment())
    expect(noReason).toMatchObject({ ok: false, error: { kind: 'rule', fields: [{ path: 'program.nonRandomisedReason' }] } })
    const base = enrollment()
    const { patientId } = await clinic.value<{ patientId: number }>('patients/enroll', {
      ...base,
      program: { ...base.program, nonRandomisedReason: 'Knee surgery: leg press not possible' },
    })
    const record = await clinic.value<PatientRecord>('patients/get', { patientId })
    expect(record.assignment).toMatchObject({ randomised: false, nonRandomisedReason: 'Knee surgery: leg press not possible' })
    const [summary] = (await clinic.value<PatientPage>('patients/list', {})).rows
    expect(summary).toMatchObject({ nonRandomised: true, programCode: 'P1' })
    expect((await clinic.query('select count(*) as n from allocations'))[0]).toEqual({ n: 0 })
  })

  it('allocates later a runner enrolled without a program (after clearance)', async () => {
    await clinic.value('settings/updateRandomisation', { enabled: true })
    const { patientId, enrollmentId } = await clinic.value<{ patientId: number; enrollmentId: number }>('patients/enroll', enrollment({ program: null }))
    const noReason = await clinic.call('assignments/assign', { enrollmentId, programCode: 'P2', startDate: '2026-03-03' })
    expect(noReason).toMatchObject({ ok: false, error: { kind: 'rule', fields: [{ path: 'nonRandomisedReason' }] } })
    const { programCode } = await clinic.value<{ programCode: string }>('assignments/allocate', { enrollmentId, startDate: '2026-03-03' })
    const expected = allocationSequence((await storedSeed()), 'female:pain_6_or_more').next().value!
    expect(programCode).toBe(expected.programCode)
    expect((await clinic.value<PatientRecord>('patients/get', { patientId })).assignment).toMatchObject({ programCode, randomised: true })
  })
})

describe('blinded assessor', () => {
  it('sees no program anywhere and may record assessments only', async () => {
    const { patientId, enrollmentId } = await clinic.value<{ patientId: number; enrollmentId: number }>('patients/enroll', enrollment())
    await clinic.value('sessions/record', { enrollmentId, sessionDate: '2026-03-03', attended: true, painBefore: 5 })
    await clinic.value('users/create', { username: 'ada', displayName: 'Ada Assessor', role: 'assessor', password: '135791' })
    await clinic.value('auth/signIn', { username: 'ada', password: '135791' })

    const list = (await clinic.value<PatientPage>('patients/list', {})).rows
    expect(list).toMatchObject([{ programCode: null, week: null, blinded: true }])
    expect(await clinic.call('patients/list', { programCode: 'P1' })).toMatchObject({ ok: false, error: { kind: 'forbidden' } })
    const record = await clinic.value<PatientRecord>('patients/get', { patientId })
    expect(record).toMatchObject({ assignment: null, currentWeek: null, sessions: [], blinded: true })
    expect(JSON.stringify(record)).not.toMatch(/P1|Leg strength|leg-press/i)

    for (const [channel, input] of [
      ['sheets/home', { patientId, week: 1, language: 'en' }],
      ['exports/csv', { form: 'long' }],
      ['exports/fhir', {}],
      ['outcomes/compare', {}],
      ['catalogue/programs', {}],
      ['sessions/prescription', { enrollmentId, sessionDate: '2026-03-05' }],
      ['sessions/record', { enrollmentId, sessionDate: '2026-03-05', attended: true, painBefore: 4 }],
    ] as const) {
      expect(await clinic.call(channel, input), channel).toMatchObject({ ok: false, error: { kind: 'forbidden' } })
    }
    const ratings = record.activities.map((a) => ({ activityId: a.activityId, rating: 6 }))
    expect(
      await clinic.call('assessments/record', { enrollmentId, assessedOn: '2026-03-10', timePoint: 'unscheduled', runningPain: 4, ratings }),
    ).toMatchObject({ ok: true })
  })
})

describe('analysis sets', () => {
  it('itt holds randomised runners as allocated with drop-outs; per protocol those with 12 of 16 supervised sessions', async () => {
    // Hand-picked before randomisation: all set only.
    const manual = enrollment({ patient: patient(0, 'male') })
    await clinic.value('patients/enroll', manual)
    await clinic.value('settings/updateRandomisation', { enabled: true })
    const ids: number[] = []
    for (let i = 1; i <= 3; i++) ids.push((await clinic.value<{ enrollmentId: number }>('patients/enroll', randomised({ patient: patient(i, 'female') }))).enrollmentId)
    // Runner 1 attends 12 supervised sessions, runner 2 attends 11, runner 3 withdraws (a drop-out).
    const attend = async (enrollmentId: number, n: number) => {
      // One session a day: attendance counts days (two sessions on one day are one visit).
      for (let s = 0; s < n; s++) {
        await clinic.query(
          "insert into sessions (enrollment_id, kind, session_date, week, attended, pain_before) values (?, 'supervised', ?, ?, 1, 4)",
          enrollmentId, `2026-03-${String(2 + s).padStart(2, '0')}`, 1 + Math.floor(s / 7),
        )
      }
    }
    await attend(ids[0], 12)
    await attend(ids[1], 11)
    await clinic.query("update enrollments set withdrawn_on = '2026-03-05' where id = ?", ids[2])

    const compare = (analysisSet: string) => clinic.value<GroupComparisonResult>('outcomes/compare', { analysisSet })
    const all = await compare('all')
    expect(all).toMatchObject({ analysisSet: 'all', patients: 4 })
    const itt = await compare('itt')
    expect(itt).toMatchObject({ analysisSet: 'itt', patients: 3 })
    expect(Object.values(itt.comparison.attendance).reduce((n, g) => n + g.droppedOut, 0)).toBe(1)
    const perProtocol = await compare('per_protocol')
    expect(perProtocol).toMatchObject({ analysisSet: 'per_protocol', patients: 1 })
  })
})

function* takeFrom<T>(iterator: Iterator<T>, n: number) {
  for (let i = 0; i < n; i++) yield iterator.next().value as T
}
