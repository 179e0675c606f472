import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CHANNELS, contract, type ApiResult, type Channel, type Group, type PatientRecord } from '../../electron/clinic/contract'
import { enrollment, tempClinic, type TempClinic } from './factories'

/*
 * Property-based hostile input: every API method gets generated invalid input
 * (whole values of the wrong kind, and valid inputs with one field replaced by
 * something hostile). Each call must answer with a typed result, never crash,
 * and a refused call must write nothing.
 */

let clinic: TempClinic
let ids: { patientId: number; enrollmentId: number; sessionId: number; activityIds: number[] }
const RUNS = 40

beforeAll(async () => {
  clinic = await tempClinic()
  const { patientId, enrollmentId } = await clinic.value<{ patientId: number; enrollmentId: number }>('patients/enroll', enrollment())
  const { sessionId } = await clinic.value<{ sessionId: number }>('sessions/record', {
    enrollmentId,
    sessionDate: '2026-03-03',
    attended: true,
    painBefore: 5,
  })
  const record = await clinic.value<PatientRecord>('patients/get', { patientId })
  ids = { patientId, enrollmentId, sessionId, activityIds: record.activities.map((a) => a.activityId) }
})
afterAll(() => clinic.close())

/** A valid input of each method, the starting point of the mutations. */
const validInput = (channel: Channel): Record<string, unknown> => {
  const examples: Record<Channel, Record<string, unknown>> = {
    'app/info': {},
    'auth/status': {},
    'auth/setup': { username: 'second', displayName: 'Second Lead', password: 'another long password' },
    'auth/signIn': { username: 'nobody', password: 'wrong password' },
    'auth/signOut': {},
    'users/list': {},
    'users/create': { username: 'maria', displayName: 'Maria Rossi', role: 'therapist', password: '123456' },
    'users/archive': { username: 'nobody' },
    'users/changePassword': { currentPassword: 'not it', newPassword: 'a new long password' },
    'catalogue/programs': {},
    'patients/list': { search: 'mei', programCode: 'P1', status: 'active' },
    'patients/get': { patientId: ids.patientId },
    'patients/details': { patientId: ids.patientId },
    'patients/enroll': enrollment() as unknown as Record<string, unknown>,
    'patients/archive': { patientId: ids.patientId, reason: 'moved away' },
    'patients/restore': { patientId: ids.patientId, reason: 'came back' },
    'patients/history': { patientId: ids.patientId },
    'screenings/recordClearance': { enrollmentId: ids.enrollmentId, clearedOn: '2026-03-05', clearedBy: 'Dr. Weber' },
    'assignments/assign': { enrollmentId: ids.enrollmentId, programCode: 'P2', startDate: '2026-03-09' },
    'assignments/allocate': { enrollmentId: ids.enrollmentId, startDate: '2026-03-09' },
    'sessions/prescription': { enrollmentId: ids.enrollmentId, sessionDate: '2026-03-05' },
    'sessions/record': { enrollmentId: ids.enrollmentId, sessionDate: '2026-03-05', attended: true, painBefore: 4, notes: 'ok' },
    'sessions/correct': { sessionId: ids.sessionId, painBefore: 4, reason: 'typo' },
    'sessions/history': { sessionId: ids.sessionId },
    'sessions/recordHomeWeek': { enrollmentId: ids.enrollmentId, week: 1, days: [{ date: '2026-03-04', done: true, pain: 3 }, { date: '2026-03-05', done: false, pain: null }] },
    'assessments/record': { enrollmentId: ids.enrollmentId, assessedOn: '2026-03-05', timePoint: 'unscheduled', runningPain: 4, ratings: ids.activityIds.map((activityId) => ({ activityId, rating: 5 })) },
    'settings/clinic': {},
    'settings/updateClinic': { clinicName: 'Physio am Park', address: 'Parkstraße 1', phone: '030 1', email: 'a@b.de' },
    'settings/randomisation': {},
    'settings/updateRandomisation': { enabled: false },
    'worklist/today': { date: '2026-03-10' },
    'sheets/home': { patientId: ids.patientId, week: 2, language: 'en' },
    'backups/list': {},
    'backups/create': {},
    'backups/setFolder': { folder: '/tmp/backstride-hostile-backups' },
    'backups/restore': { fileName: 'backstride-20260101T000000Z-manual.sqlite' },
    'outcomes/compare': { sex: 'female', ageBand: '30_to_39', includeDemo: false },
    'outcomes/adherence': { enrollmentId: ids.enrollmentId },
    'outcomes/fidelity': { sex: 'female', analysisSet: 'itt', includeDemo: false },
    'exports/csv': { form: 'long', includeDemo: false },
    'exports/fhir': { includeDemo: false },
    'imports/previewPatients': { csv: 'clinic_id,first_name,last_name,date_of_birth,sex,preferred_language\nX-1,A,B,1990-01-01,f,de' },
    'imports/patients': { csv: 'clinic_id,first_name,last_name,date_of_birth,sex,preferred_language\nX-1,A,B,1990-01-01,f,de' },
  }
  return examples[channel]
}

/** Values an attacker or a broken client might put in any field. */
const hostileValue = fc.oneof(
  fc.constant(null),
  fc.constant(undefined),
  fc.boolean(),
  fc.integer({ min: -1e9, max: 1e9 }),
  fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, -1, 11, 1e308, 0.5),
  fc.string({ maxLength: 30 }),
  fc.constantFrom('<script>alert(1)</script>', "'; drop table patients; --", '../../etc/passwd', '\u0000', 'x'.repeat(5000)),
  fc.array(fc.anything({ maxDepth: 1 }), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.anything({ maxDepth: 1 }), { maxKeys: 3 }),
)

/** All paths to the leaves (and inner objects) of an input. */
function paths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (value === null || typeof value !== 'object') return prefix.length ? [prefix] : []
  const entries = Array.isArray(value) ? value.map((v, i) => [i, v] as const) : Object.entries(value)
  return [...(prefix.length ? [prefix] : []), ...entries.flatMap(([k, v]) => paths(v, [...prefix, k]))]
}

function withValueAt(input: unknown, path: (string | number)[], value: unknown): unknown {
  const copy = structuredClone(input) as Record<string | number, unknown>
  let target = copy
  for (const key of path.slice(0, -1)) target = target[key] as Record<string | number, unknown>
  target[path[path.length - 1]] = value
  return copy
}

function totalRows(): number {
  const tables = clinic.store.sqlite
    .prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like '__drizzle%'")
    .all() as { name: string }[]
  return tables.reduce((sum, { name }) => sum + (clinic.store.sqlite.prepare(`select count(*) as n from "${name}"`).get() as { n: number }).n, 0)
}

const schemaOf = (channel: Channel) => {
  const [group, method] = channel.split('/') as [Group, string]
  return (contract[group] as Record<string, { input: { safeParse(v: unknown): { success: boolean } } }>)[method].input
}

const KINDS = ['validation', 'not_found', 'rule', 'conflict']
const tried: Record<string, number> = {}

function expectTypedRefusal(result: ApiResult<unknown>) {
  expect(result.ok).toBe(false)
  if (result.ok) return
  expect(KINDS).toContain(result.error.kind)
  expect(typeof result.error.message).toBe('string')
  expect(Array.isArray(result.error.fields)).toBe(true)
}

describe('hostile input to every API method', () => {
  for (const channel of CHANNELS) {
    it(`${channel}: invalid input gets a typed error and writes nothing`, async () => {
      const schema = schemaOf(channel)
      const base = validInput(channel)
      expect(schema.safeParse(base).success).toBe(true)
      const candidates = fc.oneof(
        // A whole input of the wrong kind.
        fc.oneof(fc.string(), fc.integer(), fc.double(), fc.boolean(), fc.array(fc.anything({ maxDepth: 2 }))),
        // A valid input with one field made hostile.
        fc.constantFrom(...(paths(base).length ? paths(base) : [['unexpected']])).chain((path) =>
          hostileValue.map((value) => withValueAt(base, path, value)),
        ),
      )
      await fc.assert(
        fc.asyncProperty(candidates, async (input) => {
          fc.pre(!schema.safeParse(input).success)
          tried[channel] = (tried[channel] ?? 0) + 1
          const before = totalRows()
          const result = await clinic.call(channel, input)
          expect(result).toMatchObject({ ok: false, error: { kind: 'validation' } })
          expectTypedRefusal(result)
          expect(totalRows()).toBe(before)
        }),
        { numRuns: RUNS, maxSkipsPerRun: 1000 },
      )
    })
  }

  it('valid-shaped but unknown or odd values never crash the service (no internal errors)', async () => {
    // Signing out, in or changing the password would change who is signed in for the calls that follow.
    const sessionChanging = ['auth/signOut', 'auth/signIn', 'auth/setup', 'users/changePassword']
    for (const channel of CHANNELS.filter((c) => !c.startsWith('backups/') && !sessionChanging.includes(c))) {
      const base = validInput(channel)
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...(paths(base).length ? paths(base) : [['x']])), hostileValue, async (path, value) => {
          const input = withValueAt(base, path, value)
          if (!schemaOf(channel).safeParse(input).success) return
          const result = await clinic.call(channel, input)
          if (!result.ok) expect(KINDS).toContain(result.error.kind)
        }),
        { numRuns: 15 },
      )
    }
  })

  afterAll(() => {
    console.info(`hostile inputs tried per method: ${JSON.stringify(tried)}`)
  })
})
