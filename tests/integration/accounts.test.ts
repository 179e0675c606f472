import { fileStore } from '../../db/client'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ApiResult, AuthStatus, Channel } from '../../electron/clinic/contract'
import { dispatch } from '../../electron/clinic/dispatch'
import { openClinic, type Clinic } from '../../electron/clinic/open'
import { enrollment, testQuery } from './factories'

let dir: string
let clinic: Clinic
let clock: number
const call = <T = unknown>(channel: Channel, input: unknown = {}) =>
  dispatch(clinic.handlers, channel, input, () => undefined) as Promise<ApiResult<T>>
const lead = { username: 'lena.lead', displayName: 'Lena Lead', password: 'a long secret phrase' }

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'backstride-accounts-'))
  clock = Date.parse('2026-03-10T09:00:00')
  clinic = await openClinic({ file: join(dir, 'clinic.sqlite'), mode: 'browser', version: 'test', now: () => new Date(clock) })
})
afterEach(() => {
  clinic.close()
  rmSync(dir, { recursive: true, force: true })
})

describe('accounts and sign-in', () => {
  it('asks for the first account at first start and lets nothing clinical through before it', async () => {
    expect(await call<AuthStatus>('auth/status')).toMatchObject({ ok: true, value: { accountsExist: false, user: null } })
    expect(await call('patients/list')).toMatchObject({ ok: false, error: { kind: 'unauthorized' } })
    expect(await call('patients/enroll', enrollment())).toMatchObject({ ok: false, error: { kind: 'unauthorized' } })
    expect(await call('auth/setup', lead)).toMatchObject({ ok: true, value: { username: 'lena.lead', role: 'clinic_lead' } })
    expect(await call('patients/list')).toMatchObject({ ok: true })
    expect(await call('auth/setup', { ...lead, username: 'intruder' })).toMatchObject({ ok: false, error: { kind: 'rule' } })
  })

  it('stores only a salted scrypt hash of the password', async () => {
    await call('auth/setup', lead)
    await call('users/create', { username: 'tom', displayName: 'Tom', role: 'therapist', password: 'a long secret phrase' })
    const rows = (await testQuery(clinic.store.db, 'select password_hash as hash from users')) as { hash: string }[]
    expect(rows.every((r) => r.hash.startsWith('scrypt$32768$8$1$'))).toBe(true)
    // The same password, two different salts.
    expect(rows[0].hash).not.toBe(rows[1].hash)
    fileStore(clinic.store).sqlite.pragma('wal_checkpoint(TRUNCATE)')
    expect(readFileSync(join(dir, 'clinic.sqlite')).includes(Buffer.from(lead.password))).toBe(false)
  })

  it('refuses a wrong password and an unknown user with the same message', async () => {
    await call('auth/setup', lead)
    await call('auth/signOut')
    const wrong = await call('auth/signIn', { username: 'lena.lead', password: 'not my password' })
    const unknown = await call('auth/signIn', { username: 'nobody', password: 'not my password' })
    expect(wrong).toMatchObject({ ok: false, error: { kind: 'rule', message: 'Wrong username or password' } })
    expect(unknown).toEqual(wrong)
    expect(await call('auth/signIn', { username: 'Lena.Lead', password: lead.password })).toMatchObject({ ok: true })
  })

  it('records who created each clinical record', async () => {
    await call('auth/setup', lead)
    await call('users/create', { username: 'tom', displayName: 'Tom Therapist', role: 'therapist', password: '246810' })
    await call('auth/signOut')
    await call('auth/signIn', { username: 'tom', password: '246810' })
    const enrolled = await call<{ patientId: number; enrollmentId: number }>('patients/enroll', enrollment())
    expect(enrolled.ok).toBe(true)
    const rows = fileStore(clinic.store).sqlite
      .prepare(
        `select (select created_by from patients) as patient, (select created_by from enrollments) as enrollment,
                (select created_by from assessments) as assessment, (select created_by from assignments) as assignment,
                (select actor from audit_log where table_name = 'patients') as audited`,
      )
      .get()
    expect(rows).toEqual({ patient: 'tom', enrollment: 'tom', assessment: 'tom', assignment: 'tom', audited: 'tom' })
  })

  it('keeps account management, clinic settings and restores to the clinic lead', async () => {
    await call('auth/setup', lead)
    await call('users/create', { username: 'tom', displayName: 'Tom', role: 'therapist', password: '246810' })
    await call('auth/signOut')
    await call('auth/signIn', { username: 'tom', password: '246810' })
    for (const [channel, input] of [
      ['users/create', { username: 'eve', displayName: 'Eve', role: 'clinic_lead', password: '13579111' }],
      ['users/list', {}],
      ['settings/updateClinic', { clinicName: 'Mine now' }],
      ['backups/restore', { fileName: 'x.sqlite' }],
    ] as const) {
      expect(await call(channel, input)).toMatchObject({ ok: false, error: { kind: 'forbidden' } })
    }
    expect(await call('patients/list')).toMatchObject({ ok: true })
  })

  it('locks the desk after 15 minutes without activity and offers the same user again', async () => {
    await call('auth/setup', lead)
    clock += 14 * 60_000
    expect(await call('patients/list')).toMatchObject({ ok: true })
    clock += 16 * 60_000
    expect(await call('patients/list')).toMatchObject({ ok: false, error: { kind: 'unauthorized' } })
    expect(await call<AuthStatus>('auth/status')).toMatchObject({ ok: true, value: { user: null, lockedUser: 'lena.lead' } })
  })

  it('archives an account instead of deleting it; an archived user cannot sign in', async () => {
    await call('auth/setup', lead)
    await call('users/create', { username: 'tom', displayName: 'Tom', role: 'therapist', password: '246810' })
    expect(await call('users/archive', { username: 'lena.lead' })).toMatchObject({ ok: false, error: { kind: 'rule' } })
    expect(await call('users/archive', { username: 'tom' })).toMatchObject({ ok: true, value: { archived: true } })
    await call('auth/signOut')
    expect(await call('auth/signIn', { username: 'tom', password: '246810' })).toMatchObject({ ok: false })
  })

  it('changes a password only with the current one', async () => {
    await call('auth/setup', lead)
    expect(await call('users/changePassword', { currentPassword: 'guess', newPassword: 'another long phrase' })).toMatchObject({
      ok: false,
      error: { fields: [{ path: 'currentPassword' }] },
    })
    expect(await call('users/changePassword', { currentPassword: lead.password, newPassword: '93162847' })).toMatchObject({ ok: true })
    await call('auth/signOut')
    expect(await call('auth/signIn', { username: lead.username, password: '93162847' })).toMatchObject({ ok: true })
  })

  it('refuses a short password and a short PIN', async () => {
    expect(await call('auth/setup', { ...lead, password: 'short' })).toMatchObject({ ok: false, error: { kind: 'validation' } })
    expect(await call('auth/setup', { ...lead, password: '31826' })).toMatchObject({ ok: false, error: { kind: 'validation' } })
    expect(await call('auth/setup', { ...lead, password: '318264' })).toMatchObject({ ok: true })
  })

  it('refuses the passwords and PINs a guesser tries first, with a message at the field', async () => {
    const refused = (path: string) => ({ ok: false, error: { kind: 'validation', fields: [{ path, code: 'password_too_common' }] } })
    for (const password of ['000000', '123456', '12345678', 'password', 'Passwort123!', 'qwertz12', 'qwertyuiop', '99999999', '87654321', 'lena.lead', 'lena.lead2026']) {
      expect(await call('auth/setup', { ...lead, password }), password).toMatchObject(refused('password'))
    }
    await call('auth/setup', lead)
    expect(await call('users/create', { username: 'tom', displayName: 'Tom', role: 'therapist', password: '121212' })).toMatchObject(refused('password'))
    expect(await call('users/create', { username: 'tom', displayName: 'Tom', role: 'therapist', password: 'tom12345' })).toMatchObject(refused('password'))
    expect(await call('users/changePassword', { currentPassword: lead.password, newPassword: 'abcdefgh' })).toMatchObject(refused('newPassword'))
    // The username is known to the service only: a rule refusal at the same field.
    expect(await call('users/changePassword', { currentPassword: lead.password, newPassword: 'lena.lead!' })).toMatchObject({
      ok: false,
      error: { kind: 'rule', code: 'password_too_common', fields: [{ path: 'newPassword' }] },
    })
  })
})

/*
 * Checked to fail: with the throttle's check skipped (service/auth.ts), every test below but the
 * one for unknown names fails; with a scrypt hash run before the check, "answers a refused attempt at once" fails.
 */
describe('sign-in throttling', () => {
  const tom = { username: 'tom', password: 'tom runs at dawn' }
  const attempt = (password: string, username = tom.username) => call('auth/signIn', { username, password })
  const wrong = { ok: false, error: { code: 'wrong_credentials' } }
  const throttled = (seconds: number, until: string) => ({ ok: false, error: { kind: 'rule', code: 'sign_in_throttled', params: { seconds, until } } })
  const advance = (seconds: number) => (clock += seconds * 1000)

  beforeEach(async () => {
    await call('auth/setup', lead)
    await call('users/create', { username: tom.username, displayName: 'Tom', role: 'therapist', password: tom.password })
    await call('auth/signOut')
  })

  it('refuses every attempt for 30 seconds after 5 wrong ones, the right password included', async () => {
    for (let i = 0; i < 5; i++) expect(await attempt('guess ' + i)).toMatchObject(wrong)
    expect(await attempt(tom.password)).toMatchObject(throttled(30, '09:00:30'))
    advance(29)
    expect(await attempt(tom.password)).toMatchObject(throttled(1, '09:00:30'))
    // Another name is not affected.
    expect(await attempt(lead.password, lead.username)).toMatchObject({ ok: true })
    advance(1)
    expect(await attempt(tom.password)).toMatchObject({ ok: true, value: { username: 'tom' } })
    // A success starts the count afresh: 4 wrong ones are free again.
    await call('auth/signOut')
    for (let i = 0; i < 4; i++) expect(await attempt('guess ' + i)).toMatchObject(wrong)
    expect(await attempt(tom.password)).toMatchObject({ ok: true })
  })

  it('doubles the wait after each further wrong attempt, up to 15 minutes', async () => {
    for (let i = 0; i < 4; i++) expect(await attempt('guess ' + i)).toMatchObject(wrong)
    const waits: number[] = []
    for (let round = 0; round < 8; round++) {
      expect(await attempt('guess again')).toMatchObject(wrong)
      const refused = await attempt(tom.password)
      if (refused.ok || refused.error.code !== 'sign_in_throttled') throw new Error(`round ${round}: not throttled`)
      const seconds = refused.error.params.seconds
      waits.push(seconds)
      advance(seconds)
    }
    expect(waits).toEqual([30, 60, 120, 240, 480, 900, 900, 900])
  })

  it('throttles a name without an account exactly like one with an account', async () => {
    const answers = async (username: string) => {
      const seen: unknown[] = []
      for (let i = 0; i < 6; i++) seen.push(await attempt('guess ' + i, username))
      advance(30)
      seen.push(await attempt('guess', username))
      return seen
    }
    const known = await answers(tom.username)
    clock = Date.parse('2026-03-10T09:00:00')
    expect(await answers('nobody')).toEqual(known)
  })

  it('keeps the wait across a restart', async () => {
    for (let i = 0; i < 5; i++) await attempt('guess ' + i)
    clinic.close()
    clinic = await openClinic({ file: join(dir, 'clinic.sqlite'), mode: 'browser', version: 'test', now: () => new Date(clock) })
    advance(10)
    expect(await attempt(tom.password)).toMatchObject(throttled(20, '09:00:30'))
  })

  it('counts parallel guesses: of 12 sent at once, 5 are checked and 7 refused', async () => {
    const answers = await Promise.all(Array.from({ length: 12 }, (_, i) => attempt('parallel guess ' + i)))
    const codes = answers.map((a) => (a.ok ? 'ok' : a.error.code))
    expect(codes.filter((c) => c === 'wrong_credentials')).toHaveLength(5)
    expect(codes.filter((c) => c === 'sign_in_throttled')).toHaveLength(7)
  })

  it('answers a refused attempt at once: no scrypt work (real time)', async () => {
    for (let i = 0; i < 5; i++) await attempt('guess ' + i)
    const timed = async (username: string) => {
      const times: number[] = []
      for (let i = 0; i < 5; i++) {
        const start = performance.now()
        await attempt(tom.password, username)
        times.push(performance.now() - start)
      }
      return times.sort((a, b) => a - b)[2]
    }
    // A checked attempt (another name, wrong password) runs scrypt: N = 2^15 takes tens of milliseconds at least.
    const checked = await timed('someone-else')
    const refused = await timed(tom.username)
    expect(checked).toBeGreaterThan(20)
    expect(refused).toBeLessThan(checked / 4)
  })
})
