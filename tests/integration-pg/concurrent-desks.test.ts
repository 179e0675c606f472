import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ChildProcess } from 'node:child_process'
import type { PatientRecord } from '../../electron/clinic/contract'
import { allocationSequence, type AllocationSlot } from '../../electron/clinic/rules/randomisation'
import { startServer, stop } from '../e2e/browserMode'
import { enrollment, tempClinic, type TempClinic } from '../integration/factories'

/*
 * Eight desks on ONE PostgreSQL database, writing at the same time (issue 17, "Concurrency that holds").
 *
 * Each desk is the built browser mode (out/main/web.js, its own Node process with its own connection
 * pool, as `npm run web -- --db postgres://…` starts it), reached over HTTP with its token, signed in as
 * a therapist account of its own. For DURATION_MS every desk, one request after the other as a desk works,
 * enrols a runner with randomisation switched on (so each enrollment takes the next slot of its
 * stratum's allocation sequence and the next clinic ID), reads the record back, records a supervised
 * session and an unscheduled assessment for a runner any desk enrolled. Every acknowledged write is
 * logged with the id the API returned. Afterwards, from the rows by hand-written SQL:
 *   - every acknowledged write is there, and nothing else was written (no refused or failed call);
 *   - no allocation slot (stratum, position) is used twice, and each stratum's positions are 1..n;
 *   - block balance is exact: at the end of every completed block all three programs have equal counts;
 *   - clinic IDs are unique;
 *   - the audit trail has exactly one 'create' entry per acknowledged record.
 *
 * Checked that it fails, with `select pg_advisory_xact_lock(...)` removed from db/client.ts by hand (rebuilt):
 *   - as the schema stands, 37 of ~140 enrollments failed with internal_error (25 clinic-ID clashes on
 *     patients_clinic_id_unique, 9 allocation-slot clashes on allocations_stratum_position, 2 on the
 *     enrollment_attendance trigger's key): the unique constraints refused the duplicates, so the acknowledged
 *     rows stayed right, and the test failed on "no call failed";
 *   - with those two constraints also dropped in the test database: 102 patients with 75 distinct clinic IDs,
 *     and stratum female:pain_6_or_more with positions 1, 1, 2, …, 7, 7, … (slots used twice).
 * Without the lock, desks refuse each other's work (or, without the constraints, corrupt the sequence).
 *
 * Lives in the integration-pg project only (vitest.config.ts): it needs a server.
 */

const DESKS = 8
const DURATION_MS = 15_000

type Ack =
  | { kind: 'enroll'; desk: number; patientId: number; enrollmentId: number; sex: 'female' | 'male'; pain: number }
  | { kind: 'session'; desk: number; enrollmentId: number; sessionId: number }
  | { kind: 'assessment'; desk: number; enrollmentId: number; assessmentId: number }

interface Desk {
  child: ChildProcess
  call<T>(channel: string, input: unknown): Promise<{ ok: true; value: T } | { ok: false; error: unknown }>
}

/** Each desk works as its own therapist (parallel sign-ins as one name would count as guesses and be throttled). */
const deskAccount = (d: number) => ({ username: `desk${d}`, displayName: `Desk ${d}`, password: `desk password ${d}` })

async function startDesk(url: string, d: number): Promise<Desk> {
  const server = await startServer(url)
  const address = new URL(server.url)
  const token = address.hash.replace('#token=', '')
  const call = async <T>(channel: string, input: unknown) => {
    const response = await fetch(`${address.origin}/api/${channel}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-backstride-token': token },
      body: JSON.stringify(input),
    })
    return (await response.json()) as { ok: true; value: T } | { ok: false; error: unknown }
  }
  const { username, password } = deskAccount(d)
  const signedIn = await call('auth/signIn', { username, password })
  if (!signedIn.ok) throw new Error(`desk sign-in failed: ${JSON.stringify(signedIn.error)}`)
  return { child: server.child, call }
}

/** The desk's local date, as the service's today() reads it. */
function today(): string {
  const now = new Date()
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`
}

let clinic: TempClinic
let desks: Desk[] = []

beforeAll(async () => {
  clinic = await tempClinic()
  await clinic.value('settings/updateRandomisation', { enabled: true })
  for (let d = 0; d < DESKS; d++) await clinic.value('users/create', { ...deskAccount(d), role: 'therapist' })
  // The in-test clinic only reads from here on (the checks); the desks are the writers.
  // One after the other: eight Node processes loading at once on a small shared machine may take longer than a start is given.
  for (let d = 0; d < DESKS; d++) desks.push(await startDesk(clinic.file, d))
}, 120_000)

afterAll(async () => {
  await Promise.all(desks.map((desk) => stop(desk.child)))
  clinic?.close()
})

describe('eight desks writing to one PostgreSQL database at once', () => {
  it('keeps every acknowledged write, each allocation slot once, exact block balance, unique clinic IDs and one audit entry per change', async () => {
    const acks: Ack[] = []
    const failures: string[] = []
    /** Runners enrolled so far (by any desk), with their activities, for sessions and assessments. */
    const runners: { enrollmentId: number; activityIds: number[] }[] = []
    const date = today()
    const deadline = Date.now() + DURATION_MS
    let seq = 0
    const random = (n: number) => Math.floor(Math.random() * n)

    const work = async (desk: Desk, d: number) => {
      const attempt = async <T>(what: string, channel: string, input: unknown): Promise<T | null> => {
        const result = await desk.call<T>(channel, input)
        if (result.ok) return result.value
        failures.push(`desk ${d} ${what}: ${JSON.stringify(result.error)}`)
        return null
      }
      while (Date.now() < deadline) {
        const n = ++seq
        const sex = random(2) ? 'female' : 'male'
        const pain = random(11)
        const base = enrollment({
          enrolledOn: date,
          program: null,
          allocation: { startDate: date },
          patient: {
            firstName: `Desk${d}`,
            lastName: `Runner${n}`,
            dateOfBirth: '1985-01-01',
            sex,
            preferredLanguage: 'en',
            // Every other runner comes with a clinic ID of the clinic's own (the rest take the next of the BS- sequence).
            ...(n % 2 ? { clinicId: `D${d}-${n}` } : {}),
          },
        })
        const enrolled = await attempt<{ patientId: number; enrollmentId: number }>('enroll', 'patients/enroll', {
          ...base,
          screening: { ...base.screening, screenedOn: date },
          baseline: { ...base.baseline, assessedOn: date, runningPain: pain },
          consent: { treatment: { consentedOn: date, takenBy: 'Test Therapist' }, comparison: { given: true, answeredOn: date } },
        })
        if (enrolled) {
          acks.push({ kind: 'enroll', desk: d, ...enrolled, sex, pain })
          const record = await attempt<PatientRecord>('read back', 'patients/get', { patientId: enrolled.patientId })
          if (record) runners.push({ enrollmentId: enrolled.enrollmentId, activityIds: record.activities.map((a) => a.activityId) })
        }
        if (runners.length === 0) continue
        const forSession = runners[random(runners.length)]
        const session = await attempt<{ sessionId: number }>('session', 'sessions/record', {
          enrollmentId: forSession.enrollmentId,
          sessionDate: date,
          attended: true,
          painBefore: random(11),
          confirmedSameDay: true,
        })
        if (session) acks.push({ kind: 'session', desk: d, enrollmentId: forSession.enrollmentId, sessionId: session.sessionId })
        const forAssessment = runners[random(runners.length)]
        const assessment = await attempt<{ assessmentId: number }>('assessment', 'assessments/record', {
          enrollmentId: forAssessment.enrollmentId,
          assessedOn: date,
          timePoint: 'unscheduled',
          runningPain: random(11),
          ratings: forAssessment.activityIds.map((activityId) => ({ activityId, rating: random(11) })),
        })
        if (assessment) acks.push({ kind: 'assessment', desk: d, enrollmentId: forAssessment.enrollmentId, assessmentId: assessment.assessmentId })
      }
    }
    await Promise.all(desks.map((desk, d) => work(desk, d)))

    expect(failures.slice(0, 5), `${failures.length} calls failed`).toEqual([])
    const enrolled = acks.filter((a) => a.kind === 'enroll')
    const sessions = acks.filter((a) => a.kind === 'session')
    const assessments = acks.filter((a) => a.kind === 'assessment')
    // Enough happened at once to mean something: every desk enrolled several runners.
    for (let d = 0; d < DESKS; d++) expect(enrolled.filter((a) => a.desk === d).length, `desk ${d}`).toBeGreaterThanOrEqual(5)

    // Every acknowledged write is there, as acknowledged; and nothing else was written.
    const ids = async (text: string) => (await clinic.query<{ id: number; of: number }>(text)).map((r) => `${r.id}/${r.of}`).sort()
    const expected = (list: { id: number; of: number }[]) => list.map((r) => `${r.id}/${r.of}`).sort()
    expect(await ids('select id, patient_id as "of" from enrollments')).toEqual(expected(enrolled.map((a) => ({ id: a.enrollmentId, of: a.patientId }))))
    expect(await ids("select id, enrollment_id as \"of\" from sessions where kind = 'supervised'")).toEqual(expected(sessions.map((a) => ({ id: a.sessionId, of: a.enrollmentId }))))
    expect(await ids("select id, enrollment_id as \"of\" from assessments where time_point = 'unscheduled'")).toEqual(
      expected(assessments.map((a) => ({ id: a.assessmentId, of: a.enrollmentId }))),
    )
    expect(await clinic.scalar<number>("select count(*) from assessments where time_point = 'baseline'")).toBe(enrolled.length)

    // Clinic IDs: one per patient, none twice.
    const clinicIds = await clinic.query<{ clinic_id: string }>('select clinic_id from patients')
    expect(clinicIds).toHaveLength(enrolled.length)
    expect(new Set(clinicIds.map((r) => r.clinic_id)).size).toBe(enrolled.length)

    // Allocation: one per enrollment, in the stratum its sex and baseline pain give; each slot once, positions 1..n.
    const allocations = await clinic.query<{ enrollment_id: number; stratum: string; position: number; program_code: string }>(
      'select enrollment_id, stratum, position, program_code from allocations order by stratum, position',
    )
    expect(allocations.map((a) => a.enrollment_id).sort((a, b) => a - b)).toEqual(enrolled.map((a) => a.enrollmentId).sort((a, b) => a - b))
    const byEnrollment = new Map(enrolled.map((a) => [a.enrollmentId, a]))
    for (const a of allocations) {
      const runner = byEnrollment.get(a.enrollment_id)!
      expect(a.stratum).toBe(`${runner.sex}:pain_${runner.pain < 6 ? 'below_6' : '6_or_more'}`)
    }
    const strata = new Map<string, typeof allocations>()
    for (const a of allocations) strata.set(a.stratum, [...(strata.get(a.stratum) ?? []), a])
    const seed = JSON.parse(await clinic.scalar<string>("select value from settings where key = 'randomisation_seed'")) as string
    for (const [stratum, rows] of strata) {
      expect(rows.map((r) => r.position), stratum).toEqual(rows.map((_, i) => i + 1))
      // Where each block ends comes from the sequence (read one block further); the counts from the rows, by hand.
      const sequence: AllocationSlot[] = []
      for (const slot of allocationSequence(seed, stratum)) {
        sequence.push(slot)
        if (sequence.length > rows.length + 6) break
      }
      const counts: Record<string, number> = { P1: 0, P2: 0, P3: 0 }
      rows.forEach((row, i) => {
        counts[row.program_code]++
        const values = Object.values(counts)
        expect(Math.max(...values) - Math.min(...values), `${stratum} at ${row.position}`).toBeLessThanOrEqual(2)
        if (sequence[i + 1].block !== sequence[i].block) expect(new Set(values).size, `${stratum}, end of block ${sequence[i].block}`).toBe(1)
      })
    }
    const twice = await clinic.query('select stratum, position from allocations group by stratum, position having count(*) > 1')
    expect(twice).toEqual([])

    // The audit trail: exactly one 'create' entry per acknowledged record, none for anything else.
    const audited = async (table: string) =>
      (await clinic.query<{ record_id: number }>("select record_id from audit_log where table_name = ? and action = 'create' order by record_id", table)).map((r) => r.record_id)
    const sorted = (list: number[]) => [...list].sort((a, b) => a - b)
    expect(await audited('patients')).toEqual(sorted(enrolled.map((a) => a.patientId)))
    expect(await audited('enrollments')).toEqual(sorted(enrolled.map((a) => a.enrollmentId)))
    expect(await audited('allocations')).toEqual(sorted((await clinic.query<{ id: number }>('select id from allocations')).map((r) => r.id)))
    expect(await audited('assignments')).toEqual(sorted((await clinic.query<{ id: number }>('select id from assignments')).map((r) => r.id)))
    expect(await audited('sessions')).toEqual(sorted(sessions.map((a) => a.sessionId)))
    expect(await audited('assessments')).toEqual(sorted(assessments.map((a) => a.assessmentId)))
    const total = await clinic.scalar<number>("select count(*) from audit_log where table_name not in ('settings', 'users')")
    expect(total).toBe(enrolled.length * 4 + sessions.length + assessments.length)
    console.log(`concurrent desks: ${enrolled.length} enrollments, ${sessions.length} sessions, ${assessments.length} assessments in ${DURATION_MS / 1000} s`)
  }, DURATION_MS + 60_000)
})
