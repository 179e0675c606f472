import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { ApiResult, AuthStatus, Channel, EnrollInput } from '../../electron/clinic/contract'
import { dispatch } from '../../electron/clinic/dispatch'
import { openClinic, type Clinic } from '../../electron/clinic/open'
import { RED_FLAGS } from '../../electron/clinic/rules/redFlags'

/** The account the integration tests work as: the clinic lead set up at first start. */
export const TEST_ACCOUNT = { username: 'test-therapist', displayName: 'Test Therapist', password: 'correct horse battery' }

/** A clinic on a real SQLite file in a fresh temp folder, reached through the same dispatcher as both transports. */
export async function tempClinic(now = () => new Date('2026-03-10T09:00:00')) {
  const dir = mkdtempSync(join(tmpdir(), 'backstride-it-'))
  const file = join(dir, 'clinic.sqlite')
  /** Opens the clinic and signs in as a therapist would (the first start sets up the account). */
  const open = async () => {
    const opened = await openClinic({ file, mode: 'browser', version: 'test', now })
    const status = await dispatch(opened.handlers, 'auth/status', {})
    const signIn = status.ok && !(status.value as AuthStatus).accountsExist ? 'auth/setup' : 'auth/signIn'
    const signedIn = await dispatch(opened.handlers, signIn, TEST_ACCOUNT)
    if (!signedIn.ok) throw new Error(`test sign-in failed: ${signedIn.error.message}`)
    return opened
  }
  let clinic: Clinic = await open()
  return {
    file,
    get store() {
      return clinic.store
    },
    get handlers() {
      return clinic.handlers
    },
    call<T = unknown>(channel: Channel, input: unknown = {}): Promise<ApiResult<T>> {
      return dispatch(clinic.handlers, channel, input, () => undefined) as Promise<ApiResult<T>>
    },
    async value<T = unknown>(channel: Channel, input: unknown = {}): Promise<T> {
      const result = await dispatch(clinic.handlers, channel, input)
      if (!result.ok) throw new Error(`${channel} failed: ${JSON.stringify(result.error)}`)
      return result.value as T
    },
    async restart() {
      clinic.close()
      clinic = await open()
    },
    /** Closes the clinic as quitting the app does (releasing the writer lock), keeping its files. */
    stop() {
      clinic.close()
    },
    close() {
      clinic.close()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

export type TempClinic = Awaited<ReturnType<typeof tempClinic>>

const noRedFlags = () => Object.fromEntries(RED_FLAGS.map((flag) => [flag, false])) as Record<string, boolean>

/** A valid enrollment of an eligible runner with no red flags; override any part. */
export function enrollment(overrides: Partial<EnrollInput> = {}): EnrollInput {
  return {
    enrolledOn: '2026-03-02',
    patient: {
      firstName: 'Anna',
      lastName: 'Meier',
      dateOfBirth: '1988-05-14',
      sex: 'female',
      phone: '+49 30 1234567',
      email: 'anna.meier@example.org',
      preferredLanguage: 'de',
    },
    runningProfile: { runsPerWeek: 3, weeklyDistanceKm: 25, yearsRunning: 6 },
    eligibility: [
      { criterion: 'recreational_runner', met: true },
      { criterion: 'low_back_pain_over_3_months', met: true },
      { criterion: 'runs_2_to_5_per_week', met: true },
    ],
    screening: { screenedOn: '2026-03-02', answers: noRedFlags() as EnrollInput['screening']['answers'] },
    baseline: {
      assessedOn: '2026-03-02',
      runningPain: 6,
      activities: [
        { description: 'Run 10 km', rating: 3 },
        { description: 'Run downhill', rating: 4 },
        { description: 'Run on consecutive days', rating: 5 },
      ],
    },
    program: { programCode: 'P1', startDate: '2026-03-02', optionalExercises: [] },
    consent: { treatment: { consentedOn: '2026-03-02', takenBy: 'Test Therapist' }, comparison: { given: true, answeredOn: '2026-03-02' } },
    ...overrides,
  }
}

export const withRedFlag = (flag: string, overrides: Partial<EnrollInput> = {}): EnrollInput => {
  const base = enrollment(overrides)
  return { ...base, screening: { ...base.screening, answers: { ...base.screening.answers, [flag]: true } } }
}
