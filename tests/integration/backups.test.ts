import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { BACKUPS_KEPT, backupFolderFor, createBackup, dailyBackupDue, listBackups } from '../../db/backup'
import type { BackupView, PatientSummary } from '../../electron/clinic/contract'
import { DatabaseUnusable, openClinic } from '../../electron/clinic/open'
import { enrollment, tempClinic, type TempClinic } from './factories'

let clinic: TempClinic
beforeEach(async () => {
  clinic = await tempClinic()
})
afterEach(() => clinic.close())

const patientNames = async () => (await clinic.value<PatientSummary[]>('patients/list', {})).map((p) => p.lastName)

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
    expect(await patientNames()).toEqual(['Meier'])
    expect(result.safetyBackup.kind).toBe('pre_restore')
    // The safety copy holds the state before the restore.
    await clinic.value('backups/restore', { fileName: result.safetyBackup.fileName })
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
      await createBackup(clinic.store.sqlite, folder, 'start', new Date(Date.UTC(2026, 0, 1, 0, 0, i)))
    }
    expect(listBackups(folder).filter((b) => b.kind === 'start')).toHaveLength(BACKUPS_KEPT.start)
    expect(listBackups(folder)[0].createdAt).toBe('2026-01-01T00:00:12Z')
  })

  it('is due daily: when the newest automatic backup is a day old', async () => {
    const folder = backupFolderFor(clinic.file)
    await createBackup(clinic.store.sqlite, folder, 'start', new Date('2026-03-10T08:00:00Z'))
    expect(dailyBackupDue(folder, new Date('2026-03-11T07:59:00Z'))).toBe(false)
    expect(dailyBackupDue(folder, new Date('2026-03-11T08:00:00Z'))).toBe(true)
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
    clinic.store.sqlite
      .prepare('insert into __drizzle_migrations (hash, created_at) values (?, ?)')
      .run('from-the-future', 4102444800000)
    clinic.stop()
    const error = await openClinic({ file: clinic.file, mode: 'browser', version: 'test' }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(DatabaseUnusable)
    expect((error as Error).message).toMatch(/newer version/)
    expect(existsSync(clinic.file)).toBe(true)
    expect(listBackups(backupFolderFor(clinic.file))).toEqual([])
  })
})
