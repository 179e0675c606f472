import { fileStore } from '../../db/client'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { BACKUPS_KEPT, backupFolderFor, createBackup, dailyBackupDue, listBackups } from '../../db/backup'
import { identityOf } from '../../db/identity'
import type { BackupStatus, BackupView, Channel, PatientPage } from '../../electron/clinic/contract'
import { dispatch } from '../../electron/clinic/dispatch'
import { DatabaseUnusable, openClinic } from '../../electron/clinic/open'
import { enrollment, tempClinic, TEST_ACCOUNT, type TempClinic } from './factories'

let clinic: TempClinic
beforeEach(async () => {
  clinic = await tempClinic()
})
afterEach(() => clinic.close())

const patientNames = async () => ((await clinic.value<PatientPage>('patients/list', {})).rows).map((p) => p.lastName)

describe('backups', () => {
  it('makes a backup at each start of an existing database, none for a brand-new file', async () => {
    expect(listBackups(backupFolderFor(clinic.file))).toHaveLength(0)
    await clinic.restart()
    expect(listBackups(backupFolderFor(clinic.file)).map((b) => b.kind)).toEqual(['start'])
  })

  it('restores a manual backup after checking it, keeping a safety copy of what it replaced', async () => {
    await clinic.value('patients/enroll', enrollment())
    const backup = await clinic.value<BackupView>('backups/create')
    expect(backup.kind).toBe('manual')
    const second = enrollment()
    second.patient = { ...second.patient, lastName: 'Schulz' }
    await clinic.value('patients/enroll', second)
    expect(await patientNames()).toEqual(['Meier', 'Schulz'])

    const result = await clinic.value<{ safetyBackup: BackupView }>('backups/restore', { fileName: backup.fileName })
    // Everyone signs in again, against the restored accounts.
    expect(await clinic.call('patients/list')).toMatchObject({ ok: false, error: { kind: 'unauthorized' } })
    await clinic.value('auth/signIn', TEST_ACCOUNT)
    expect(await patientNames()).toEqual(['Meier'])
    expect(result.safetyBackup.kind).toBe('pre_restore')
    // The restore is in the restored database's audit trail: who, from which backup, where the replaced data is kept.
    const audit = (await clinic.query("select actor, before, after from audit_log where table_name = 'database' and action = 'restore'")) as Record<string, string>[]
    expect(audit).toHaveLength(1)
    expect(audit[0].actor).toBe(TEST_ACCOUNT.username)
    expect(JSON.parse(audit[0].after)).toMatchObject({ backup: join(backupFolderFor(clinic.file), backup.fileName) })
    expect(JSON.parse(audit[0].before)).toMatchObject({ keptAs: join(backupFolderFor(clinic.file), result.safetyBackup.fileName), keptCheck: 'ok' })
    // The safety copy holds the state before the restore.
    await clinic.value('backups/restore', { fileName: result.safetyBackup.fileName })
    await clinic.value('auth/signIn', TEST_ACCOUNT)
    expect(await patientNames()).toEqual(['Meier', 'Schulz'])
  })

  it('refuses to restore a damaged backup and changes nothing', async () => {
    await clinic.value('patients/enroll', enrollment())
    const folder = backupFolderFor(clinic.file)
    mkdirSync(folder, { recursive: true })
    writeFileSync(join(folder, 'backstride-20260101T000000Z-manual.sqlite'), 'this is not a database'.repeat(100))
    const result = await clinic.call('backups/restore', { fileName: 'backstride-20260101T000000Z-manual.sqlite' })
    expect(result).toMatchObject({ ok: false, error: { kind: 'rule', fields: [{ path: 'fileName' }] } })
    expect(await patientNames()).toEqual(['Meier'])
  })

  it('refuses a file name that is not one of the backups', async () => {
    const result = await clinic.call('backups/restore', { fileName: '../../etc/passwd' })
    expect(result).toMatchObject({ ok: false, error: { kind: 'not_found' } })
  })

  it('keeps a bounded number of backups of each kind', async () => {
    const folder = backupFolderFor(clinic.file)
    for (let i = 0; i < BACKUPS_KEPT.start + 3; i++) {
      await createBackup(fileStore(clinic.store).sqlite, folder, 'start', new Date(Date.UTC(2026, 0, 1, 0, 0, i)))
    }
    expect(listBackups(folder).filter((b) => b.kind === 'start')).toHaveLength(BACKUPS_KEPT.start)
    expect(listBackups(folder)[0].createdAt).toBe('2026-01-01T00:00:12Z')
  })

  it('is due daily: when the newest automatic backup of this database is a day old', async () => {
    const folder = backupFolderFor(clinic.file)
    const id = identityOf(fileStore(clinic.store).sqlite).databaseId
    await createBackup(fileStore(clinic.store).sqlite, folder, 'start', new Date('2026-03-10T08:00:00Z'))
    expect(dailyBackupDue(folder, id, new Date('2026-03-11T07:59:00Z'))).toBe(false)
    expect(dailyBackupDue(folder, id, new Date('2026-03-11T08:00:00Z'))).toBe(true)
    // Another database's backup in the same folder does not count.
    expect(dailyBackupDue(folder, '00000000-0000-4000-8000-000000000000', new Date('2026-03-10T09:00:00Z'))).toBe(true)
  })

  it('a flood of manual backups cannot push out the first manual backup of each earlier day', async () => {
    const folder = backupFolderFor(clinic.file)
    const days = ['2026-03-01', '2026-03-02', '2026-03-03']
    for (const day of days) await createBackup(fileStore(clinic.store).sqlite, folder, 'manual', new Date(`${day}T08:00:00Z`))
    // Anyone signed in (an assessor too) making backup after backup on one day.
    for (let i = 0; i < BACKUPS_KEPT.manual + 15; i++) await createBackup(fileStore(clinic.store).sqlite, folder, 'manual', new Date(Date.UTC(2026, 2, 4, 9, 0, i)))
    const manual = listBackups(folder).filter((b) => b.kind === 'manual')
    for (const day of days) expect(manual.map((b) => b.createdAt)).toContain(`${day}T08:00:00Z`)
    // The newest 20, the first of 4 March among them (kept anyway), and the three earlier days.
    expect(manual).toHaveLength(BACKUPS_KEPT.manual + 1 + days.length)
    expect(manual.map((b) => b.createdAt)).toContain('2026-03-04T09:00:00Z')
  })
})

describe('the backup folder', () => {
  it('can be moved to another folder (clinic lead), where the next backups go, and is kept after a restart', async () => {
    const folder = join(clinic.file, '..', 'elsewhere', 'backups')
    expect(await clinic.value('backups/setFolder', { folder })).toEqual({ folder })
    const backup = await clinic.value<BackupView>('backups/create')
    expect(listBackups(folder).map((b) => b.fileName)).toContain(backup.fileName)
    await clinic.restart()
    expect(await clinic.value<{ folder: string }>('backups/list')).toMatchObject({ folder })
    expect(listBackups(folder).map((b) => b.kind)).toContain('start')
  })

  it('refuses a relative path and a folder it cannot write to, and keeps the old folder', async () => {
    const before = await clinic.value<{ folder: string }>('backups/list')
    expect(await clinic.call('backups/setFolder', { folder: 'backups' })).toMatchObject({ ok: false, error: { kind: 'validation', fields: [{ path: 'folder' }] } })
    writeFileSync(join(clinic.file, '..', 'a-file'), 'x')
    expect(await clinic.call('backups/setFolder', { folder: join(clinic.file, '..', 'a-file', 'sub') })).toMatchObject({
      ok: false,
      error: { kind: 'rule', fields: [{ path: 'folder' }] },
    })
    expect(await clinic.value<{ folder: string }>('backups/list')).toEqual(before)
  })
})

describe('a database that cannot be used', () => {
  it('refuses a damaged file with a clear message, leaves it untouched and names the latest backup', async () => {
    await clinic.value('patients/enroll', enrollment())
    await clinic.value('backups/create')
    clinic.stop()
    const damaged = Buffer.from('SQLite format 3\0' + 'garbage'.repeat(2000))
    writeFileSync(clinic.file, damaged)
    const error = await openClinic({ file: clinic.file, mode: 'browser', version: 'test' }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(DatabaseUnusable)
    expect((error as Error).message).toMatch(/is damaged/)
    expect((error as Error).message).toMatch(/left untouched/)
    expect((error as DatabaseUnusable).latestBackup?.kind).toBe('manual')
    expect(readFileSync(clinic.file).equals(damaged)).toBe(true)
  })

  it('refuses a file from a newer version of the app and leaves it untouched', async () => {
    (await clinic.query('insert into __drizzle_migrations (hash, created_at) values (?, ?)', 'from-the-future', 4102444800000))
    clinic.stop()
    const error = await openClinic({ file: clinic.file, mode: 'browser', version: 'test' }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(DatabaseUnusable)
    expect((error as Error).message).toMatch(/newer version/)
    expect(existsSync(clinic.file)).toBe(true)
    expect(listBackups(backupFolderFor(clinic.file))).toEqual([])
  })
})

describe('backups of another database', () => {
  /** A second clinic, with its own database, account and name, backed up into this clinic's backup folder. */
  async function otherClinicsBackup(): Promise<{ fileName: string; close: () => void }> {
    const dir = mkdtempSync(join(tmpdir(), 'backstride-other-'))
    const other = await openClinic({ file: join(dir, 'other.sqlite'), mode: 'browser', version: 'test' })
    const call = (channel: Channel, input: unknown = {}) => dispatch(other.handlers, channel, input)
    await call('auth/setup', { username: 'other.lead', displayName: 'Other Lead', password: 'another long password' })
    await call('settings/updateClinic', { clinicName: 'Physio Nord' })
    const backup = await createBackup(fileStore(other.store).sqlite, backupFolderFor(clinic.file), 'manual')
    return {
      fileName: backup.fileName,
      close: () => {
        other.close()
        rmSync(dir, { recursive: true, force: true })
      },
    }
  }

  it('keeps their own keep limits and says whose they are', async () => {
    const other = await otherClinicsBackup()
    try {
      const folder = backupFolderFor(clinic.file)
      for (let i = 0; i < BACKUPS_KEPT.manual + 2; i++) await createBackup(fileStore(clinic.store).sqlite, folder, 'manual', new Date(Date.UTC(2026, 2, 4, 9, 0, i)))
      const listed = await clinic.value<{ backups: BackupView[] }>('backups/list')
      expect(listed.backups.filter((b) => b.sameDatabase && b.kind === 'manual')).toHaveLength(BACKUPS_KEPT.manual + 1)
      // The other database's one backup was neither counted nor removed.
      expect(listed.backups.filter((b) => !b.sameDatabase)).toMatchObject([{ fileName: other.fileName, clinicName: 'Physio Nord' }])
      // Their names carry their database: backstride-<8 hex digits of its identity>-<time>-<kind>.sqlite.
      const ownPrefix = `backstride-${(identityOf(fileStore(clinic.store).sqlite).databaseId as string).replace(/-/g, '').slice(0, 8)}-`
      expect(listed.backups.filter((b) => b.sameDatabase).every((b) => b.fileName.startsWith(ownPrefix))).toBe(true)
      expect(other.fileName.startsWith(ownPrefix)).toBe(false)
    } finally {
      other.close()
    }
  })

  it('refuses to restore one, unless the clinic lead chooses to replace this clinic\'s data and types its name', async () => {
    await clinic.value('patients/enroll', enrollment())
    await clinic.value('settings/updateClinic', { clinicName: 'Physio am Park' })
    const other = await otherClinicsBackup()
    try {
      expect(await clinic.call('backups/restore', { fileName: other.fileName })).toMatchObject({
        ok: false,
        error: { kind: 'rule', code: 'backup_other_database', params: { clinic: 'Physio Nord' } },
      })
      expect(await clinic.call('backups/restore', { fileName: other.fileName, replaceOtherClinic: { confirmClinicName: 'Physio Nord' } })).toMatchObject({
        ok: false,
        error: { kind: 'rule', code: 'backup_confirm_clinic_name', params: { clinic: 'Physio am Park' } },
      })
      // Nothing changed.
      expect(await patientNames()).toEqual(['Meier'])

      await clinic.value('backups/restore', { fileName: other.fileName, replaceOtherClinic: { confirmClinicName: 'Physio am Park' } })
      // This desk's user does not exist in the other clinic's data: signed out, and cannot sign in again.
      expect(await clinic.call('patients/list')).toMatchObject({ ok: false, error: { kind: 'unauthorized' } })
      expect(await clinic.call('auth/signIn', TEST_ACCOUNT)).toMatchObject({ ok: false })
      expect(await clinic.call('auth/setup', TEST_ACCOUNT)).toMatchObject({ ok: false })
      expect(await clinic.call('auth/signIn', { username: 'other.lead', password: 'another long password' })).toMatchObject({ ok: true })
      expect(await patientNames()).toEqual([])
      const audit = (await clinic.query("select reason from audit_log where table_name = 'database' and action = 'restore'"))
      expect(audit).toEqual([{ reason: "replaced with another clinic's data" }])
    } finally {
      other.close()
    }
  })
})

describe('a backup folder problem', () => {
  it('never stops the clinic: it starts, says why the backup failed, records it, and the next backup succeeds once the folder is back', async () => {
    const disk = join(clinic.file, '..', 'usb-disk')
    const folder = join(disk, 'backups')
    await clinic.value('backups/setFolder', { folder })
    // The disk is unplugged.
    rmSync(disk, { recursive: true, force: true })
    await clinic.restart()
    await clinic.value('patients/enroll', enrollment())
    const status = await clinic.value<BackupStatus>('backups/status')
    expect(status).toMatchObject({ folder, problem: { kind: 'start', folder, reason: { code: 'backup_folder_missing', params: { folder } } } })
    expect(existsSync(disk)).toBe(false)
    const made = await clinic.call('backups/create')
    expect(made).toMatchObject({ ok: false, error: { kind: 'rule', code: 'backup_folder_missing' } })
    const failures = (await clinic.query("select value from settings where key = 'backup_failures'"))[0] as { value: string }
    expect(JSON.parse(failures.value).map((f: { kind: string }) => f.kind)).toEqual(['start', 'manual'])

    mkdirSync(disk)
    await clinic.value('backups/create')
    expect(await clinic.value<BackupStatus>('backups/status')).toEqual({ folder, problem: null })
  })
})

describe('file modes', () => {
  it('database, its log, lock, backups and manifests are 0600, the folders Backstride creates 0700', async () => {
    await clinic.value('patients/enroll', enrollment())
    const backup = await clinic.value<BackupView>('backups/create')
    const folder = backupFolderFor(clinic.file)
    const mode = (file: string) => (statSync(file).mode & 0o777).toString(8)
    for (const file of [clinic.file, `${clinic.file}-wal`, `${clinic.file}-shm`, `${clinic.file}.lock`, join(folder, backup.fileName), join(folder, `${backup.fileName}.json`)]) {
      expect([file, mode(file)]).toEqual([file, '600'])
    }
    expect(mode(folder)).toBe('700')
    // A database in a folder that does not exist yet: the folder is created 0700.
    const fresh = join(clinic.file, '..', 'new-place', 'clinic.sqlite')
    const opened = await openClinic({ file: fresh, mode: 'browser', version: 'test' })
    opened.close()
    expect(mode(join(fresh, '..'))).toBe('700')
    expect(mode(fresh)).toBe('600')
  })
})
