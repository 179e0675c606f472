import { fileStore } from '../../db/client'
import { parse } from 'csv-parse/sync'
import { afterEach, describe, expect, it } from 'vitest'
import type {
  ExportFile,
  GroupComparisonResult,
  PatientHistoryEntry,
  PatientRecord,
  PatientPage,
  Worklist,
} from '../../electron/clinic/contract'
import { enrollment, tempClinic, type TempClinic, TEST_STORE } from './factories'
import { undoMigrationsAfter } from './undoMigrations'

/*
 * Withdrawal, re-admission, adverse events and consent on a real SQLite file,
 * through the same dispatcher as both transports. Expected figures are counted
 * by hand from the records each test writes.
 */

let clinic: TempClinic
afterEach(() => clinic?.close())

/** The day of the test clinic's clock; the factory's runners start their program on 2026-03-02. */
const at = (day: string) => () => new Date(`${day}T09:00:00`)

const patient = (firstName: string, lastName: string) => ({ ...enrollment().patient, firstName, lastName, email: null, phone: null })

async function twoRunners() {
  const anna = await clinic.value<{ patientId: number; enrollmentId: number }>('patients/enroll', enrollment())
  const ben = await clinic.value<{ patientId: number; enrollmentId: number }>('patients/enroll', enrollment({ patient: patient('Ben', 'Okafor') }))
  return { anna, ben }
}

async function csv(form: string): Promise<Record<string, string>[]> {
  const file = await clinic.value<ExportFile>('exports/csv', { form })
  return parse(file.content, { columns: true, bom: true }) as Record<string, string>[]
}

const ratingsOf = (record: PatientRecord, rating: number) => record.activities.map((a) => ({ activityId: a.activityId, rating }))

describe('withdrawal from the program', () => {
  it('counts the runner as a drop-out, stops the sessions, keeps the follow-ups, and re-admission undoes the drop-out', async () => {
    // 2026-03-29 is the week-4 follow-up's due day for a program starting 2026-03-02 (start + 27 days).
    clinic = await tempClinic(at('2026-03-29'))
    const { anna, ben } = await twoRunners()
    await clinic.value('withdrawals/withdraw', {
      enrollmentId: anna.enrollmentId,
      withdrawnOn: '2026-03-12',
      category: 'patient_choice',
      reason: 'Moved to Hamburg',
    })

    // Both runners do P1: one of the two dropped out.
    const compared = await clinic.value<GroupComparisonResult>('outcomes/compare', {})
    expect(compared.comparison.attendance.P1).toMatchObject({ n: 2, droppedOut: 1, dropOutPercentage: 50 })

    // No more sessions for Anna, and the refusal writes nothing.
    const sessionsBefore = (await clinic.query('select count(*) as n from sessions'))[0]
    expect(await clinic.call('sessions/record', { enrollmentId: anna.enrollmentId, sessionDate: '2026-03-27', attended: true, painBefore: 4 })).toMatchObject({
      ok: false,
      error: { kind: 'rule', code: 'runner_withdrawn' },
    })
    expect((await clinic.query('select count(*) as n from sessions'))[0]).toEqual(sessionsBefore)

    // The worklist still invites her to the week-4 follow-up, without a session; Ben gets both.
    const worklist = await clinic.value<Worklist>('worklist/today', {})
    const itemsOf = (enrollmentId: number) => worklist.items.filter((i) => i.enrollmentId === enrollmentId).map((i) => [i.kind, i.timePoint])
    expect(itemsOf(anna.enrollmentId)).toEqual([['assessment', 'week_4']])
    expect(itemsOf(ben.enrollmentId)).toEqual(expect.arrayContaining([['assessment', 'week_4'], ['supervised_session', null]]))

    // The patient list shows her as withdrawn with the follow-up due.
    const listed = ((await clinic.value<PatientPage>('patients/list', {})).rows).find((p) => p.patientId === anna.patientId)
    expect(listed).toMatchObject({ status: 'withdrawn', nextDue: { what: 'week_4', dueOn: '2026-03-29', status: 'due' } })

    // Her follow-up is recorded as anyone's (intention to treat).
    const record = await clinic.value<PatientRecord>('patients/get', { patientId: anna.patientId })
    expect(record.withdrawal).toEqual({ withdrawnOn: '2026-03-12', category: 'patient_choice', reason: 'Moved to Hamburg' })
    await clinic.value('assessments/record', {
      enrollmentId: anna.enrollmentId,
      assessedOn: '2026-03-29',
      timePoint: 'week_4',
      runningPain: 3,
      ratings: ratingsOf(record, 7),
    })
    const wide = (await csv('wide')).find((r) => r.clinic_id === record.patient.clinicId)
    expect(wide).toMatchObject({
      withdrawn_on: '2026-03-12',
      withdrawal_category: 'patient_choice',
      withdrawal_reason: 'Moved to Hamburg',
      running_pain_week_4: '3',
    })
    const dictionary = await csv('dictionary')
    expect(dictionary.filter((e) => e.file === 'backstride-outcomes-wide.csv').map((e) => e.column)).toEqual(
      expect.arrayContaining(['withdrawn_on', 'withdrawal_category', 'withdrawal_reason']),
    )

    // Re-admitted: no drop-out any more; the history keeps both changes with their reasons.
    await clinic.value('withdrawals/readmit', { enrollmentId: anna.enrollmentId, reason: 'Back from Hamburg, wants to finish' })
    const again = await clinic.value<GroupComparisonResult>('outcomes/compare', {})
    expect(again.comparison.attendance.P1).toMatchObject({ n: 2, droppedOut: 0 })
    expect(await clinic.call('withdrawals/readmit', { enrollmentId: anna.enrollmentId, reason: 'twice' })).toMatchObject({
      ok: false,
      error: { code: 'runner_not_withdrawn' },
    })
    const history = await clinic.value<PatientHistoryEntry[]>('patients/history', { patientId: anna.patientId })
    const changes = history.filter((h) => h.action === 'withdraw' || h.action === 'readmit')
    expect(changes).toMatchObject([
      {
        record: 'enrollments',
        action: 'withdraw',
        actor: 'test-therapist',
        before: { withdrawnOn: null, withdrawalCategory: null },
        after: { withdrawnOn: '2026-03-12', withdrawalCategory: 'patient_choice', withdrawalReason: 'Moved to Hamburg' },
        reason: 'Moved to Hamburg',
      },
      {
        action: 'readmit',
        before: { withdrawnOn: '2026-03-12' },
        after: { withdrawnOn: null, withdrawalCategory: null, withdrawalReason: null },
        reason: 'Back from Hamburg, wants to finish',
      },
    ])
  })
})

describe('adverse events', () => {
  it('are listed on the runner, counted per program in the comparison and exported', async () => {
    clinic = await tempClinic(at('2026-03-20'))
    const { anna, ben } = await twoRunners()
    // Ben does P2 instead: the events are counted per program.
    await clinic.query("update assignments set program_version_id = (select pv.id from program_versions pv join programs p on p.id = pv.program_id where p.code = 'P2') where enrollment_id = ?", ben.enrollmentId)
    const event = (enrollmentId: number, occurredOn: string, severity: string, related: string) =>
      clinic.value('adverseEvents/record', { enrollmentId, occurredOn, description: `Event on ${occurredOn}`, severity, related, actionTaken: 'Load reduced' })
    await event(anna.enrollmentId, '2026-03-05', 'mild', 'yes')
    await event(anna.enrollmentId, '2026-03-09', 'serious', 'unclear')
    await event(ben.enrollmentId, '2026-03-06', 'moderate', 'no')

    const record = await clinic.value<PatientRecord>('patients/get', { patientId: anna.patientId })
    expect(record.adverseEvents.map((e) => [e.occurredOn, e.severity, e.related])).toEqual([
      ['2026-03-05', 'mild', 'yes'],
      ['2026-03-09', 'serious', 'unclear'],
    ])
    const compared = await clinic.value<GroupComparisonResult>('outcomes/compare', {})
    expect(compared.adverseEvents).toEqual({
      P1: { events: 2, runners: 1, serious: 1, related: 1 },
      P2: { events: 1, runners: 1, serious: 0, related: 0 },
      P3: { events: 0, runners: 0, serious: 0, related: 0 },
    })
    expect((await csv('adverse_events')).map((r) => [r.clinic_id, r.program, r.occurred_on, r.severity, r.related])).toEqual([
      [record.patient.clinicId, 'P1', '2026-03-05', 'mild', 'yes'],
      [record.patient.clinicId, 'P1', '2026-03-09', 'serious', 'unclear'],
      ['BS-00002', 'P2', '2026-03-06', 'moderate', 'no'],
    ])
    const history = await clinic.value<PatientHistoryEntry[]>('patients/history', { patientId: anna.patientId })
    expect(history.filter((h) => h.record === 'adverse_events').map((h) => h.after?.severity)).toEqual(['mild', 'serious'])
  })
})

describe('correcting and voiding adverse events and withdrawals', () => {
  /*
   * Each figure is compared with a second clinic where the same events were entered right the
   * first time (or the one entered in error never was), and with the counts written out by hand.
   */
  const others: TempClinic[] = []
  afterEach(() => others.splice(0).forEach((c) => c.close()))
  async function twoClinics() {
    clinic = await tempClinic(at('2026-03-20'))
    const right = await tempClinic(at('2026-03-20'))
    others.push(right)
    const runners = []
    for (const c of [clinic, right]) {
      const anna = await c.value<{ patientId: number; enrollmentId: number }>('patients/enroll', enrollment())
      const ben = await c.value<{ patientId: number; enrollmentId: number }>('patients/enroll', enrollment({ patient: patient('Ben', 'Okafor') }))
      // Ben does P2: the events are counted per program.
      await c.query("update assignments set program_version_id = (select pv.id from program_versions pv join programs p on p.id = pv.program_id where p.code = 'P2') where enrollment_id = ?", ben.enrollmentId)
      runners.push({ anna, ben })
    }
    return { right, mistaken: runners[0], entered: runners[1] }
  }
  const event = (c: TempClinic, enrollmentId: number, occurredOn: string, severity: string, related: string) =>
    c.value<{ adverseEventId: number }>('adverseEvents/record', { enrollmentId, occurredOn, description: `Event on ${occurredOn}`, severity, related, actionTaken: 'Load reduced' })
  /** Every place that counts or exports adverse events, without the record ids (which differ between the two clinics). */
  async function figures(c: TempClinic) {
    const csvOf = async (form: string) => parse((await c.value<ExportFile>('exports/csv', { form })).content, { columns: true, bom: true }) as Record<string, string>[]
    return {
      compared: (await c.value<GroupComparisonResult>('outcomes/compare', {})).adverseEvents,
      consented: (await c.value<GroupComparisonResult>('outcomes/compare', { analysisSet: 'consented' })).adverseEvents,
      attendance: (await c.value<GroupComparisonResult>('outcomes/compare', {})).comparison.attendance,
      adverseEvents: (await csvOf('adverse_events')).map(({ adverse_event_id: _id, ...row }) => row),
      wide: await csvOf('wide'),
    }
  }

  it('leaves a voided adverse event out of every count and export, as if it had never been entered; restoring it counts it again', async () => {
    const { right, mistaken, entered } = await twoClinics()
    await event(clinic, mistaken.anna.enrollmentId, '2026-03-05', 'mild', 'yes')
    const wrong = await event(clinic, mistaken.anna.enrollmentId, '2026-03-09', 'serious', 'unclear')
    await event(clinic, mistaken.ben.enrollmentId, '2026-03-06', 'moderate', 'no')
    await event(right, entered.anna.enrollmentId, '2026-03-05', 'mild', 'yes')
    await event(right, entered.ben.enrollmentId, '2026-03-06', 'moderate', 'no')
    const withMistake = await figures(clinic)

    expect(await clinic.call('adverseEvents/void', { adverseEventId: wrong.adverseEventId, voided: true, reason: '' })).toMatchObject({
      ok: false,
      error: { kind: 'validation', fields: [{ path: 'reason' }] },
    })
    await clinic.value('adverseEvents/void', { adverseEventId: wrong.adverseEventId, voided: true, reason: 'Entered on the wrong runner' })
    const voided = await figures(clinic)
    expect(voided).toEqual(await figures(right))
    expect(voided.compared).toEqual({
      P1: { events: 1, runners: 1, serious: 0, related: 1 },
      P2: { events: 1, runners: 1, serious: 0, related: 0 },
      P3: { events: 0, runners: 0, serious: 0, related: 0 },
    })
    expect(voided.adverseEvents.map((r) => [r.occurred_on, r.severity])).toEqual([['2026-03-05', 'mild'], ['2026-03-06', 'moderate']])

    // Kept on the patient page, marked; a voided event is not corrected (restore it first) nor voided twice.
    const record = await clinic.value<PatientRecord>('patients/get', { patientId: mistaken.anna.patientId })
    expect(record.adverseEvents.map((e) => [e.occurredOn, e.voided?.reason ?? null, e.voided?.by ?? null])).toEqual([
      ['2026-03-05', null, null],
      ['2026-03-09', 'Entered on the wrong runner', 'test-therapist'],
    ])
    const rows = () => clinic.scalar('select count(*) from audit_log')
    const auditRows = await rows()
    expect(await clinic.call('adverseEvents/correct', { adverseEventId: wrong.adverseEventId, severity: 'mild', reason: 'x' })).toMatchObject({
      ok: false,
      error: { code: 'record_voided' },
    })
    expect(await clinic.call('adverseEvents/void', { adverseEventId: wrong.adverseEventId, voided: true, reason: 'x' })).toMatchObject({
      ok: false,
      error: { code: 'record_already_voided' },
    })
    expect(await clinic.call('adverseEvents/void', { adverseEventId: 999, voided: true, reason: 'x' })).toMatchObject({
      ok: false,
      error: { kind: 'not_found', code: 'adverse_event_not_found' },
    })
    expect(await rows()).toBe(auditRows)

    await clinic.value('adverseEvents/void', { adverseEventId: wrong.adverseEventId, voided: false, reason: 'It was Anna after all' })
    expect(await figures(clinic)).toEqual(withMistake)
    const history = await clinic.value<PatientHistoryEntry[]>('patients/history', { patientId: mistaken.anna.patientId })
    expect(history.filter((h) => h.record === 'adverse_events' && h.action !== 'create')).toMatchObject([
      { action: 'void', actor: 'test-therapist', before: { voided: false }, after: { voided: true }, reason: 'Entered on the wrong runner' },
      { action: 'unvoid', before: { voided: true }, after: { voided: false }, reason: 'It was Anna after all' },
    ])
  })

  it('counts a corrected adverse event exactly as one entered right the first time', async () => {
    const { right, mistaken, entered } = await twoClinics()
    const typo = await event(clinic, mistaken.anna.enrollmentId, '2026-03-05', 'mild', 'no')
    await event(clinic, mistaken.ben.enrollmentId, '2026-03-06', 'moderate', 'no')
    await event(right, entered.anna.enrollmentId, '2026-03-04', 'serious', 'yes')
    await event(right, entered.ben.enrollmentId, '2026-03-06', 'moderate', 'no')
    const change = { occurredOn: '2026-03-04', description: 'Event on 2026-03-04', severity: 'serious', related: 'yes' }

    // Dated before the enrollment: refused, nothing written.
    expect(await clinic.call('adverseEvents/correct', { adverseEventId: typo.adverseEventId, occurredOn: '2026-02-27', reason: 'x' })).toMatchObject({
      ok: false,
      error: { code: 'adverse_event_before_enrollment', fields: [{ path: 'occurredOn' }] },
    })
    expect(await clinic.call('adverseEvents/correct', { adverseEventId: typo.adverseEventId, severity: 'mild', reason: 'x' })).toMatchObject({
      ok: false,
      error: { code: 'nothing_changed' },
    })
    await clinic.value('adverseEvents/correct', { adverseEventId: typo.adverseEventId, ...change, reason: 'Hospital letter: it was serious' })

    const corrected = await figures(clinic)
    expect(corrected).toEqual(await figures(right))
    expect(corrected.compared.P1).toEqual({ events: 1, runners: 1, serious: 1, related: 1 })
    const record = await clinic.value<PatientRecord>('patients/get', { patientId: mistaken.anna.patientId })
    expect(record.adverseEvents).toMatchObject([{ occurredOn: '2026-03-04', severity: 'serious', related: 'yes', corrected: true, voided: null }])
    const history = await clinic.value<PatientHistoryEntry[]>('patients/history', { patientId: mistaken.anna.patientId })
    expect(history.filter((h) => h.record === 'adverse_events' && h.action === 'update')).toEqual([
      expect.objectContaining({
        actor: 'test-therapist',
        before: { occurredOn: '2026-03-05', description: 'Event on 2026-03-05', severity: 'mild', related: 'no' },
        after: change,
        reason: 'Hospital letter: it was serious',
      }),
    ])
  })

  it('shows a corrected withdrawal in the exports and the drop-out figures as one entered right; re-admission undoes one entered in error', async () => {
    const { right, mistaken, entered } = await twoClinics()
    await clinic.value('withdrawals/withdraw', { enrollmentId: mistaken.anna.enrollmentId, withdrawnOn: '2026-03-12', category: 'patient_choice', reason: 'Moved' })
    await right.value('withdrawals/withdraw', { enrollmentId: entered.anna.enrollmentId, withdrawnOn: '2026-03-09', category: 'lost_to_contact', reason: 'No answer since 9 March' })

    const auditRows = () => clinic.scalar('select count(*) from audit_log')
    const before = await auditRows()
    for (const [input, code] of [
      [{ enrollmentId: mistaken.anna.enrollmentId, withdrawnOn: '2026-02-20', reason: 'x' }, 'withdrawal_before_enrollment'],
      [{ enrollmentId: mistaken.ben.enrollmentId, withdrawnOn: '2026-03-09', reason: 'x' }, 'runner_not_withdrawn'],
      [{ enrollmentId: mistaken.anna.enrollmentId, withdrawnOn: '2026-03-12', category: 'patient_choice', reason: 'x' }, 'nothing_changed'],
    ] as const) {
      expect(await clinic.call('withdrawals/correct', input), code).toMatchObject({ ok: false, error: { code } })
    }
    expect(await auditRows()).toBe(before)

    await clinic.value('withdrawals/correct', {
      enrollmentId: mistaken.anna.enrollmentId,
      withdrawnOn: '2026-03-09',
      category: 'lost_to_contact',
      withdrawalReason: 'No answer since 9 March',
      reason: 'Mixed her up with another runner',
    })
    const corrected = await figures(clinic)
    expect(corrected).toEqual(await figures(right))
    expect(corrected.attendance.P1).toMatchObject({ n: 1, droppedOut: 1 })
    expect(corrected.wide.find((r) => r.withdrawn_on !== '')).toMatchObject({
      withdrawn_on: '2026-03-09',
      withdrawal_category: 'lost_to_contact',
      withdrawal_reason: 'No answer since 9 March',
    })
    const history = await clinic.value<PatientHistoryEntry[]>('patients/history', { patientId: mistaken.anna.patientId })
    expect(history.filter((h) => h.record === 'enrollments' && h.action === 'update').at(-1)).toMatchObject({
      actor: 'test-therapist',
      before: { withdrawnOn: '2026-03-12', withdrawalCategory: 'patient_choice', withdrawalReason: 'Moved' },
      after: { withdrawnOn: '2026-03-09', withdrawalCategory: 'lost_to_contact', withdrawalReason: 'No answer since 9 March' },
      reason: 'Mixed her up with another runner',
    })

    // A withdrawal entered in error is undone by re-admission with the reason: no drop-out, the history keeps it.
    await clinic.value('withdrawals/readmit', { enrollmentId: mistaken.anna.enrollmentId, reason: 'Withdrawn in error: she never left' })
    await right.value('withdrawals/readmit', { enrollmentId: entered.anna.enrollmentId, reason: 'x' })
    expect((await figures(clinic)).attendance).toEqual((await figures(right)).attendance)
    expect((await figures(clinic)).attendance.P1).toMatchObject({ droppedOut: 0 })
    expect((await figures(clinic)).wide.every((r) => r.withdrawn_on === '')).toBe(true)
  })
})

describe('upgrading a database of the previous release (0009)', () => {
  // Upgrading a SQLite file of the previous release: SQLite only.
  it.skipIf(TEST_STORE === 'postgres')('keeps its adverse events, counted and not voided, and lets them be voided', async () => {
    clinic = await tempClinic(at('2026-03-20'))
    const { anna } = await twoRunners()
    const { adverseEventId } = await clinic.value<{ adverseEventId: number }>('adverseEvents/record', {
      enrollmentId: anna.enrollmentId,
      occurredOn: '2026-03-05',
      description: 'Sprained ankle',
      severity: 'moderate',
      related: 'no',
      actionTaken: 'Rest',
    })
    undoMigrationsAfter(fileStore(clinic.store).sqlite, '0009_sign_in_failures')
    const columns = () => (fileStore(clinic.store).sqlite.prepare('pragma table_info(adverse_events)').all() as { name: string }[]).map((c) => c.name)
    expect(columns()).not.toContain('voided_at')
    await clinic.restart()
    expect(columns()).toEqual(expect.arrayContaining(['voided_at', 'voided_by', 'void_reason']))
    expect(fileStore(clinic.store).sqlite.pragma('integrity_check', { simple: true })).toBe('ok')
    const record = await clinic.value<PatientRecord>('patients/get', { patientId: anna.patientId })
    expect(record.adverseEvents).toMatchObject([{ adverseEventId, description: 'Sprained ankle', voided: null, corrected: false }])
    expect((await clinic.value<GroupComparisonResult>('outcomes/compare', {})).adverseEvents.P1.events).toBe(1)
    await clinic.value('adverseEvents/void', { adverseEventId, voided: true, reason: 'Wrong runner' })
    expect((await clinic.value<GroupComparisonResult>('outcomes/compare', {})).adverseEvents.P1.events).toBe(0)
  })
})

describe('consent', () => {
  it('keeps a runner whose comparison consent is withdrawn out of the statistics exports and the consented set, not the register', async () => {
    clinic = await tempClinic(at('2026-03-20'))
    const { anna } = await twoRunners()
    const annaId = (await clinic.value<PatientRecord>('patients/get', { patientId: anna.patientId })).patient.clinicId
    expect((await csv('wide')).map((r) => r.clinic_id)).toEqual([annaId, 'BS-00002'])

    // Withdrawing needs no reason; it cannot predate the consent.
    expect(
      await clinic.call('consent/answerComparison', { enrollmentId: anna.enrollmentId, answer: 'withdrawn', answeredOn: '2026-03-01' }),
    ).toMatchObject({ ok: false, error: { code: 'consent_withdrawal_before_consent', fields: [{ path: 'answeredOn' }] } })
    await clinic.value('consent/answerComparison', { enrollmentId: anna.enrollmentId, answer: 'withdrawn', answeredOn: '2026-03-15' })

    for (const form of ['long', 'wide', 'sessions']) {
      expect((await csv(form)).some((r) => r.clinic_id === annaId), form).toBe(false)
    }
    expect((await csv('patients')).map((r) => r.clinic_id)).toContain(annaId)
    const all = await clinic.value<GroupComparisonResult>('outcomes/compare', {})
    const consented = await clinic.value<GroupComparisonResult>('outcomes/compare', { analysisSet: 'consented' })
    expect([all.patients, consented.patients, consented.leftOut.consented, all.leftOut.consented]).toEqual([2, 1, 1, 1])
    expect(all.leftOut.all).toBe(0)
    const record = await clinic.value<PatientRecord>('patients/get', { patientId: anna.patientId })
    expect(record.consent).toMatchObject({
      comparison: { answer: 'given', answeredOn: '2026-03-02', withdrawnOn: '2026-03-15' },
      inComparison: false,
    })

    // Giving it again is a change of the recorded answer: it needs a reason, and lands in the history with it.
    expect(await clinic.call('consent/answerComparison', { enrollmentId: anna.enrollmentId, answer: 'given', answeredOn: '2026-03-18' })).toMatchObject({
      ok: false,
      error: { code: 'consent_change_reason_needed' },
    })
    await clinic.value('consent/answerComparison', { enrollmentId: anna.enrollmentId, answer: 'given', answeredOn: '2026-03-18', reason: 'Changed her mind after talking to her GP' })
    expect((await csv('wide')).map((r) => r.clinic_id)).toEqual([annaId, 'BS-00002'])
    const history = await clinic.value<PatientHistoryEntry[]>('patients/history', { patientId: anna.patientId })
    expect(history.filter((h) => h.record === 'enrollments' && h.action === 'update').map((h) => [h.after?.comparisonConsentWithdrawnOn, h.reason])).toEqual([
      ['2026-03-15', 'comparison consent withdrawn'],
      [null, 'Changed her mind after talking to her GP'],
    ])
  })

  it('is needed before a program: consent to treatment for any, comparison consent for randomised allocation', async () => {
    clinic = await tempClinic(at('2026-03-10'))
    const noTreatment = await clinic.call('patients/enroll', enrollment({ consent: { treatment: null, comparison: { given: true, answeredOn: '2026-03-02' } } }))
    expect(noTreatment).toMatchObject({ ok: false, error: { code: 'treatment_consent_needed', fields: [{ path: 'consent.treatment' }] } })

    // Enrolled without a program and without consent: assigning waits for it, then works.
    const { patientId, enrollmentId } = await clinic.value<{ patientId: number; enrollmentId: number }>(
      'patients/enroll',
      enrollment({ program: null, consent: { treatment: null, comparison: { given: false, answeredOn: '2026-03-02' } } }),
    )
    expect(await clinic.call('assignments/assign', { enrollmentId, programCode: 'P2', startDate: '2026-03-09' })).toMatchObject({
      ok: false,
      error: { code: 'treatment_consent_needed' },
    })
    await clinic.value('consent/recordTreatment', { enrollmentId, consentedOn: '2026-03-09', takenBy: 'Jana Beispiel' })
    expect(await clinic.call('consent/recordTreatment', { enrollmentId, consentedOn: '2026-03-09', takenBy: 'Jana Beispiel' })).toMatchObject({
      ok: false,
      error: { code: 'treatment_consent_recorded' },
    })
    // Refused the comparison: no randomised allocation.
    await clinic.value('settings/updateRandomisation', { enabled: true })
    expect(await clinic.call('assignments/allocate', { enrollmentId, startDate: '2026-03-09' })).toMatchObject({
      ok: false,
      error: { code: 'comparison_consent_needed' },
    })
    await clinic.value('assignments/assign', { enrollmentId, programCode: 'P2', startDate: '2026-03-09', nonRandomisedReason: 'Declined the comparison' })
    const record = await clinic.value<PatientRecord>('patients/get', { patientId })
    expect(record.consent).toMatchObject({
      treatment: { consentedOn: '2026-03-09', takenBy: 'Jana Beispiel' },
      enrolledBeforeConsentAsked: false,
      comparison: { answer: 'refused' },
      inComparison: false,
    })
  })
})

describe('implausible dates', () => {
  /** Every table's row count: a refusal must leave all of them as they were. */
  const rowCounts = () => clinic.rowCounts()

  it('are refused with the field at fault, and nothing is written', async () => {
    // Late enough for every follow-up to have come due: the program of 2026-03-02 ends 2026-04-26.
    clinic = await tempClinic(at('2026-12-01'))
    const anna = await clinic.value<{ patientId: number; enrollmentId: number }>('patients/enroll', enrollment())
    const waiting = await clinic.value<{ enrollmentId: number }>('patients/enroll', enrollment({ patient: patient('Kai', 'Wartet'), program: null }))
    // Lena starts a week after her enrollment.
    const later = await clinic.value<{ patientId: number; enrollmentId: number }>(
      'patients/enroll',
      enrollment({ patient: patient('Lena', 'Später'), program: { programCode: 'P2', startDate: '2026-03-09', optionalExercises: [] } }),
    )
    const lenaRatings = ratingsOf(await clinic.value<PatientRecord>('patients/get', { patientId: later.patientId }), 5)
    const record = await clinic.value<PatientRecord>('patients/get', { patientId: anna.patientId })
    const ratings = ratingsOf(record, 6)
    const follow = (timePoint: string, assessedOn: string, deviationReason: string | null = null) => ({
      enrollmentId: anna.enrollmentId,
      timePoint,
      assessedOn,
      runningPain: 4,
      ratings,
      deviationReason,
    })
    // Week 4 (due 2026-03-29) taken on its day; the later cases are judged against it.
    await clinic.value('assessments/record', follow('week_4', '2026-03-29'))
    const other = (firstName: string, overrides: Parameters<typeof enrollment>[0]) =>
      enrollment({ ...overrides, patient: { ...patient(firstName, 'Neu'), ...(overrides?.patient ?? {}) } })

    const cases: [string, Parameters<TempClinic['call']>[0], unknown, string, string][] = [
      ['aged 11 at enrollment', 'patients/enroll', other('Kim', { patient: { ...patient('Kim', 'Neu'), dateOfBirth: '2014-03-03' } }), 'patient.dateOfBirth', 'age_out_of_range'],
      ['aged 101 at enrollment', 'patients/enroll', other('Kim', { patient: { ...patient('Kim', 'Neu'), dateOfBirth: '1925-03-01' } }), 'patient.dateOfBirth', 'age_out_of_range'],
      ['born 1800', 'patients/enroll', other('Kim', { patient: { ...patient('Kim', 'Neu'), dateOfBirth: '1800-01-01' } }), 'patient.dateOfBirth', 'age_out_of_range'],
      ['born in the future', 'patients/enroll', other('Kim', { patient: { ...patient('Kim', 'Neu'), dateOfBirth: '2099-01-01' } }), 'patient.dateOfBirth', 'date_in_future'],
      ['enrolled before the screen', 'patients/enroll', other('Kim', { enrolledOn: '2026-03-01' }), 'enrolledOn', 'enrollment_before_screening'],
      [
        'program starting 61 days after enrollment',
        'patients/enroll',
        other('Kim', { program: { programCode: 'P1', startDate: '2026-05-02', optionalExercises: [] } }),
        'program.startDate',
        'program_start_too_late',
      ],
      ['program in 2099', 'assignments/assign', { enrollmentId: waiting.enrollmentId, programCode: 'P1', startDate: '2099-01-01' }, 'startDate', 'program_start_too_late'],
      ['session after the 8 weeks', 'sessions/record', { enrollmentId: anna.enrollmentId, sessionDate: '2026-04-27', attended: true, painBefore: 4 }, 'sessionDate', 'session_after_program_end'],
      ['session before the start', 'sessions/record', { enrollmentId: anna.enrollmentId, sessionDate: '2026-03-01', attended: true, painBefore: 4 }, 'sessionDate', 'session_before_program_start'],
      ['session in the future', 'sessions/record', { enrollmentId: anna.enrollmentId, sessionDate: '2099-01-01', attended: true, painBefore: 4 }, 'sessionDate', 'date_in_future'],
      ['week 8 dated before week 4', 'assessments/record', follow('week_8', '2026-03-28', 'late'), 'assessedOn', 'assessment_before_earlier_time_point'],
      ['6 months three days after the start', 'assessments/record', follow('month_6', '2026-03-05', 'x'), 'assessedOn', 'assessment_before_earlier_time_point'],
      [
        'follow-up before the program start',
        'assessments/record',
        { enrollmentId: later.enrollmentId, timePoint: 'week_4', assessedOn: '2026-03-05', runningPain: 4, ratings: lenaRatings, deviationReason: 'x' },
        'assessedOn',
        'follow_up_before_program_start',
      ],
      ['week 8 out of its window without a reason', 'assessments/record', follow('week_8', '2026-05-10'), 'deviationReason', 'deviation_reason_needed'],
      ['withdrawal before enrollment', 'withdrawals/withdraw', { enrollmentId: anna.enrollmentId, withdrawnOn: '2026-03-01', category: 'other', reason: 'x' }, 'withdrawnOn', 'withdrawal_before_enrollment'],
      [
        'adverse event before enrollment',
        'adverseEvents/record',
        { enrollmentId: anna.enrollmentId, occurredOn: '2026-02-01', description: 'x', severity: 'mild', related: 'no', actionTaken: 'none' },
        'occurredOn',
        'adverse_event_before_enrollment',
      ],
    ]
    for (const [what, channel, input, path, code] of cases) {
      const before = (await rowCounts())
      const result = await clinic.call(channel, input)
      expect(result, what).toMatchObject({ ok: false, error: { code } })
      if (!result.ok) expect(result.error.fields.map((f) => f.path), what).toContain(path)
      expect((await rowCounts()), what).toEqual(before)
    }

    // Outside the window with a reason: kept, marked, and the comparison can leave it out.
    await clinic.value('assessments/record', follow('week_8', '2026-05-10', 'Runner away on holiday in week 8'))
    const long = (await csv('long')).filter((r) => r.time_point === 'week_8')
    expect(long).toMatchObject([{ assessed_on: '2026-05-10', out_of_window: 'true', deviation_reason: 'Runner away on holiday in week 8' }])
    const included = await clinic.value<GroupComparisonResult>('outcomes/compare', {})
    const excluded = await clinic.value<GroupComparisonResult>('outcomes/compare', { outOfWindow: 'exclude' })
    const week8 = (r: GroupComparisonResult) => r.comparison.measures.runningPain.scores.P1.week_8.n
    expect([week8(included), week8(excluded)]).toEqual([1, 0])
    // Inside the window, no reason is stored even when one is given.
    await clinic.value('assessments/record', follow('month_3', '2026-07-20', 'not needed'))
    const month3 = (await clinic.value<PatientRecord>('patients/get', { patientId: anna.patientId })).assessments.find((a) => a.timePoint === 'month_3')
    expect(month3?.deviationReason).toBeNull()
  })

  it('keeps a back-dated enrollment on its own dates', async () => {
    clinic = await tempClinic(at('2026-03-10'))
    const { patientId } = await clinic.value<{ patientId: number }>(
      'patients/enroll',
      enrollment({
        enrolledOn: '2026-02-02',
        screening: { ...enrollment().screening, screenedOn: '2026-02-02' },
        baseline: { ...enrollment().baseline, assessedOn: '2026-02-02' },
        program: { programCode: 'P1', startDate: '2026-02-09', optionalExercises: [] },
        consent: { treatment: { consentedOn: '2026-02-02', takenBy: 'Test Therapist' }, comparison: { given: true, answeredOn: '2026-02-02' } },
      }),
    )
    const record = await clinic.value<PatientRecord>('patients/get', { patientId })
    expect([record.enrolledOn, record.assessments[0].assessedOn, record.assignment?.startDate, record.consent.treatment?.consentedOn]).toEqual([
      '2026-02-02',
      '2026-02-02',
      '2026-02-09',
      '2026-02-02',
    ])
  })
})

describe('the blinded assessor', () => {
  it('may call none of the new methods, and the patient record shows no adverse event or withdrawal text', async () => {
    clinic = await tempClinic(at('2026-03-20'))
    const { anna } = await twoRunners()
    const { adverseEventId } = await clinic.value<{ adverseEventId: number }>('adverseEvents/record', {
      enrollmentId: anna.enrollmentId,
      occurredOn: '2026-03-05',
      description: 'Back pain after the leg press (P1)',
      severity: 'mild',
      related: 'yes',
      actionTaken: 'Leg press load halved',
    })
    await clinic.value('withdrawals/withdraw', { enrollmentId: anna.enrollmentId, withdrawnOn: '2026-03-12', category: 'adverse_event', reason: 'Leg press hurts (P1)' })
    await clinic.value('users/create', { username: 'ada', displayName: 'Ada Assessor', role: 'assessor', password: '135791' })
    await clinic.value('auth/signIn', { username: 'ada', password: '135791' })

    for (const [channel, input] of [
      ['withdrawals/withdraw', { enrollmentId: anna.enrollmentId, withdrawnOn: '2026-03-12', category: 'other', reason: 'x' }],
      ['withdrawals/readmit', { enrollmentId: anna.enrollmentId, reason: 'x' }],
      ['withdrawals/correct', { enrollmentId: anna.enrollmentId, withdrawnOn: '2026-03-11', reason: 'x' }],
      ['adverseEvents/correct', { adverseEventId, severity: 'serious', reason: 'x' }],
      ['adverseEvents/void', { adverseEventId, voided: true, reason: 'x' }],
      ['adverseEvents/record', { enrollmentId: anna.enrollmentId, occurredOn: '2026-03-05', description: 'x', severity: 'mild', related: 'no', actionTaken: 'x' }],
      ['consent/recordTreatment', { enrollmentId: anna.enrollmentId, consentedOn: '2026-03-02', takenBy: 'x' }],
      ['consent/answerComparison', { enrollmentId: anna.enrollmentId, answer: 'withdrawn', answeredOn: '2026-03-15' }],
      ['outcomes/compare', { analysisSet: 'consented', outOfWindow: 'exclude' }],
      ['exports/csv', { form: 'adverse_events' }],
    ] as const) {
      const result = await clinic.call(channel, input)
      expect(result, channel).toMatchObject({ ok: false, error: { kind: 'forbidden' } })
      expect(JSON.stringify(result), channel).not.toMatch(/P1|P2|P3|leg press/i)
    }
    const record = await clinic.value<PatientRecord>('patients/get', { patientId: anna.patientId })
    expect(record).toMatchObject({ adverseEvents: [], withdrawal: { withdrawnOn: '2026-03-12', category: 'adverse_event', reason: null }, blinded: true })
    expect(JSON.stringify(record)).not.toMatch(/P1|P2|P3|leg press/i)
  })
})
