import { rmSync, writeFileSync } from 'node:fs'
import { basename, join } from 'node:path'
import { BACKUP_FOLDER_SETTING, BackupRefused, belongsTo, listBackups, restoreBackupFile, type BackupFile } from '../../db/backup'
import { fileStore, type ClinicStore } from '../../db/client'
import { privateFolder } from '../../db/fileModes'
import { checkDatabaseFile } from '../../db/health'
import { identityOf, identityOfFile } from '../../db/identity'
import { insertAudit } from '../../db/repositories/audit'
import { writeSetting } from '../../db/repositories/settings'
import { BackupFailed, type BackupFolder, type BackupRunner } from './backupScheduler'
import type { BackupView, Handlers } from './contract'
import { notFound, ruleBroken } from './errors'
import type { LiveDatabase } from './liveDatabase'
import { coded } from './contract/messages'

const backupView = (b: BackupFile, databaseId: string | null): BackupView => ({
  fileName: b.fileName,
  kind: b.kind,
  createdAt: b.createdAt,
  bytes: b.bytes,
  sameDatabase: b.databaseId === null || belongsTo(b, databaseId),
  clinicName: b.clinicName,
})

/** Refuses a folder Backstride cannot create or write a file into (tried with a probe file, removed again). */
function assertWritableFolder(folder: string): void {
  try {
    privateFolder(folder)
    const probe = join(folder, `.backstride-write-test-${process.pid}`)
    writeFileSync(probe, '')
    rmSync(probe)
  } catch (error) {
    throw ruleBroken(coded('folder_not_writable', { reason: (error as NodeJS.ErrnoException).code ?? 'error' }), 'folder')
  }
}

/** What a restore writes into the restored database's audit trail. */
export interface RestoreRecord {
  actor: string
  backup: { file: string; createdAt: string; databaseId: string | null }
  replaced: { databaseId: string | null; clinicName: string }
  /** Where the replaced data is kept (the safety backup, or the command line's <database>.replaced-<time>). */
  keptAs: string
  /** Its integrity check. */
  keptCheck: string
  otherClinic: boolean
}

/** Writes the restore into the audit trail of the database that is now open (the restored one). */
export async function recordRestore(store: ClinicStore, record: RestoreRecord): Promise<void> {
  await store.transaction(async (tx) => {
    await insertAudit(tx, {
      tableName: 'database',
      recordId: 0,
      action: 'restore',
      before: { databaseId: record.replaced.databaseId, clinicName: record.replaced.clinicName, keptAs: record.keptAs, keptCheck: record.keptCheck },
      after: { backup: record.backup.file, backupCreatedAt: record.backup.createdAt, databaseId: record.backup.databaseId },
      reason: record.otherClinic ? "replaced with another clinic's data" : null,
      actor: record.actor,
    })
  })
}

/**
 * The backups methods. They live outside the service: a restore closes and
 * reopens the database under it, and signs the desk out.
 */
export function backupHandlers(options: {
  database: LiveDatabase
  /** The database file a restore replaces. */
  file: string
  folder: BackupFolder
  runner: BackupRunner
  /** Who the audit entries name. */
  actor: () => string
  /** After a restore every desk signs in again, against the restored accounts. */
  signOutEveryone: () => void
}): Handlers['backups'] {
  const { database, file, folder, runner } = options
  const ownId = () => identityOf(fileStore(database.store).sqlite).databaseId
  const made = async (kind: BackupFile['kind']) => {
    try {
      return await runner.run(kind)
    } catch (error) {
      if (error instanceof BackupFailed) throw ruleBroken(error.said)
      throw error
    }
  }
  return {
    list: async () => ({ folder: folder.get(), backups: listBackups(folder.get()).map((b) => backupView(b, ownId())) }),
    status: async () => ({ folder: folder.get(), problem: runner.problem() }),
    setFolder: async ({ folder: chosen }) => {
      assertWritableFolder(chosen)
      await database.store.transaction(async (tx) => {
        await writeSetting(tx, BACKUP_FOLDER_SETTING, chosen)
        await insertAudit(tx, { tableName: 'settings', recordId: 0, action: 'update', before: { backupFolder: folder.get() }, after: { backupFolder: chosen }, actor: options.actor() })
      })
      folder.set(chosen)
      return { folder: chosen }
    },
    create: async () => backupView(await made('manual'), ownId()),
    restore: async ({ fileName, replaceOtherClinic }) => {
      const backup = listBackups(folder.get()).find((b) => b.fileName === fileName)
      if (!backup) throw notFound(coded('backup_not_found', { name: basename(fileName) }), 'fileName')
      const check = checkDatabaseFile(backup.file)
      if (check.state !== 'ok') throw ruleBroken(coded('backup_unrestorable', { detail: 'detail' in check ? check.detail : check.state }), 'fileName')
      const current = identityOf(fileStore(database.store).sqlite)
      const incoming = identityOfFile(backup.file)
      const otherClinic = Boolean(incoming?.databaseId && current.databaseId && incoming.databaseId !== current.databaseId)
      if (otherClinic && !replaceOtherClinic) throw ruleBroken(coded('backup_other_database', { clinic: incoming?.clinicName ?? '' }), 'fileName')
      if (otherClinic && replaceOtherClinic?.confirmClinicName.trim() !== current.clinicName) {
        throw ruleBroken(coded('backup_confirm_clinic_name', { clinic: current.clinicName }), 'replaceOtherClinic.confirmClinicName')
      }
      // The safety backup (SQLite's online backup: every committed transaction, the log's too) keeps what is replaced.
      const safety = await made('pre_restore')
      const keptCheck = checkDatabaseFile(safety.file)
      if (keptCheck.state !== 'ok') throw ruleBroken(coded('backup_unrestorable', { detail: 'detail' in keptCheck ? keptCheck.detail : keptCheck.state }), 'fileName')
      try {
        await database.replaceFile(() => restoreBackupFile(file, backup.file))
      } catch (error) {
        if (error instanceof BackupRefused) throw ruleBroken(coded('backup_unrestorable', { detail: error.message }), 'fileName')
        throw error
      }
      const actor = options.actor()
      options.signOutEveryone()
      await recordRestore(database.store, {
        actor,
        backup: { file: backup.file, createdAt: backup.createdAt, databaseId: incoming?.databaseId ?? null },
        replaced: current,
        keptAs: safety.file,
        keptCheck: 'ok',
        otherClinic,
      })
      return { restored: backupView(backup, ownId()), safetyBackup: backupView(safety, ownId()) }
    },
  }
}
