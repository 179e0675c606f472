import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Worklist } from '../../electron/clinic/contract'
import { enrollment, tempClinic, withRedFlag, type TempClinic } from './factories'

/** Wednesday 1 April 2026, 9 o'clock at the desk. */
let clinic: TempClinic
beforeEach(async () => {
  clinic = await tempClinic(() => new Date('2026-04-01T09:00:00'))
})
afterEach(() => clinic.close())

const enrollOn = async (lastName: string, startDate: string) =>
  clinic.value<{ patientId: number; enrollmentId: number }>(
    'patients/enroll',
    enrollment({
      enrolledOn: startDate,
      patient: { ...enrollment().patient, lastName, email: null },
      screening: { ...enrollment().screening, screenedOn: startDate },
      baseline: { ...enrollment().baseline, assessedOn: startDate },
      program: { programCode: 'P2', startDate, optionalExercises: [] },
    }),
  )
const session = (enrollmentId: number, sessionDate: string, attended: boolean) =>
  clinic.value('sessions/record', attended ? { enrollmentId, sessionDate, attended, painBefore: 4 } : { enrollmentId, sessionDate, attended, missedReason: 'ill' })

describe('worklist', () => {
  it('lists exactly what is due on a constructed calendar', async () => {
    // Adler: week 5 begins today, no supervised session yet; the week-4 follow-up was due yesterday; seen on Monday.
    const adler = await enrollOn('Adler', '2026-03-04')
    await session(adler.enrollmentId, '2026-03-30', true)
    // Brandt: week 3 begins today; missed sessions 12 and 6 days ago, never attended since the start 14 days ago.
    const brandt = await enrollOn('Brandt', '2026-03-18')
    await session(brandt.enrollmentId, '2026-03-20', false)
    await session(brandt.enrollmentId, '2026-03-26', false)
    // Conrad: week 3, both supervised sessions of the week done, next follow-up a week away: nothing due.
    const conrad = await enrollOn('Conrad', '2026-03-12')
    await session(conrad.enrollmentId, '2026-03-27', true)
    await session(conrad.enrollmentId, '2026-03-30', true)
    // Dietz: enrolled without a program: nothing due on the worklist.
    await clinic.value('patients/enroll', enrollment({ patient: { ...enrollment().patient, lastName: 'Dietz', email: null }, program: null }))

    const worklist = await clinic.value<Worklist>('worklist/today', {})
    expect(worklist.date).toBe('2026-04-01')
    const brief = worklist.items.map((i) => [i.kind, i.lastName, i.dueOn, i.timePoint, i.route])
    expect(brief).toEqual([
      ['assessment', 'Adler', '2026-03-31', 'week_4', `/patients/${adler.patientId}?followUp=week_4`],
      ['supervised_session', 'Adler', '2026-04-01', null, `/patients/${adler.patientId}/sessions/new`],
      ['supervised_session', 'Brandt', '2026-04-01', null, `/patients/${brandt.patientId}/sessions/new`],
      ['missed_session', 'Brandt', '2026-03-26', null, `/patients/${brandt.patientId}`],
      ['not_seen', 'Brandt', '2026-04-01', null, `/patients/${brandt.patientId}`],
    ])
    expect(conrad.patientId).toBeGreaterThan(0)
  })

  it('lists runners waiting for a physician\'s clearance, from the day of their screening, until it is recorded', async () => {
    const waiting = await clinic.value<{ patientId: number; enrollmentId: number }>(
      'patients/enroll',
      withRedFlag('history_of_cancer', {
        enrolledOn: '2026-03-25',
        patient: { ...enrollment().patient, lastName: 'Engel', email: null },
        screening: { ...enrollment().screening, screenedOn: '2026-03-25' },
        baseline: { ...enrollment().baseline, assessedOn: '2026-03-25' },
        program: null,
      }),
    )
    const clearance = (items: Worklist['items']) => items.filter((i) => i.kind === 'awaiting_clearance').map((i) => [i.lastName, i.dueOn, i.route])
    expect(clearance((await clinic.value<Worklist>('worklist/today', {})).items)).toEqual([['Engel', '2026-03-25', `/patients/${waiting.patientId}`]])
    // A worklist of a day before the screening does not list it yet.
    expect(clearance((await clinic.value<Worklist>('worklist/today', { date: '2026-03-24' })).items)).toEqual([])

    await clinic.value('screenings/recordClearance', { enrollmentId: waiting.enrollmentId, clearedOn: '2026-03-31', clearedBy: 'Dr. Weiss' })
    expect(clearance((await clinic.value<Worklist>('worklist/today', {})).items)).toEqual([])
  })

  it('lists an overdue follow-up as overdue, takes an earlier day, and drops what is done', async () => {
    const adler = await enrollOn('Adler', '2026-03-04')
    // Eight days after its date the week-4 follow-up is overdue.
    const later = await clinic.value<Worklist>('worklist/today', { date: '2026-04-08' })
    expect(later.items.find((i) => i.kind === 'assessment')).toMatchObject({ timePoint: 'week_4', overdue: true })
    const record = await clinic.value<{ activities: { activityId: number }[] }>('patients/get', { patientId: adler.patientId })
    const ratings = record.activities.map((a) => ({ activityId: a.activityId, rating: 6 }))
    await clinic.value('assessments/record', { enrollmentId: adler.enrollmentId, assessedOn: '2026-04-01', timePoint: 'week_4', runningPain: 3, ratings })
    const today = await clinic.value<Worklist>('worklist/today', {})
    expect(today.items.filter((i) => i.kind === 'assessment')).toEqual([])
  })

  it('gives a blinded assessor the assessments only', async () => {
    await enrollOn('Adler', '2026-03-04')
    await clinic.value('users/create', { username: 'ada', displayName: 'Ada Assessor', role: 'assessor', password: '135791' })
    await clinic.value('auth/signIn', { username: 'ada', password: '135791' })
    const worklist = await clinic.value<Worklist>('worklist/today', {})
    expect(worklist.items.map((i) => i.kind)).toEqual(['assessment'])
  })
})
