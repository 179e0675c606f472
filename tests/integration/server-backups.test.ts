import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { BACKUPS_KEPT, listBackups } from '../../db/backup'
import type { PgStore } from '../../db/client'
import { connectionOf, createPgBackup, findPgTools, PgToolsMissing, serverVersionOf } from '../../db/pgBackup'
import type { BackupView, PatientPage } from '../../electron/clinic/contract'
import { dispatch } from '../../electron/clinic/dispatch'
import { openClinic } from '../../electron/clinic/open'
import { enrollment, tempClinic, TEST_ACCOUNT, TEST_STORE, type TempClinic } from './factories'
import { runBuilt } from './processes'

/*
 * Backups of a clinic database on a PostgreSQL server (pg_dump / pg_restore, db/pgBackup.ts). Runs in the
 * integration-pg project only (vitest.config.ts SERVER_ONLY); pg_dump, pg_restore and psql must be
 * installed (preflight checks them; a missing one fails these tests, it does not skip them).
 */
if (TEST_STORE !== 'postgres') throw new Error('server-backups.test.ts runs in the integration-pg project (a server database)')

let clinic: TempClinic
let folder: string
const pgStore = (c: TempClinic) => c.store as PgStore
beforeEach(async () => {
  clinic = await tempClinic()
  folder = mkdtempSync(join(tmpdir(), 'backstride-pgbackups-'))
  await clinic.value('backups/setFolder', { folder })
  await clinic.value('settings/updateClinic', { clinicName: 'Physio am Park' })
})
afterEach(() => {
  clinic.close()
  rmSync(folder, { recursive: true, force: true })
})

const patientNames = async (c: TempClinic = clinic) => (await c.value<PatientPage>('patients/list', {})).rows.map((p) => p.lastName)
/** Row counts of every table but the audit trail and the sign-in epoch (the restore adds its own entry and a new epoch). */
const dataCounts = async () => {
  const { audit_log: _audit, ...rest } = await clinic.rowCounts()
  const epochs = Number(await clinic.scalar("select count(*) from settings where key = 'sign_in_epoch'"))
  return { ...rest, settings: rest.settings - epochs }
}
const enrollNamed = (lastName: string) => {
  const input = enrollment()
  input.patient = { ...input.patient, lastName }
  return clinic.value('patients/enroll', input)
}
/** The rows of one table of an archive, as pg_restore reads them (COPY text). */
const archiveRows = (file: string, table: string) => execFileSync('pg_restore', ['--data-only', `--table=${table}`, '--file=-', file], { encoding: 'utf8' })

describe('backups of a server database', () => {
  it('makes a pg_dump archive named like file backups, with a manifest, private to the clinic account', async () => {
    await enrollNamed('Meier')
    const backup = await clinic.value<BackupView>('backups/create')
    const databaseId = await clinic.scalar<string>("select value from settings where key = 'database_id'")
    const short = (JSON.parse(databaseId) as string).replace(/-/g, '').slice(0, 8)
    expect(backup.fileName).toMatch(new RegExp(`^backstride-${short}-\\d{8}T\\d{6}Z-manual\\.dump$`))
    const file = join(folder, backup.fileName)
    // pg_dump's custom format starts with PGDMP.
    expect(readFileSync(file).subarray(0, 5).toString()).toBe('PGDMP')
    expect(statSync(file).mode & 0o777).toBe(0o600)
    expect(JSON.parse(readFileSync(`${file}.json`, 'utf8'))).toMatchObject({ databaseId: JSON.parse(databaseId), clinicName: 'Physio am Park', kind: 'manual' })
    expect(await clinic.value<{ automatic: boolean; backups: BackupView[] }>('backups/list')).toMatchObject({
      automatic: false,
      backups: [{ fileName: backup.fileName, kind: 'manual', sameDatabase: true }],
    })
  })

  it('restores exactly the backed-up data, keeping a safety dump and writing the restore into the audit trail', async () => {
    await enrollNamed('Meier')
    await enrollNamed('Schulz')
    const before = await dataCounts()
    const backup = await clinic.value<BackupView>('backups/create')
    // Changes after the backup: a third runner, a renamed clinic.
    await enrollNamed('Wagner')
    await clinic.value('settings/updateClinic', { clinicName: 'Physio am Park' })
    expect(await patientNames()).toEqual(['Meier', 'Schulz', 'Wagner'])
    expect(await dataCounts()).not.toEqual(before)

    const result = await clinic.value<{ safetyBackup: BackupView }>('backups/restore', { fileName: backup.fileName })
    // Signed out: every desk signs in again.
    expect(await clinic.call('patients/list')).toMatchObject({ ok: false, error: { kind: 'unauthorized' } })
    await clinic.value('auth/signIn', TEST_ACCOUNT)
    expect(await patientNames()).toEqual(['Meier', 'Schulz'])
    expect(await dataCounts()).toEqual(before)
    expect(await clinic.scalar('select count(*) from patients where last_name = ?', 'Wagner')).toBe(0)

    // The safety dump holds the data the restore replaced (Wagner included).
    expect(result.safetyBackup.kind).toBe('pre_restore')
    const safety = join(folder, result.safetyBackup.fileName)
    expect(archiveRows(safety, 'patients')).toContain('Wagner')
    const audit = await clinic.query<{ actor: string; before: string; after: string }>("select actor, before, after from audit_log where table_name = 'database' and action = 'restore'")
    expect(audit).toHaveLength(1)
    expect(audit[0].actor).toBe(TEST_ACCOUNT.username)
    expect(JSON.parse(audit[0].after)).toMatchObject({ backup: join(folder, backup.fileName) })
    expect(JSON.parse(audit[0].before)).toMatchObject({ keptAs: safety, keptCheck: 'ok', clinicName: 'Physio am Park' })
    // The clinic keeps working on the restored data: a new runner after the restore takes the next clinic ID.
    await enrollNamed('Becker')
    expect(await patientNames()).toEqual(['Becker', 'Meier', 'Schulz'])
  })

  it('signs every other desk on the database out after a restore, and lets it sign in again', async () => {
    await enrollNamed('Meier')
    const backup = await clinic.value<BackupView>('backups/create')
    // A second desk on the same server database, signed in before the restore.
    const other = await openClinic({ file: clinic.file, mode: 'browser', version: 'test' })
    try {
      expect((await dispatch(other.handlers, 'auth/signIn', TEST_ACCOUNT)).ok).toBe(true)
      expect(await dispatch(other.handlers, 'patients/list', {})).toMatchObject({ ok: true })
      await clinic.value('backups/restore', { fileName: backup.fileName })
      expect(await dispatch(other.handlers, 'patients/list', {})).toMatchObject({ ok: false, error: { kind: 'unauthorized' } })
      expect((await dispatch(other.handlers, 'auth/signIn', TEST_ACCOUNT)).ok).toBe(true)
      expect(await dispatch(other.handlers, 'patients/list', {})).toMatchObject({ ok: true })
    } finally {
      await other.close()
    }
  })

  it('refuses a damaged (truncated) archive and changes nothing', async () => {
    await enrollNamed('Meier')
    const backup = await clinic.value<BackupView>('backups/create')
    await enrollNamed('Schulz')
    const counts = await clinic.rowCounts()
    const whole = readFileSync(join(folder, backup.fileName))
    const damaged = backup.fileName.replace(/\d{8}T\d{6}Z/, '20260101T000000Z')
    writeFileSync(join(folder, damaged), whole.subarray(0, Math.floor(whole.length * 0.6)))
    const result = await clinic.call('backups/restore', { fileName: damaged })
    expect(result).toMatchObject({ ok: false, error: { kind: 'rule', code: 'backup_unrestorable', fields: [{ path: 'fileName' }] } })
    // Still signed in, every row as it was, and no safety dump was made.
    expect(await patientNames()).toEqual(['Meier', 'Schulz'])
    expect(await clinic.rowCounts()).toEqual(counts)
    expect(listBackups(folder, 'dump').filter((b) => b.kind === 'pre_restore')).toHaveLength(0)
  })

  it("refuses another clinic's archive unless the clinic lead replaces this clinic's data by typing its name", async () => {
    await enrollNamed('Meier')
    const other = await tempClinic()
    try {
      await other.value('settings/updateClinic', { clinicName: 'Physio Nord' })
      await other.value('patients/enroll', { ...enrollment(), patient: { ...enrollment().patient, lastName: 'Nordmann' } })
      const archive = await createPgBackup(pgStore(other), folder, 'manual')
      const listed = await clinic.value<{ backups: BackupView[] }>('backups/list')
      expect(listed.backups.find((b) => b.fileName === archive.fileName)).toMatchObject({ sameDatabase: false, clinicName: 'Physio Nord' })

      expect(await clinic.call('backups/restore', { fileName: archive.fileName })).toMatchObject({
        ok: false,
        error: { kind: 'rule', code: 'backup_other_database', params: { clinic: 'Physio Nord' } },
      })
      expect(await clinic.call('backups/restore', { fileName: archive.fileName, replaceOtherClinic: { confirmClinicName: 'Physio Nord' } })).toMatchObject({
        ok: false,
        error: { code: 'backup_confirm_clinic_name', params: { clinic: 'Physio am Park' } },
      })
      expect(await patientNames()).toEqual(['Meier'])

      await clinic.value('backups/restore', { fileName: archive.fileName, replaceOtherClinic: { confirmClinicName: 'Physio am Park' } })
      await clinic.value('auth/signIn', TEST_ACCOUNT)
      expect(await patientNames()).toEqual(['Nordmann'])
      expect(await clinic.query("select reason from audit_log where table_name = 'database' and action = 'restore'")).toEqual([
        { reason: "replaced with another clinic's data" },
      ])
    } finally {
      other.close()
    }
  })

  it('keeps the newest backups of each kind of this database only', async () => {
    const store = pgStore(clinic)
    const kept = BACKUPS_KEPT.pre_restore
    for (let i = 0; i < kept + 2; i++) await createPgBackup(store, folder, 'pre_restore', new Date(Date.UTC(2026, 0, 1, 0, 0, i)))
    const listed = listBackups(folder, 'dump')
    expect(listed).toHaveLength(kept)
    expect(listed.map((b) => b.createdAt)).toEqual([6, 5, 4, 3, 2].map((s) => `2026-01-01T00:00:0${s}Z`))
    // Their manifests went with them.
    expect(existsSync(join(folder, `${listed[0].fileName}.json`))).toBe(true)
    const removed = listed[0].fileName.replace('20260101T000006Z', '20260101T000000Z')
    expect(existsSync(join(folder, removed))).toBe(false)
    expect(existsSync(join(folder, `${removed}.json`))).toBe(false)
  })

  it("finds the client programs of the server's version, and names the package when only older ones exist", async () => {
    const version = await serverVersionOf(pgStore(clinic))
    expect((await findPgTools(version)).version).toBeGreaterThanOrEqual(version)
    const missing = await findPgTools(version + 10).catch((error: unknown) => error)
    expect(missing).toBeInstanceOf(PgToolsMissing)
    expect((missing as PgToolsMissing).aptPackage).toBe(`postgresql-client-${version + 10}`)
  })
})

describe('how the programs reach the server', () => {
  it('gives the password in PGPASSWORD, never in the arguments', () => {
    const { dbname, env } = connectionOf('postgresql://clinic:s%40cret@db.example:5433/physio?sslmode=require')
    expect(dbname).toBe('postgresql://clinic@db.example:5433/physio?sslmode=require')
    expect(env.PGPASSWORD).toBe('s@cret')
  })
})

describe('the command line on a server database', () => {
  it('backs up, lists and restores with the built CLI', async () => {
    await enrollNamed('Meier')
    const url = clinic.file
    const created = await runBuilt('cli', ['backup', 'create', '--db', url], { timeoutMs: 60_000 })
    expect(created).toMatchObject({ code: 0 })
    const [backup] = listBackups(folder, 'dump')
    expect(created.stdout).toContain(backup.file)
    await enrollNamed('Schulz')

    const list = await runBuilt('cli', ['backup', 'list', '--db', url], { timeoutMs: 60_000 })
    expect(list.code).toBe(0)
    expect(list.stdout).toContain(backup.file)
    expect((await runBuilt('cli', ['backup', 'folder', '--db', url])).stdout.trim()).toBe(folder)

    const restored = await runBuilt('cli', ['backup', 'restore', backup.file, '--db', url], { timeoutMs: 60_000 })
    expect(restored).toMatchObject({ code: 0 })
    expect(restored.stdout).toMatch(/kept as .*pre_restore\.dump/)
    // This process's own desk is still signed in, its pool reconnects: it reads the restored data.
    await clinic.restart()
    expect(await patientNames()).toEqual(['Meier'])
    const audit = await clinic.query<{ actor: string }>("select actor from audit_log where table_name = 'database' and action = 'restore'")
    expect(audit).toHaveLength(1)

    // A truncated archive is refused with exit code 1, and nothing changes.
    const damaged = join(folder, 'damaged.dump')
    writeFileSync(damaged, readFileSync(backup.file).subarray(0, 2000))
    const refused = await runBuilt('cli', ['backup', 'restore', damaged, '--db', url], { timeoutMs: 60_000 })
    expect(refused.code).toBe(1)
    expect(refused.stderr).toContain('Nothing was changed')
    expect(await patientNames()).toEqual(['Meier'])
  })
})
