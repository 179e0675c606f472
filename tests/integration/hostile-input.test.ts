import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CHANNELS, type ApiResult, type Channel, type PatientRecord, type ProgramVersionView } from '../../electron/clinic/contract'
import { enrollment, tempClinic, type TempClinic } from './factories'

/*
 * Property-based hostile input: every API method gets generated inputs whose
 * invalidity is known from how they were made, not from the contract's schemas:
 *   - a whole input that is not an object (every method takes an object);
 *   - a valid example with one field replaced by a value of another JSON kind
 *     (a string where the example has a number, an array where it has an object…);
 *   - a valid example with one field given a value the clinic's rules forbid,
 *     written out below by field name (a pain score of 11, the 30th of February,
 *     program P4, week 9…).
 * Each must be refused as a validation error naming that field, and write nothing.
 * A last property sends odd but possibly valid values and asks only that the
 * service never fails internally.
 */

let clinic: TempClinic
let ids: {
  patientId: number
  enrollmentId: number
  sessionId: number
  assessmentId: number
  adverseEventId: number
  activityIds: number[]
  programVersionId: number
}
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
  const { adverseEventId } = await clinic.value<{ adverseEventId: number }>('adverseEvents/record', {
    enrollmentId,
    occurredOn: '2026-03-04',
    description: 'calf cramp',
    severity: 'mild',
    related: 'unclear',
    actionTaken: 'stretching',
  })
  const record = await clinic.value<PatientRecord>('patients/get', { patientId })
  const programs = await clinic.value<ProgramVersionView[]>('catalogue/programs')
  const p1 = programs.find((p) => p.code === 'P1')?.programVersionId
  if (p1 === undefined) throw new Error('P1 is not in the catalogue')
  ids = {
    patientId,
    enrollmentId,
    sessionId,
    assessmentId: record.assessments[0].assessmentId,
    adverseEventId,
    activityIds: record.activities.map((a) => a.activityId),
    programVersionId: p1,
  }
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
    'users/create': { username: 'maria', displayName: 'Maria Rossi', role: 'therapist', password: '318264' },
    'users/archive': { username: 'nobody' },
    'users/changePassword': { currentPassword: 'not it', newPassword: 'a new long password' },
    'catalogue/programs': {},
    'catalogue/versions': {},
    'catalogue/version': { programVersionId: ids.programVersionId },
    'catalogue/publish': {
      basedOnVersionId: ids.programVersionId,
      homeSessionsPerWeek: 4,
      note: 'Slower progression in weeks 3-4',
      changes: [{ exerciseCode: 'leg-press', week: 3, sets: 2, repsMin: 10, repsMax: 12, holdSeconds: null, durationSeconds: null, load: { en: 'Moderate load.', de: 'Mäßige Last.' } }],
    },
    'patients/list': { search: 'mei', programCode: 'P1', status: 'active' },
    'patients/get': { patientId: ids.patientId },
    'patients/details': { patientId: ids.patientId },
    'patients/enroll': { ...enrollment(), siteId: 1 } as unknown as Record<string, unknown>,
    'patients/archive': { patientId: ids.patientId, reason: 'moved away' },
    'patients/restore': { patientId: ids.patientId, reason: 'came back' },
    'patients/history': { patientId: ids.patientId },
    'screenings/recordClearance': { enrollmentId: ids.enrollmentId, clearedOn: '2026-03-05', clearedBy: 'Dr. Weber' },
    'assignments/assign': { enrollmentId: ids.enrollmentId, programCode: 'P2', startDate: '2026-03-09' },
    'assignments/allocate': { enrollmentId: ids.enrollmentId, startDate: '2026-03-09' },
    'sessions/prescription': { enrollmentId: ids.enrollmentId, sessionDate: '2026-03-05' },
    'sessions/record': { enrollmentId: ids.enrollmentId, sessionDate: '2026-03-05', attended: true, painBefore: 4, notes: 'ok' },
    'sessions/correct': {
      sessionId: ids.sessionId,
      sessionDate: '2026-03-04',
      attended: true,
      painBefore: 4,
      exercises: [{ exerciseCode: 'leg-press', doneSets: 2, doneReps: 12, doneLoadKg: 40 }],
      reason: 'typo',
    },
    'sessions/history': { sessionId: ids.sessionId },
    'sessions/recordHomeWeek': { enrollmentId: ids.enrollmentId, week: 1, days: [{ date: '2026-03-04', done: true, pain: 3 }, { date: '2026-03-05', done: false, pain: null }] },
    'patients/correct': { patientId: ids.patientId, firstName: 'Anne', dateOfBirth: '1988-05-15', phone: null, reason: 'misspelt' },
    'enrollments/correct': {
      enrollmentId: ids.enrollmentId,
      siteId: 1,
      reason: 'typed in the wrong box',
      runningProfile: { runsPerWeek: 4, weeklyDistanceKm: 30, yearsRunning: 6 },
      eligibility: [
        { criterion: 'recreational_runner', met: true },
        { criterion: 'low_back_pain_over_3_months', met: true },
        { criterion: 'runs_2_to_5_per_week', met: false, overrideReason: 'runs 6 times' },
      ],
    },
    'sessions/void': { sessionId: ids.sessionId, reason: 'entered twice', voided: true },
    'sessions/voidHomeWeek': { enrollmentId: ids.enrollmentId, week: 1, reason: 'week entered twice' },
    'assessments/correct': { assessmentId: ids.assessmentId, assessedOn: '2026-03-02', runningPain: 5, ratings: ids.activityIds.map((activityId) => ({ activityId, rating: 4 })), reason: 'misread' },
    'assessments/void': { assessmentId: ids.assessmentId, reason: 'wrong runner', voided: true },
    'assessments/record': { enrollmentId: ids.enrollmentId, assessedOn: '2026-03-05', timePoint: 'unscheduled', runningPain: 4, ratings: ids.activityIds.map((activityId) => ({ activityId, rating: 5 })) },
    'withdrawals/withdraw': { enrollmentId: ids.enrollmentId, withdrawnOn: '2026-03-06', category: 'patient_choice', reason: 'moved away' },
    'withdrawals/readmit': { enrollmentId: ids.enrollmentId, reason: 'back again' },
    'adverseEvents/record': { enrollmentId: ids.enrollmentId, occurredOn: '2026-03-05', description: 'ankle sprain', severity: 'mild', related: 'no', actionTaken: 'rest' },
    'adverseEvents/correct': {
      adverseEventId: ids.adverseEventId,
      occurredOn: '2026-03-05',
      description: 'calf cramp, left',
      severity: 'moderate',
      related: 'yes',
      actionTaken: 'load reduced',
      reason: 'misheard',
    },
    'adverseEvents/void': { adverseEventId: ids.adverseEventId, reason: 'wrong runner', voided: true },
    'withdrawals/correct': { enrollmentId: ids.enrollmentId, withdrawnOn: '2026-03-07', category: 'lost_to_contact', withdrawalReason: 'no answer', reason: 'wrong day' },
    'consent/recordTreatment': { enrollmentId: ids.enrollmentId, consentedOn: '2026-03-02', takenBy: 'Test Therapist' },
    'consent/answerComparison': { enrollmentId: ids.enrollmentId, answer: 'withdrawn', answeredOn: '2026-03-06', reason: null },
    'assessments/renewBaseline': { enrollmentId: ids.enrollmentId, assessedOn: '2026-03-05', runningPain: 4, ratings: ids.activityIds.map((activityId) => ({ activityId, rating: 5 })) },
    'settings/clinic': {},
    'settings/updateClinic': { clinicName: 'Physio am Park', address: 'Parkstraße 1', phone: '030 1', email: 'a@b.de' },
    'settings/randomisation': {},
    'settings/updateRandomisation': { enabled: false },
    'sites/list': {},
    'sites/create': { code: 'MUC', name: 'München Schwabing' },
    'sites/update': { siteId: 1, name: 'Praxis am Park', active: true, reason: 'new sign' },
    'settings/runningAdvice': {},
    'settings/updateRunningAdvice': { clinicDefault: 'keep_running' },
    'worklist/today': { date: '2026-03-10' },
    'sheets/home': { patientId: ids.patientId, week: 2, language: 'en' },
    'backups/list': {},
    'backups/status': {},
    'backups/create': {},
    'backups/setFolder': { folder: '/tmp/backstride-hostile-backups' },
    'backups/restore': { fileName: 'backstride-20260101T000000Z-manual.sqlite' },
    'outcomes/compare': { sex: 'female', ageBand: '30_to_39', includeDemo: false, siteId: 1 },
    'outcomes/adherence': { enrollmentId: ids.enrollmentId },
    'outcomes/fidelity': { sex: 'female', analysisSet: 'itt', includeDemo: false },
    'exports/csv': { form: 'long', includeDemo: false },
    'exports/xlsx': { includeDemo: false },
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

type Path = (string | number)[]

/** All paths to the leaves (and inner objects) of an input. */
function paths(value: unknown, prefix: Path = []): Path[] {
  if (value === null || typeof value !== 'object') return prefix.length ? [prefix] : []
  const entries = Array.isArray(value) ? value.map((v, i) => [i, v] as const) : Object.entries(value)
  return [...(prefix.length ? [prefix] : []), ...entries.flatMap(([k, v]) => paths(v, [...prefix, k]))]
}

function valueAt(input: unknown, path: Path): unknown {
  return path.reduce<unknown>((value, key) => (value as Record<string | number, unknown>)[key], input)
}

function withValueAt(input: unknown, path: Path, value: unknown): unknown {
  const copy = structuredClone(input) as Record<string | number, unknown>
  let target = copy
  for (const key of path.slice(0, -1)) target = target[key] as Record<string | number, unknown>
  target[path[path.length - 1]] = value
  return copy
}

/** A whole input that is not an object. */
const notAnObject = fc.oneof(fc.string(), fc.integer(), fc.double(), fc.boolean(), fc.array(fc.anything({ maxDepth: 2 })))

const KINDS = {
  string: fc.string({ maxLength: 20 }),
  number: fc.oneof(fc.integer(), fc.double()),
  boolean: fc.boolean(),
  array: fc.array(fc.anything({ maxDepth: 1 }), { maxLength: 3 }),
  object: fc.dictionary(fc.string({ maxLength: 5 }), fc.anything({ maxDepth: 1 }), { maxKeys: 3 }),
}
const kindOf = (value: unknown) => (Array.isArray(value) ? 'array' : typeof value)

/** Values of every JSON kind but the example's own (null and missing are left out: many fields are optional). */
const otherKind = (example: unknown) =>
  fc.oneof(...Object.entries(KINDS).filter(([kind]) => kind !== kindOf(example)).map(([, values]) => values))

const notInteger = fc.double({ min: 0.01, max: 1000, noNaN: true }).filter((x) => !Number.isInteger(x))
const pad = (n: number) => String(n).padStart(2, '0')
const year = fc.integer({ min: 1990, max: 2030 })

/**
 * What the clinic's rules forbid in a field, by field name, written from the rules
 * rather than read from the schemas: scores are whole numbers 0–10, ids positive
 * whole numbers, dates real calendar days as YYYY-MM-DD, programs P1–P3, languages
 * English and German, sheet weeks 1–8. The values just past each bound (EDGES) are
 * tried on every such field of every method; generated ones (which vary by run) follow.
 */
const EDGES = {
  score: [-1, 11, 0.5, 9.5],
  id: [0, -1, 0.5],
  date: ['2026-02-30', '2025-02-29', '2026-04-31', '2026-13-01', '2026-00-10', '2026-3-5', '05.03.2026', '', '2026-03-05T10:00'],
  program: ['P4', 'P0', 'p1', ''],
  language: ['fr', 'EN', ''],
  week: [0, 9, 1.5],
  sets: [0, 11, 1.5],
  reps: [0, 101, 2.5],
  homeSessions: [-1, 8, 0.5],
  // A site code: 2 to 8 letters A–Z or digits.
  siteCode: ['M', 'MUNICH123', 'MU C', 'M-1', 'MÜN', ''],
}
const SCORE = fc.oneof(fc.constantFrom(...EDGES.score), fc.integer({ min: -1000, max: -1 }), fc.integer({ min: 11, max: 1000 }), notInteger.filter((x) => x < 10))
const ID = fc.oneof(fc.constantFrom(...EDGES.id), fc.integer({ min: -1000, max: 0 }), notInteger)
const DATE = fc.oneof(
  fc.constantFrom(...EDGES.date),
  fc.tuple(year, fc.integer({ min: 13, max: 99 }), fc.integer({ min: 1, max: 28 })).map(([y, m, d]) => `${y}-${m}-${pad(d)}`),
  fc.tuple(year, fc.integer({ min: 1, max: 12 }), fc.integer({ min: 32, max: 99 })).map(([y, m, d]) => `${y}-${pad(m)}-${d}`),
  fc.tuple(year, fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 })).map(([y, m, d]) => `${pad(d)}.${pad(m)}.${y}`),
)
const PROGRAM = fc.oneof(fc.constantFrom(...EDGES.program), fc.string({ maxLength: 4 }).filter((code) => !['P1', 'P2', 'P3'].includes(code)))
const LANGUAGE = fc.oneof(fc.constantFrom(...EDGES.language), fc.string({ maxLength: 4 }).filter((language) => !['en', 'de'].includes(language)))
const WEEK = fc.oneof(fc.constantFrom(...EDGES.week), fc.integer({ min: -100, max: 0 }), fc.integer({ min: 9, max: 100 }), notInteger.filter((x) => x < 8))

const RULES: Record<string, { edges: readonly unknown[]; values: fc.Arbitrary<unknown> }> = {
  ...Object.fromEntries(['painBefore', 'painAfter', 'runningPain', 'rating', 'pain'].map((field) => [field, { edges: EDGES.score, values: SCORE }])),
  ...Object.fromEntries(
    ['patientId', 'enrollmentId', 'sessionId', 'activityId', 'programVersionId', 'basedOnVersionId', 'adverseEventId', 'siteId'].map((field) => [field, { edges: EDGES.id, values: ID }]),
  ),
  // A published dosage: 1–10 sets, 1–100 repetitions, home sessions 0–7 a week, whole numbers.
  sets: { edges: EDGES.sets, values: fc.oneof(fc.constantFrom(...EDGES.sets), fc.integer({ min: 11, max: 1000 }), fc.integer({ min: -100, max: 0 })) },
  ...Object.fromEntries(
    ['repsMin', 'repsMax'].map((field) => [field, { edges: EDGES.reps, values: fc.oneof(fc.constantFrom(...EDGES.reps), fc.integer({ min: 101, max: 10000 })) }]),
  ),
  homeSessionsPerWeek: { edges: EDGES.homeSessions, values: fc.oneof(fc.constantFrom(...EDGES.homeSessions), fc.integer({ min: 8, max: 100 })) },
  ...Object.fromEntries(
    ['enrolledOn', 'dateOfBirth', 'screenedOn', 'assessedOn', 'startDate', 'sessionDate', 'clearedOn', 'date', 'occurredOn', 'withdrawnOn', 'consentedOn', 'answeredOn'].map((field) => [field, { edges: EDGES.date, values: DATE }]),
  ),
  programCode: { edges: EDGES.program, values: PROGRAM },
  preferredLanguage: { edges: EDGES.language, values: LANGUAGE },
  language: { edges: EDGES.language, values: LANGUAGE },
  week: { edges: EDGES.week, values: WEEK },
  code: {
    edges: EDGES.siteCode,
    values: fc.oneof(fc.constantFrom(...EDGES.siteCode), fc.stringMatching(/^[A-Z0-9]{9,12}$/), fc.stringMatching(/^[A-Z]{1,3}[ ._/-][A-Z]{1,3}$/)),
  },
}
const ruleFor = (path: Path) => RULES[String(path.at(-1))]

async function totalRows(): Promise<number> {
  return Object.values(await clinic.rowCounts()).reduce((sum, n) => sum + n, 0)
}

/** The error names the field that was made invalid (or a field inside it). */
function expectRefusedAt(result: ApiResult<unknown>, path: Path | null) {
  expect(result).toMatchObject({ ok: false, error: { kind: 'validation' } })
  if (result.ok || path === null) return
  const named = result.error.fields.map((field) => field.path)
  const wanted = path.join('.')
  expect(named.some((field) => field === wanted || field.startsWith(`${wanted}.`)), `${wanted} among ${named.join(', ')}`).toBe(true)
}

const tried: Record<string, number> = {}

describe('hostile input to every API method', () => {
  for (const channel of CHANNELS) {
    it(`${channel}: input known to be invalid gets a validation error naming the field, and writes nothing`, async () => {
      const base = validInput(channel)
      const fields = paths(base).filter((path) => valueAt(base, path) !== null)
      const forbidden = fields.filter((path) => ruleFor(path) !== undefined)
      for (const path of forbidden) {
        for (const value of ruleFor(path).edges) {
          const before = (await totalRows())
          expectRefusedAt(await clinic.call(channel, withValueAt(base, path, value)), path)
          expect((await totalRows())).toBe(before)
        }
      }
      const candidates: fc.Arbitrary<{ input: unknown; path: Path | null }>[] = [
        notAnObject.map((input) => ({ input, path: null })),
      ]
      if (fields.length) {
        candidates.push(
          fc.constantFrom(...fields).chain((path) => otherKind(valueAt(base, path)).map((value) => ({ input: withValueAt(base, path, value), path }))),
        )
      }
      if (forbidden.length) {
        candidates.push(
          fc.constantFrom(...forbidden).chain((path) => ruleFor(path).values.map((value) => ({ input: withValueAt(base, path, value), path }))),
        )
      }
      await fc.assert(
        fc.asyncProperty(fc.oneof(...candidates), async ({ input, path }) => {
          tried[channel] = (tried[channel] ?? 0) + 1
          const before = (await totalRows())
          expectRefusedAt(await clinic.call(channel, input), path)
          expect((await totalRows())).toBe(before)
        }),
        { numRuns: RUNS },
      )
    })
  }

  it('the valid examples themselves are accepted or refused by a clinic rule, never as malformed', async () => {
    // Without this, a schema refusing everything would pass the property above.
    for (const channel of CHANNELS.filter((c) => !c.startsWith('backups/') && c !== 'auth/signOut')) {
      const result = await clinic.call(channel, validInput(channel))
      if (!result.ok) expect(`${channel}: ${result.error.kind}`).not.toBe(`${channel}: validation`)
    }
  })

  it('odd values of any kind never make the service fail internally', async () => {
    // Signing out, in or changing the password would change who is signed in for the calls that follow.
    const sessionChanging = ['auth/signOut', 'auth/signIn', 'auth/setup', 'users/changePassword']
    for (const channel of CHANNELS.filter((c) => !c.startsWith('backups/') && !sessionChanging.includes(c))) {
      const base = validInput(channel)
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...(paths(base).length ? paths(base) : [['x']])), hostileValue, async (path, value) => {
          const result = await clinic.call(channel, withValueAt(base, path, value))
          if (!result.ok) expect(['validation', 'not_found', 'rule', 'conflict']).toContain(result.error.kind)
        }),
        { numRuns: 15 },
      )
    }
  })

  afterAll(() => {
    console.info(`hostile inputs tried per method: ${JSON.stringify(tried)}`)
  })
})
