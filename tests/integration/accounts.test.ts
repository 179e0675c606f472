import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ApiResult, AuthStatus, Channel } from '../../electron/clinic/contract'
import { dispatch } from '../../electron/clinic/dispatch'
import { openClinic, type Clinic } from '../../electron/clinic/open'
import { enrollment } from './factories'

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
    const rows = clinic.store.sqlite.prepare('select password_hash as hash from users').all() as { hash: string }[]
    expect(rows.every((r) => r.hash.startsWith('scrypt$32768$8$1$'))).toBe(true)
    // The same password, two different salts.
    expect(rows[0].hash).not.toBe(rows[1].hash)
    clinic.store.sqlite.pragma('wal_checkpoint(TRUNCATE)')
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
    const rows = clinic.store.sqlite
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
    expect(await call('users/changePassword', { currentPassword: lead.password, newPassword: '98765432' })).toMatchObject({ ok: true })
    await call('auth/signOut')
    expect(await call('auth/signIn', { username: lead.username, password: '98765432' })).toMatchObject({ ok: true })
  })

  it('refuses a short password and a short PIN', async () => {
    expect(await call('auth/setup', { ...lead, password: 'short' })).toMatchObject({ ok: false, error: { kind: 'validation' } })
    expect(await call('auth/setup', { ...lead, password: '12345' })).toMatchObject({ ok: false, error: { kind: 'validation' } })
    expect(await call('auth/setup', { ...lead, password: '123456' })).toMatchObject({ ok: true })
  })
})
